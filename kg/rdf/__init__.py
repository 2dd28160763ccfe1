"""RDF: namespaces and IRI minting (one place, ``namespaces``), term conversions between pyoxigraph,
rdflib and picklable tuples (``terms``), and the mapping of extracted records to triples, each fact
with its Web Annotation (``mapping`` for the plan document, ``facts`` per fact kind, over ``context``
and the reference index of ``references``). Also the ontology's HTML documentation (``docs``)."""
