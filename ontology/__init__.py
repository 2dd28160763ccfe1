"""The ontology (vnge.ttl) and its SKOS vocabularies (vocab.ttl), installed as data of kg: see kg/resources.py."""
