"""Validation: the SHACL shapes and hierarchy audits over a store, returning a report (``model``), run by
pySHACL per plan or compiled to SPARQL (``compiled``), rendered as text, Turtle or JSON (``report``)
and written to ``graph/audit``. Nothing here prints."""
