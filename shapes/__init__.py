"""The SHACL shapes (*.ttl) and hierarchy audits (audits/*.rq), installed as data of kg: see kg/resources.py."""
