"""Namespaces and IRI minting: the one place where IRIs are made.

Every module that needs an IRI for a fact calls :func:`mint_iri`, so the same
fact always gets the same IRI (deterministic builds, idempotent re-ingest).

The ontology namespace is fixed; the base of data IRIs is configurable with the
``VNGE_BASE`` setting (kg/settings.py; a ``/`` is added when missing).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.settings import BASE
from kg.text.slugs import fold as fold  # re-exported: matching keys are made where IRIs are
from kg.text.slugs import slugify


class Terms(Namespace):
    """An rdflib Namespace whose terms are made once: ``VNP.Task`` and ``VNC["role-lead"]`` return the
    same URIRef on every call instead of a new one (whose IRI rdflib checks again each time); a plan's
    mapping looks up about 3,000 terms."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)  # AttributeError for "__…__" names, as Namespace
        object.__setattr__(self, name, term)  # an attribute from now on: found without this call
        return term

    def __getitem__(self, key: str) -> URIRef:
        made: dict[str, URIRef] = self.__dict__.setdefault("__made", {})
        if (term := made.get(key)) is None:
            term = made[key] = self.term(key)
        return term


VNP = Terms("https://w3id.org/vnge/ontology#")
# Controlled vocabularies (SKOS concepts of the ontology's schemes): fixed, not base-relative.
VNC = Terms("https://w3id.org/vnge/concept/")
ELI = Terms("http://data.europa.eu/eli/ontology#")
ELI_DL = Terms("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
ORG = Terms("http://www.w3.org/ns/org#")
OA = Terms("http://www.w3.org/ns/oa#")
PPLAN = Terms("http://purl.org/net/p-plan#")
SCHEMA = Terms("https://schema.org/")
SH = Terms("http://www.w3.org/ns/shacl#")
VOID = Terms("http://rdfs.org/ns/void#")
SD = Terms("http://www.w3.org/ns/sparql-service-description#")

DEFAULT_BASE = BASE.default  # of the VNGE_BASE setting

PREFIXES: dict[str, Namespace] = {
    "vnp": VNP,
    "vnc": VNC,
    "eli": ELI,
    "eli-dl": ELI_DL,
    "org": ORG,
    "prov": PROV,
    "time": TIME,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "oa": OA,
    "p-plan": PPLAN,
    "schema": SCHEMA,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}


def base() -> str:
    """The configured base for data IRIs (``VNGE_BASE``), always ending in ``/``."""
    pinned = _pins()
    if pinned:
        return pinned[-1]
    value = BASE.value()
    return value if value.endswith("/") else value + "/"


_local = threading.local()  # per thread: the bases of its :func:`pinned_base` blocks, innermost last


def _pins() -> list[str]:
    pins = getattr(_local, "pins", None)
    if pins is None:
        pins = _local.pins = []
    return pins


@contextmanager
def pinned_base() -> Iterator[str]:
    """A block (one plan's mapping) in which :func:`base` is the value read when it starts, not the
    setting read again at every minted IRI (a plan mints thousands); read afresh after the block."""
    pins = _pins()
    pins.append(base())
    try:
        yield pins[-1]
    finally:
        pins.pop()


def short_hash(text: str, length: int = 8) -> str:
    """A stable short hex digest, for keys that have no readable identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def number_slug(number: str) -> str:
    """The IRI segment of a document number: ``"55/2009/NĐ-CP"`` → ``"55-2009-nd-cp"``."""
    return slugify(number)


# Path templates, relative to base(). Each key is a tuple of already-readable
# strings; they are slugified segment by segment (a segment may itself contain
# ``/`` to express a path, e.g. a unit key "hai-phong/hong-bang").
_TEMPLATES: dict[str, str] = {
    # legal documents (ELI-like). key: (jurisdiction path, year, number or name)
    "doc": "eli/{0}/{1}/{2}",
    # article / clause subdivision of a document. key: (document IRI, "dieu_6/khoan_1")
    "subdivision": "{0}/{1}",
    # administrative unit. key: (unit path, e.g. "hai-phong/hong-bang")
    "unit": "id/dvhc/{0}",
    # agency scoped to a unit. key: (unit path or "vn", canonical agency name)
    "org": "id/org/{0}/{1}",
    # group of agencies ("các phòng, ban, ngành quận"). key: (unit path, canonical group name)
    "group": "id/group/{0}/{1}",
    # person (signatory). key: (name,)
    "person": "id/person/{0}",
    # plan content nodes. key: (plan IRI, local id such as "task/3" or "target/2")
    "part": "{0}/{1}",
    # provenance: source file by sha256; activities by step, software version, release and (for an
    # extraction) the file's sha256. key: ("extract/0.1.0/0.2.0/{sha256}",) (kg/rdf/release.py)
    "source": "source/{0}",
    "activity": "activity/{0}",
    # software agents (the extractor). key: (name,)
    "agent": "id/agent/{0}",
    # named graphs. key: ("plan", plan path) | ("reference",) | ("audit",) | ...
    "graph": "graph/{0}",
    # change events (succession of agencies and units). key: (slug,)
    "change": "id/change/{0}",
}


# Which key positions of a kind are paths ("hai-phong/hong-bang": one slug per segment);
# every other key element is slugified whole ("55/2009/NĐ-CP" → "55-2009-nd-cp").
_PATH_KEYS: dict[str, set[int]] = {
    "doc": {0},
    "unit": {0},
    "org": {0},
    "group": {0},
    "person": {0},
    "graph": {0},
    "activity": {0},
}


def _segment(value: str, is_path: bool) -> str:
    if is_path:
        return "/".join(slugify(part) for part in value.split("/") if part)
    return slugify(value)


def mint_iri(kind: str, *key: str) -> URIRef:
    """Mint the IRI of a ``kind`` of thing from its readable key.

    >>> mint_iri("unit", "hai-phong/hong-bang").endswith("id/dvhc/hai-phong/hong-bang")
    True
    >>> mint_iri("doc", "vn", "2009", "55/2009/NĐ-CP").endswith("eli/vn/2009/55-2009-nd-cp")
    True

    ``part`` and ``subdivision`` take a full IRI as their first key element and
    append a path below it.
    """
    if kind in ("part", "subdivision"):
        parent, local = key
        return URIRef(f"{parent.rstrip('/')}/{_segment(local, True)}")
    return _minted(base(), kind, key)


@lru_cache(maxsize=1 << 14)  # pure; a plan names the same agencies, units and documents again and again
def _minted(base_iri: str, kind: str, key: tuple[str, ...]) -> URIRef:
    if kind not in _TEMPLATES:
        raise KeyError(f"unknown IRI kind {kind!r}; known: {', '.join(sorted(_TEMPLATES))}")
    template = _TEMPLATES[kind]
    paths = _PATH_KEYS.get(kind, set())
    segments = [_segment(k, i in paths) for i, k in enumerate(key)]
    return URIRef(base_iri + template.format(*segments))


def concept(scheme: str, notation: str) -> URIRef:
    """IRI of a concept in one of the ontology's SKOS schemes: ``vnc:{scheme}-{notation}``.

    >>> concept("role", "lead")
    rdflib.term.URIRef('https://w3id.org/vnge/concept/role-lead')
    """
    return VNC[f"{scheme}-{notation}"]


def graph_iri(*key: str) -> URIRef:
    """IRI of a named graph: ``graph_iri("reference")``, ``graph_iri("plan", plan_path)``."""
    return mint_iri("graph", "/".join(key))
