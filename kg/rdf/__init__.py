"""RDF: namespaces and IRI minting (one place, ``namespaces``), term conversions between pyoxigraph,
rdflib and picklable tuples (``terms``), and the mapping of extracted records to triples, each fact
with its evidence span (``mapping`` for the plan document, ``facts`` per fact kind, over ``context``
and the reference index of ``references``), the shared entities described once from the plans'
claims (``entities``). Also the ontology's HTML documentation (``docs``)."""
