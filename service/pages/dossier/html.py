"""The dossier pages' most repeated HTML fragments (a name, a link to an entity, its English name) as
Python functions, exported by templates/_dossier.html under the names of the macros they replace: a
Jinja macro call costs ~0.1 ms, and an agency's page links a thousand plans (BENCHMARKS.md, "Page
latency"). The output is the macros' character for character."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from service.labels import local_link

Labels = dict[str, dict[str, str]]


def name(iri: str, labels: Labels) -> Markup:
    """The Vietnamese label (else English, untagged, or the IRI's last segment), escaped."""
    n = labels.get(iri, {})
    return escape(n.get("vi") or n.get("en") or n.get("") or iri.rstrip("/").rsplit("/", 1)[-1])


def link(iri: str | None, labels: Labels, cls: str = "") -> Markup:
    if not iri:
        return Markup("")
    return Markup('<a class="iri {}" href="{}" title="{}">{}</a>').format(cls, local_link(iri), iri,
                                                                          name(iri, labels))


def links(iris: Iterable[str], labels: Labels) -> Markup:
    return Markup("; ").join(link(i, labels) for i in iris)


def en(iri: str, labels: Labels) -> Markup:
    """The English label after the Vietnamese one, when it differs."""
    names = labels.get(iri, {})
    e = names.get("en")
    if e and e != names.get("vi"):
        return Markup(' <span class="en" lang="en">{}</span>').format(e)
    return Markup("")


def register(globals_: dict[str, Any]) -> None:
    globals_.update({"dossier_name": name, "dossier_link": link, "dossier_links": links, "dossier_en": en})
