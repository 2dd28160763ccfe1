"""RDF: namespaces and IRI minting (one place), and the mapping of extracted records to triples, each
fact with its Web Annotation. Also the ontology's HTML documentation. No file or store access."""
