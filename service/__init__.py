"""The SPARQL service: protocol endpoint, canned research queries, entity pages and web UI."""
