"""Canned research queries: ``service/queries/*.rq``, listed at ``/queries``, run by ``/queries/<name>``.

Each file starts with comment lines that describe it::

    # title: Plans citing a document
    # title-vi: Các kế hoạch trích dẫn một văn bản
    # description: Every plan that cites the document, with the kind of citation.
    # description-vi: Mọi kế hoạch trích dẫn văn bản, với loại trích dẫn.
    # param: doc iri required pick:document -- the cited document (an IRI, or a path under the base IRI)
    # example: doc=eli/vn/2021/1790-qd-ttg

``# chart: COLUMN…`` names the count columns of an aggregate query, drawn as a bar chart on its page.
``pick:`` names what the parameter picks (pickers.py: plan, document, agency, indicator, unit,
level): the form offers suggestions from the search index, and a value naming nothing of that kind
gets a message (and, in a browser, the form again) instead of an empty result.

Parameter values are bound with pyoxigraph's ``substitutions`` (SEP-0007: the variable is
replaced by the value in the parsed query), never spliced into the text, so they cannot inject
SPARQL. An optional parameter left out stays a free variable (the query then covers all values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from kg.pipeline.summary import is_current
from service.errors import ServiceError
from service.labels import labels_for, local_link
from service.pages.charts import bar_chart
from service.pages.pickers import PICK_NAMES, PICKS, PickError, level_choices, resolve
from service.pages.table import RESERVED, table_view
from service.protocol.results import RESULT_FORMATS, negotiate
from service.protocol.sparql import result_response, run_query
from service.state import state

bp = Blueprint("canned", __name__)
QUERY_DIR = Path(str(files("service") / "queries"))  # package data (pyproject.toml)
TYPES = ("iri", "string", "integer", "date")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?P<required>\s+required)?(?:\s+pick:(?P<pick>\w+))?"
    r"(?:\s+--\s*(?P<help>.*))?$")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    help: str
    pick: str = ""


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    examples: dict[str, str] = field(default_factory=dict)
    title_vi: str = ""
    description_vi: str = ""
    chart: tuple[str, ...] = ()  # count columns drawn as bar charts


def parse_rq(path: Path) -> CannedQuery:
    """Read one .rq file and its header comments; raise ValueError naming the file and line."""
    meta: dict[str, str] = {}
    params: list[Param] = []
    examples: dict[str, str] = {}
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            match = _PARAM.match(value)
            if not match or match["type"] not in TYPES or (match["pick"] and match["pick"] not in PICKS):
                raise ValueError(f"{path}:{number}: expected '# param: NAME ({'|'.join(TYPES)}) [required] "
                                 f"[pick:({'|'.join(PICKS)})] [-- help]', found {value!r}")
            params.append(Param(match["name"], match["type"], bool(match["required"]), match["help"] or "",
                                match["pick"] or ""))
        elif key == "example":
            name, _, example = value.partition("=")
            examples[name.strip()] = example.strip()
        elif key == "chart":
            meta["chart"] = (meta.get("chart", "") + " " + value).strip()
        elif key in ("title", "description", "title-vi", "description-vi"):
            meta[key] = (meta.get(key, "") + " " + value).strip()
    if "title" not in meta:
        raise ValueError(f"{path}: the header has no '# title:' line")
    return CannedQuery(path.stem, meta["title"], meta.get("description", ""), text, tuple(params), examples,
                       meta.get("title-vi", ""), meta.get("description-vi", ""),
                       tuple(meta.get("chart", "").split()))


def load_queries(folder: Path = QUERY_DIR) -> dict[str, CannedQuery]:
    return {q.name: q for q in sorted((parse_rq(p) for p in folder.glob("*.rq")), key=lambda q: q.name)}


def bind(query: CannedQuery, args: dict[str, str], base: str) -> dict[str, Any]:
    """Validate request arguments against the declared parameters; return engine substitutions."""
    known = {p.name for p in query.params} | {"format", *RESERVED}
    unknown = sorted(a for a in set(args) - known if not a.startswith("f."))
    if unknown:
        raise ServiceError(f"Unknown parameter(s) {', '.join(unknown)} for query {query.name!r}; it takes: "
                           f"{', '.join(p.name for p in query.params) or 'no parameters'}.")
    out: dict[str, Any] = {}
    for p in query.params:
        value = (args.get(p.name) or "").strip()
        if not value:
            if p.required:
                raise ServiceError(f"Query {query.name!r} needs the parameter {p.name!r} ({p.help}).")
            continue
        if p.pick:  # raises PickError naming the candidates
            out[p.name] = ("uri", resolve(p.pick, p.name, value))
        elif p.type == "iri":
            iri = value if re.match(r"^[a-z][a-z0-9+.-]*:", value) else base + value.lstrip("/")
            if re.search(r'[\s<>"{}|^`\\]', iri):
                raise ServiceError(f"Parameter {p.name!r} is not a valid IRI: {value!r}.")
            out[p.name] = ("uri", iri)
        elif p.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise ServiceError(f"Parameter {p.name!r} must be an integer, got {value!r}.")
            out[p.name] = ("literal", str(int(value)), _XSD + "integer", None)
        elif p.type == "date":
            try:
                day = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
            except ValueError:
                day = None
            if day is None:
                raise ServiceError(f"Parameter {p.name!r} must be a date written YYYY-MM-DD, got {value!r}.")
            out[p.name] = ("literal", day.isoformat(), _XSD + "date", None)
        else:
            out[p.name] = ("literal", value, _XSD + "string", None)
    return out


def queries() -> dict[str, CannedQuery]:
    cache = current_app.extensions.setdefault("vnge_canned", {})
    if "all" not in cache:
        cache["all"] = load_queries()
    return cache["all"]


def warm_up() -> None:
    """Answer every canned query that needs no parameter, so its whole-corpus result is cached
    (in memory and in ``<store>.cache/``) before the first researcher asks (same key as :func:`run`)."""
    config = current_app.config
    for name, query in queries().items():
        if any(p.required for p in query.params):
            continue
        task = {"op": "query", "query": query.text, "default_graph": None, "named_graphs": None,
                "query_dataset": False, "substitutions": {}, "max_rows": config["VNGE_MAX_ROWS"]}
        state().memo((name, ()), lambda task=task: state().pool.execute(
            task, timeout=float(config["VNGE_CANNED_TIMEOUT"]), setting="VNGE_CANNED_TIMEOUT"))


@bp.route("/queries")
def index() -> Response | str:
    items = list(queries().values())
    if request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]:
        return render_template("queries.html", queries=items, title="Câu hỏi nghiên cứu · Research queries")
    return jsonify([{"name": q.name, "title": q.title, "description": q.description, "title_vi": q.title_vi,
                     "description_vi": q.description_vi,
                     "params": [vars(p) for p in q.params], "examples": q.examples,
                     "url": f"/queries/{q.name}"} for q in items])


@bp.route("/queries/<name>.rq")
def source(name: str) -> Response:
    query = queries().get(name)
    if query is None:
        raise ServiceError(f"No canned query named {name!r}; see /queries.", 404)
    return Response(query.text, mimetype="application/sparql-query")


@bp.route("/queries/<name>")
def run(name: str) -> Response:
    query = queries().get(name)
    if query is None:
        raise ServiceError(f"No canned query named {name!r}; the list is at /queries.", 404)
    args = {k: request.args.get(k, "") for k in request.args}
    accept = request.accept_mimetypes if request.headers.get("Accept") else None
    html = negotiate("SELECT", accept, args.get("format")).key == "html"
    given = {k: v for k, v in args.items() if k != "format" and v and k in {p.name for p in query.params}}
    missing = [p for p in query.params if p.required and not given.get(p.name)]
    if html and missing:  # a browser gets the form, asking for what is missing
        return _form(query, given, f"Chọn {', '.join(p.name for p in missing)} rồi bấm Chạy · Choose "
                                   f"{', '.join(p.name for p in missing)}, then Run.", status=200)
    try:
        substitutions = bind(query, args, current_app.config["VNGE_BASE"])
    except PickError as e:
        if html:
            return _form(query, given, e.message, candidates=e.candidates, param=e.param, status=400)
        named = "; ".join(f"{label} <{iri}>" for iri, label in e.candidates)
        raise ServiceError(e.message + (f" Candidates: {named}" if named else "")) from None
    memo_key = (name, tuple(sorted(substitutions.items())))
    fmt, result = run_query(query.text, substitutions=substitutions, fmt_param=args.get("format"),
                            memo_key=memo_key)
    downloads = [(f.key, f"/queries/{name}?" + urlencode({**given, "format": f.key}))
                 for f in RESULT_FORMATS if f.key != "html"]
    stale = _summary_notice(query.text)
    extra: dict[str, Any] = {"description": query.description, "canned": query, "values": given,
                             "downloads": downloads, "stale": stale, "levels": level_choices(),
                             "picked": _picked(query, substitutions), "pick_names": PICK_NAMES}
    if fmt.key == "html" and result.get("form") == "SELECT":
        labels = _result_labels(result)
        view = table_view(result, args, labels, given, bound=substitutions)
        extra.update(table=view, table_labels=labels,
                     chart=bar_chart({"vars": view.vars, "rows": view.kept}, labels, local_link,
                                     args.get("chart", ""), allowed=query.chart) if query.chart else None)
    response = result_response(fmt, result, title=query.title, query=query.text, extra=extra)
    if stale:  # API clients learn it too, as they learn about cut results
        response.headers["Warning"] = f'199 vnge "{stale}"'
    return response


def _picked(query: CannedQuery, substitutions: dict[str, Any]) -> dict[str, str]:
    """The name of each picked parameter's entity, shown beside its box."""
    iris = {p.name: substitutions[p.name][1] for p in query.params if p.pick and p.name in substitutions}
    labels = labels_for(set(iris.values())) if iris else {}
    return {name: labels[iri] for name, iri in iris.items() if iri in labels}


