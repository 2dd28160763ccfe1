"""The hierarchy audits (``shapes/audits/*.ttl``: SHACL-SPARQL shapes, read by
kg/validation/audit_shapes.py), whose SELECT queries return ``?this`` (focus), ``?plan`` and
``?value``: each run once over the whole store (union of the named graphs) on Oxigraph, which is
much faster than pySHACL's per-focus ``sh:sparql``. The rows of one (focus, value) are one
finding; the constraint's ``sh:message`` (vi, en) is filled from their variables."""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.rdf.namespaces import SH, graph_iri
from kg.validation.load import Audit
from kg.validation.model import Finding

REFERENCE_PLACEHOLDER = "<urn:vnge:graph:reference>"
ENTITIES_PLACEHOLDER = "<urn:vnge:graph:entities>"  # the shared entities (kg/pipeline/entities.py)
_TEMPLATE = re.compile(r"\{[?$](\w+)\}")


def run_audit(store: ox.Store, audit: Audit) -> list[Finding]:
    """Run one audit over the union of the store's graphs; one finding per (focus, value)."""
    query = audit.query.replace(REFERENCE_PLACEHOLDER, f"<{graph_iri('reference')}>")
    query = query.replace(ENTITIES_PLACEHOLDER, f"<{graph_iri('entities')}>")
    rows = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in rows.variables]
    merged: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in rows:
        values = {n: row[n].value for n in names if row[n] is not None}
        if "this" not in values:
            continue
        key = (values["this"], values.get("value", ""))
        slot = merged.setdefault(key, {})
        for n, v in values.items():
            slot.setdefault(n, set()).add(v)
    out = []
    for (focus, value), slot in sorted(merged.items()):
        fill = {n: "; ".join(sorted(vs)) for n, vs in slot.items()}  # values may hold commas

        def subst(template: str, fill: dict[str, str] = fill) -> str:
            return _TEMPLATE.sub(lambda m: fill.get(m[1], "—"), template)

        out.append(
            Finding(
                severity=audit.severity,
                focus=focus,
                shape=audit.iri,
                component=str(SH.SPARQLConstraintComponent),
                message_vi=subst(audit.message_vi),
                message_en=subst(audit.message_en),
                plan=min(slot["plan"]) if "plan" in slot else None,
                value=value or None,
            )
        )
    return out
