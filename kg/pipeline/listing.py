"""``kg list``: the corpus of a store, each file with its state.

States: ``in store`` (the store holds the plan extracted from exactly this file), ``changed`` (the
store holds a plan from a file of that name, but another content: rebuild or ingest it), ``failed``
(the last build could not extract it: its message), ``replaced`` (another file gives the same
plan), ``not built`` (new since the store was built: ``kg build`` or ``kg ingest`` it). Plans of the
store that no file of the corpus accounts for are listed as ``store only`` (the next rebuild keeps
their graphs in the corpus: kg/pipeline/freshness.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.pipeline.corpus import Corpus, corpus_folder, sources
from kg.pipeline.ingest import open_store
from kg.pipeline.state import read_state
from kg.rdf.namespaces import VNP

_FILES = f"""SELECT ?plan ?sha ?name WHERE {{ GRAPH ?g {{
  ?plan <http://www.w3.org/ns/prov#wasDerivedFrom> ?f .
  ?f <{VNP.sha256}> ?sha ; <{VNP.fileName}> ?name }} }}"""


@dataclass
class Entry:
    state: str
    name: str
    sha256: str
    origin: str  # "plans", "corpus" or "store"
    plan: str = ""
    note: str = ""

    def line(self) -> str:
        where = {"plans": "plans/", "corpus": "corpus", "store": "-"}[self.origin]
        tail = f"  {self.note}" if self.note else ""
        return f"{self.state:<10} {where:<7} {self.sha256[:12]}  {self.name}  {self.plan}{tail}".rstrip()


def listing(store_path: str, data_dir: Path | None = None) -> tuple[list[Entry], str]:
    """(the entries, the corpus folder) of the store at ``store_path``: the corpus it was built
    from (its record), else ``data_dir`` (default ``data``) and ``VNGE_CORPUS``."""
    state = read_state(store_path)
    data = Path(state.data) if state and state.data else (data_dir or Path("data"))
    corpus = Corpus(state.corpus) if state else Corpus(corpus_folder(data))
    store = open_store(store_path)
    try:
        held = {}
        for row in store.query(_FILES)["rows"]:
            if all(row):
                held[row[1][1]] = (row[2][1], row[0][1])
    finally:
        store.close()
    by_name = {name: sha for sha, (name, _) in held.items()}
    out = []
    seen = set()
    for source in sources(data, corpus):
        record = state.record(source.sha256) if state else None
        seen.add(source.sha256)
        if source.sha256 in held:
            entry = Entry("in store", source.name, source.sha256, source.origin, held[source.sha256][1])
        elif record is not None and record.superseded_by:
            entry = Entry("replaced", source.name, source.sha256, source.origin, record.plan or "",
                          f"by {record.superseded_by[:12]}")
        elif record is not None and record.error:
            entry = Entry("failed", source.name, source.sha256, source.origin, note=record.error)
        elif source.name in by_name:
            entry = Entry("changed", source.name, source.sha256, source.origin, held[by_name[source.name]][1],
                          "the store holds another version: `kg ingest` or `kg build` it")
        else:
            entry = Entry("not built", source.name, source.sha256, source.origin,
                          note="`kg ingest` or `kg build` it")
        if source.is_graph:
            entry.note = (entry.note + " " if entry.note else "") + "(graph kept without its file)"
        out.append(entry)
    for sha, (name, plan) in sorted(held.items(), key=lambda kv: kv[1]):
        if sha not in seen:
            out.append(Entry("store only", name, sha, "store", plan, "no file in the corpus"))
    return out, str(corpus.folder)