def _result_labels(result: dict[str, Any]) -> dict[str, str]:
    iris = {t[1] for row in result.get("rows") or [] for t in row if t is not None and t[0] == "uri"}
    return labels_for(iris) if iris else {}


def _form(query: CannedQuery, values: dict[str, str], message: str, *, candidates: list[tuple[str, str]]
          | None = None, param: str = "", status: int = 200) -> Response:
    body = render_template("results.html", title=query.title, canned=query, values=values, result=None,
                           description=query.description, form_message=message, candidates=candidates or [],
                           form_param=param, levels=level_choices(), query=query.text, labels={},
                           pick_names=PICK_NAMES)
    return Response(body, status=status, mimetype="text/html")


def _summary_notice(text: str) -> str:
    """What a query reading graph/summary says when the summary is older than the data (marked stale
    by a SPARQL update, or between an ingest's two requests); empty otherwise."""
    if "LeadAgencyCount" not in text and "IndicatorTargetSummary" not in text and "rankInLevel" not in text:
        return ""
    current = state().cached("summary-current", lambda: state().pool.execute(
        {"op": "query", "query": is_current()})["boolean"])
    return "" if current else ("These counts come from graph/summary, which is older than the data (it "
                               "changed since they were counted); the next kg ingest or kg build counts "
                               "again.")
