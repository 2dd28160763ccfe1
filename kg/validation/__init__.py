"""Validation: the SHACL shapes and hierarchy audits over a store, returning a report. Nothing here
prints.

=====================  ====================================================================
``model``              Finding, ValidationReport, the one order of findings
``load``               reading shapes/*.ttl, the shapes graph the store keeps, hand-made datasets
``audit_shapes``       the audits as SHACL-SPARQL shapes (shapes/audits/*.ttl)
``messages``           each shape's messages, and pySHACL's detail added to them
``context``            the types and subclass axioms a plan's data graph sees
``pyshacl_engine``     the shapes by pySHACL on each plan graph (worker pool for many plans)
``compiled``           the shapes compiled to SPARQL
``sparql_engine``      the compiled shapes run once over the whole store
``audits``             the hierarchy audits, run once over the whole store
``quotes``             the quoted plan text behind each focus node
``run``                validate_store / run_validation: engine choice, fallback, timing
``report``             rendering: text, JSON, Turtle (the SHACL report graph); /validate's
``store``              opening the store to validate; writing graph/audit
=====================  ====================================================================

Other layers import from here.
"""

from kg.validation.audits import run_audit
from kg.validation.load import Audit, load_audits, load_dataset, load_shapes
from kg.validation.model import SEVERITIES, VNSH, Finding, ValidationReport, finding_order
from kg.validation.report import (
    FORMATS,
    brief_json,
    brief_text,
    by_plan,
    render,
    report_graph,
    severity_counts,
    to_json,
)
from kg.validation.run import run_validation, validate_store
from kg.validation.store import oxigraph_path, store_audit_graph, write_audit_graph

__all__ = [
    "FORMATS",
    "SEVERITIES",
    "VNSH",
    "Audit",
    "Finding",
    "ValidationReport",
    "brief_json",
    "brief_text",
    "by_plan",
    "finding_order",
    "load_audits",
    "load_dataset",
    "load_shapes",
    "oxigraph_path",
    "render",
    "report_graph",
    "run_audit",
    "run_validation",
    "severity_counts",
    "store_audit_graph",
    "to_json",
    "validate_store",
    "write_audit_graph",
]
