"""ontology/README.md maps every reused external term to why it is used (issue 18, item 8 / done-when):
each term of ELI, ORG, PROV, SKOS, DCTERMS, OWL-Time, Web Annotation, Data Cube, P-Plan, SHACL and
VANN that ontology/*.ttl uses, or that the code writing the graphs (kg/rdf/, kg/pipeline/) names, is
a row of its table "What is reused from where"; and no row names a term nobody uses."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef

from kg.resources import ONTOLOGY_DIR

ROOT = Path(__file__).resolve().parents[2]
NAMESPACES = {
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "qb": "http://purl.org/linked-data/cube#",
    "p-plan": "http://purl.org/net/p-plan#",
    "sh": "http://www.w3.org/ns/shacl#",
    "vann": "http://purl.org/vocab/vann/",
}
# the Python names of the namespaces in kg/ (kg/rdf/namespaces.py, rdflib.namespace, local constants)
PYTHON_NAMES = {"ELI": "eli", "ORG": "org", "PROV": "prov", "SKOS": "skos", "DCTERMS": "dcterms", "DCT": "dcterms",
                "TIME": "time", "OA": "oa", "PPLAN": "p-plan", "QB": "qb"}
WRITERS = ("kg/rdf", "kg/pipeline")
_NOT_TERMS = {"n3", "term", "uri", "title_", "value"}


def _from_ontology() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        for triple in Graph().parse(path, format="turtle"):
            for x in triple:
                for prefix, ns in NAMESPACES.items():
                    if isinstance(x, URIRef) and str(x).startswith(ns) and len(x) > len(ns):
                        used.setdefault(f"{prefix}:{str(x)[len(ns):]}", set()).add(path.name)
    return used


def _from_code() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    paths = sorted(p for folder in WRITERS for p in (ROOT / folder).rglob("*.py"))
    for path in paths:
        text, name = path.read_text("utf-8"), str(path.relative_to(ROOT))
        for py, prefix in PYTHON_NAMES.items():
            for m in re.finditer(rf"\b{py}(?:\.([A-Za-z]\w*)|\[\"([\w-]+)\"\]|\s*\+\s*\"([A-Za-z][\w-]*)\")", text):
                term = next(g for g in m.groups() if g)
                if term not in _NOT_TERMS:
                    used.setdefault(f"{prefix}:{term}", set()).add(name)
        for prefix, ns in NAMESPACES.items():
            for m in re.finditer(re.escape(ns) + r"([A-Za-z][\w-]*)", text):
                used.setdefault(f"{prefix}:{m.group(1)}", set()).add(name)
            for m in re.finditer(rf"(?<![\w/.-]){re.escape(prefix)}:([A-Za-z][\w-]*)", text):
                used.setdefault(f"{prefix}:{m.group(1)}", set()).add(name)
    return used


def _table() -> set[str]:
    text = (ONTOLOGY_DIR / "README.md").read_text("utf-8")
    section = text.split("## What is reused from where", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows, "ontology/README.md has no table of reused terms"
    listed: set[str] = set()
    for row in rows:
        cells = row.split("|")
        assert len(cells) >= 6 and all(c.strip() for c in cells[1:5]), f"a row without its reason: {row}"
        listed |= set(re.findall(r"`([a-z-]+:[A-Za-z][\w-]*)`", cells[1]))
    return listed


def test_every_reused_term_is_in_the_readme_table_with_its_reason() -> None:
    used = _from_ontology()
    for term, files in _from_code().items():
        used.setdefault(term, set()).update(files)
    missing = sorted(t for t in used if t not in _table())
    assert not missing, "reused terms missing from ontology/README.md:\n" + "\n".join(
        f"{t}  (used in {', '.join(sorted(used[t]))})" for t in missing)


def test_the_table_lists_no_term_that_is_not_used() -> None:
    used = set(_from_ontology()) | set(_from_code())
    stale = sorted(_table() - used)
    assert not stale, f"ontology/README.md lists terms nothing uses: {stale}"


def test_the_scan_sees_the_terms_of_the_eli_chain() -> None:
    """The scan itself: the 0.2 terms are found where they are used (else the test above proves nothing)."""
    ontology, code = _from_ontology(), _from_code()
    for term in ("eli:LegalExpression", "eli:is_realized_by", "eli:in_force", "org:changedBy", "eli:has_annex"):
        assert "vnge.ttl" in ontology[term], term
    assert "kg/rdf/mapping.py" in code["eli:is_embodied_by"]
    assert "kg/rdf/release.py" in code["prov:wasGeneratedBy"]
