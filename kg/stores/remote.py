"""A remote SPARQL 1.1 server: SPARQLWrapper for queries and updates, the Graph Store Protocol
(HTTP PUT/POST/DELETE of one graph) for loading. Tested against Virtuoso 7 (tests/support/virtuoso.py).

Time limits: each request carries ``timeout`` as its HTTP timeout; the server stops the query on its
side at its own limit (Virtuoso: ``MaxQueryExecutionTime`` in virtuoso.ini).

Atomicity on Virtuoso 7: a Graph Store PUT (``replace_graph``) is one HTTP request that deletes and
inserts, but Virtuoso runs SPARQL-over-HTTP writes in autocommit mode, so a concurrent reader may
see the graph empty or half-written for the duration of the request; :attr:`atomic_replace` is False.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from rdflib import Graph
from SPARQLWrapper import DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kg.rdf.terms import RDF_LANGSTRING, XSD_STRING, Term, rdflib_to_tuple
from kg.stores.base import Backend, Result, inline_values

#: graphs Virtuoso keeps for itself; they are not data and are left out of :meth:`graphs`
SYSTEM_GRAPHS = frozenset({
    "http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql", "http://www.w3.org/2002/07/owl#",
})


def _graph_store_url(update_url: str) -> str:
    if update_url.endswith("/sparql-auth"):
        return update_url[: -len("/sparql-auth")] + "/sparql-graph-crud-auth"
    if update_url.endswith("/sparql"):
        return update_url[: -len("/sparql")] + "/sparql-graph-crud"
    return update_url


class RemoteStoreError(OSError):
    """The server could not be reached or answered with an error that is not the query's fault."""


def _binding(value: dict[str, str] | None) -> Term | None:
    if value is None:
        return None
    kind = value["type"]
    if kind == "uri":
        return ("uri", value["value"])
    if kind == "bnode":
        return ("bnode", value["value"])
    language = value.get("xml:lang")
    if language:
        return ("literal", value["value"], RDF_LANGSTRING, language)
    return ("literal", value["value"], value.get("datatype", XSD_STRING), None)


def _is_timeout(error: BaseException) -> bool:
    reason = getattr(error, "reason", error)
    return isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(error)


class SparqlBackend(Backend):
    kind = "sparql"
    atomic_replace = False

    def __init__(self, query_url: str, update: str | None = None, user: str | None = None,
                 password: str | None = None, **options: str) -> None:
        self.query_url = query_url
        self.update_url = update or query_url
        self.user = user
        self.password = password
        # Graph Store Protocol endpoint; Virtuoso's is /sparql-graph-crud[-auth] next to /sparql[-auth]
        self.graph_store_url = options.get("graph-store") or _graph_store_url(self.update_url)
        self.updates = 0

    # queries -------------------------------------------------------------------------------
    def _wrapper(self, url: str, timeout: float | None) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, agent="vnge-kg")
        wrapper.setMethod(POST)
        if timeout:
            wrapper.setTimeout(max(1, int(timeout + 0.999)))
        if self.user and url == self.update_url:
            wrapper.setHTTPAuth(DIGEST)
            wrapper.setCredentials(self.user, self.password or "")
        return wrapper

    def query(self, query: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, query_dataset: bool = False,
              substitutions: dict[str, Term] | None = None, max_rows: int = 0,
              timeout: float | None = None) -> Result:
        wrapper = self._wrapper(self.query_url, timeout)
        wrapper.setQuery(inline_values(query, substitutions or {}))
        for name in default_graph or []:
            wrapper.addDefaultGraph(name)
        for name in named_graphs or []:
            wrapper.addNamedGraph(name)
        graph_form = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_form else JSON)
        raw = self._send(wrapper)
        cap = int(max_rows or 0)
        if graph_form:
            graph = Graph()
            graph.parse(data=raw, format="turtle")
            triples = [tuple(rdflib_to_tuple(t) for t in triple) for triple in graph]
            truncated = bool(cap and len(triples) > cap)
            return {"form": "GRAPH", "triples": triples[:cap] if cap else triples, "truncated": truncated}
        data = json.loads(raw)
        if "boolean" in data:
            return {"form": "ASK", "boolean": bool(data["boolean"])}
        names = list(data["head"].get("vars", []))
        bindings = data["results"]["bindings"]
        rows = [[_binding(b.get(n)) for n in names] for b in (bindings[:cap] if cap else bindings)]
        return {"form": "SELECT", "vars": names, "rows": rows, "truncated": bool(cap and len(bindings) > cap)}

    def _send(self, wrapper: SPARQLWrapper) -> bytes:
        try:
            response = wrapper.query().response
            return response.read()
        except QueryBadFormed as e:
            raise SyntaxError(str(e).split("Response:", 1)[-1].strip()[:2000]) from None
        except SPARQLWrapperException as e:
            if "exceeds the limit" in str(e):  # Virtuoso refused: estimated cost above its time limit
                raise TimeoutError(str(e)[:2000]) from None
            raise RemoteStoreError(f"{self.query_url}: {e}"[:2000]) from None
        except (urllib.error.URLError, OSError) as e:
            if _is_timeout(e):
                raise TimeoutError(str(e)) from None
            raise RemoteStoreError(f"{self.query_url}: {e}") from None

    # writes ---------------------------------------------------------------------------------
    def update(self, update: str, timeout: float | None = None) -> None:
        wrapper = self._wrapper(self.update_url, timeout)
        wrapper.setQuery(update)
        wrapper.queryType = "INSERT"  # SPARQLWrapper sends an update as 'update=' only for update types
        self._send(wrapper)
        self.updates += 1

    def _graph_store(self, method: str, graph: str, body: bytes | None = None,
                     timeout: float = 600.0) -> bytes:
        url = self.graph_store_url + "?" + urllib.parse.urlencode({"graph-uri": graph})
        handlers = []
        if self.user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.graph_store_url, self.user, self.password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
        opener = urllib.request.build_opener(*handlers)
        request = urllib.request.Request(url, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/n-triples")
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            if method == "DELETE" and e.code == 404:
                return b""
            raise RemoteStoreError(f"{method} {url}: HTTP {e.code} {e.read()[:500]!r}") from None
        except (urllib.error.URLError, OSError) as e:
            raise RemoteStoreError(f"{method} {url}: {e}") from None

    def _send_graph(self, method: str, graph: str, data: Graph) -> int:
        self._graph_store(method, graph, data.serialize(format="nt", encoding="utf-8"))
        self.updates += 1
        return len(data)

    def load_graph(self, graph: str, data: Graph) -> int:
        return self._send_graph("POST", graph, data)

    def replace_graph(self, graph: str, data: Graph) -> int:
        return self._send_graph("PUT", graph, data)

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> list[str]:
        # GROUP BY, not DISTINCT: after a DROP on Virtuoso 7.2.5 the DISTINCT form took 12-16 s on 16k
        # triples (a full scan), the GROUP BY form 7 ms
        result = self.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", query_dataset=True)
        return sorted(row[0][1] for row in result["rows"] if row[0] and row[0][1] not in SYSTEM_GRAPHS)

    def graph(self, graph: str) -> Graph:
        """The graph through the Graph Store Protocol (not subject to the server's result-row cap)."""
        out = Graph()
        url = self.graph_store_url.replace("-auth", "")
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"graph-uri": graph}),
                                         headers={"Accept": "text/turtle"})
        with urllib.request.urlopen(request, timeout=600) as response:
            out.parse(data=response.read(), format="turtle")
        return out

    def version(self) -> tuple[Any, ...]:
        return (self.updates,)
