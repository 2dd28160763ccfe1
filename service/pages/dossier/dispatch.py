"""Which readable page an IRI gets: a plan (the dossier), a legal document,
an agency and an administrative unit. The entity page (service/pages/entity.py) hands the HTML view
of an IRI here first (:func:`page_for`); ``?view=facts`` keeps the generic page of all facts."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Response, render_template, request

from service.labels import select
from service.pages.dossier.agency import agency_page
from service.pages.dossier.common import PROV, RDF_TYPE, VNP, outgoing_index
from service.pages.dossier.document import document_page
from service.pages.dossier.plan import dossier
from service.pages.dossier.unit import unit_page
from service.state import state

PLAN = VNP + "Plan"
#: the kinds of document and unit (docs/DESIGN.md), so that a store without graph/inference works too
DOCUMENTS = frozenset(VNP + k for k in (
    "LegalDocument", "InternationalConvention", "Constitution", "Law", "Resolution", "Decree", "Decision",
    "Directive", "Circular", "Strategy", "Programme", "OfficialLetter"))
AGENCY = VNP + "Agency"
UNITS = frozenset(VNP + k for k in ("AdministrativeUnit", "Country", "Province", "District", "Commune"))


def page_for(iri: str) -> Response | None:
    """The dossier page of ``iri`` when its type has one, else None (the generic page)."""
    if request.args.get("view") == "facts":
        return None
    # one query, types too: each fact once (an agency or a law is described again by every plan's
    # graph: 1,389 rows for 10 facts on the 1% store), and the graph of the plan's source file
    outgoing = select(f"""SELECT DISTINCT ?p ?o ?g WHERE {{ {{ GRAPH ?h {{ <{iri}> ?p ?o }} }}
      UNION {{ GRAPH ?g {{ <{iri}> prov:wasDerivedFrom ?o }} BIND(prov:wasDerivedFrom AS ?p) }} }}""")
    types = {r["o"][1] for r in outgoing if r["p"][1] == RDF_TYPE}
    if not types & {PLAN, AGENCY, *DOCUMENTS, *UNITS}:
        return None
    if PLAN in types:  # many, and sorted by the reader: computed each time
        found = _context(iri, types, outgoing)
    else:
        found = state().page(page_key(iri), lambda: _context(iri, types, outgoing))
    if found is None:
        return None
    template, context = found
    title = context.get("page_title") or _title(context, iri)
    body = render_template(template, **{k: v for k, v in context.items() if k != "page_title"}, title=title)
    response = Response(body, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def page_key(iri: str) -> tuple[Any, ...]:
    """The key of a document's, agency's or unit's page data: kept per data version (state.page) and
    day (a document's status depends on the date), so that a law cited by every plan or an agency
    issuing hundreds of documents is read once; the page around it is rendered for each request."""
    return ("dossier", iri, date.today().isoformat())


def warm_up(iris: list[str]) -> None:
    """Read the page data of ``iris`` (documents, agencies or units) into :func:`page_key`'s cache."""
    for iri in iris:
        outgoing = select(f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?h {{ <{iri}> ?p ?o }} }}")
        types = {r["o"][1] for r in outgoing if r["p"][1] == RDF_TYPE}
        if types & {AGENCY, *DOCUMENTS, *UNITS} and PLAN not in types:
            state().page(page_key(iri), lambda i=iri, t=types, rows=outgoing: _context(i, t, rows))


def _context(iri: str, types: set[str], outgoing: list[dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """The template and its context, or None when ``iri`` has no dossier page."""
    own = outgoing_index(iri, outgoing)
    if PLAN in types:
        graph = next((r["g"][1] for r in outgoing if r["p"][1] == PROV + "wasDerivedFrom" and "g" in r), None)
        context = dossier(iri, own, graph, request.args.get("sort", "number"))
        context["sort_links"] = {key: _with_sort(key) for key in ("number", "lead", "partners", "timeframe")}
        return "dossier_plan.html", context
    if types & DOCUMENTS:
        return "dossier_document.html", document_page(iri, own)
    if AGENCY in types:
        return "dossier_agency.html", agency_page(iri, own)
    if types & UNITS:
        return "dossier_unit.html", unit_page(iri, own)
    return None


def _with_sort(key: str) -> str:
    """This page's address sorted by ``key`` (the other parameters kept), at the activities table."""
    args = {k: v for k, v in request.args.items() if k != "sort"}
    if key != "number":
        args["sort"] = key
    return request.path + ("?" + urlencode(args) if args else "") + "#activities"


def _title(context: dict[str, Any], iri: str) -> str:
    labels = context.get("labels", {})
    names = labels.get(iri, {})
    return names.get("vi") or names.get("en") or iri
