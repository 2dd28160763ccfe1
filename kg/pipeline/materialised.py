"""Which super-classes graph/inference materialises (kg/pipeline/infer.py).

Researchers query with the vocabularies they know, so every super-class outside our own namespace
(ELI, ORG, PROV, P-Plan, SKOS: ``?x a eli:LegalResource``, ``?x a prov:Agent``, ``?x a p-plan:Plan``)
is materialised but p-plan:Step (:data:`FOREIGN_AT_QUERY_TIME`), and of our own only the kinds of
thing that queries, pages and search select by class (:data:`OWN_CLASSES`). Our other super-classes
are the ontology's named domains and ranges (vnp:Commitment, vnp:DatedObligation,
vnp:AgencyInvolvement, vnp:PlanReference, …; OWL 2 RL instead of ``owl:unionOf``): typing every
task, target and citation with them again cost ~130 quads per plan at 1% of the national corpus and
no query reads them. They hold at query time:
``?x a/rdfs:subClassOf* vnp:Commitment`` (docs/DESIGN.md, "Graph shape"). Super-properties are all
materialised (they are few, and ``vnp:originalUnit``, ``eli:cites``, … are queried).
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.rdf.namespaces import VNP

#: our own super-classes that graph/inference does state: the kinds the service's search
#: (service/pages/search_facts.py), its pages and the queries select with ``?x a …``
OWN_CLASSES = frozenset(str(VNP[name]) for name in ("LegalDocument", "Subdivision", "AdministrativeUnit",
                                                    "AgencyChange"))


#: super-classes outside our namespace that graph/inference does not state: p-plan:Step, the class of
#: every task (vnp:Task ⊑ p-plan:Step), which no query, page or search selects by (a plan's steps are
#: ``?task p-plan:isStepOfPlan ?plan``, stated with each task); one quad per task, 9,124 at 1% of the
#: national corpus (docs/DESIGN.md, "Graph shape"). ``?x a/rdfs:subClassOf* p-plan:Step`` answers.
FOREIGN_AT_QUERY_TIME = frozenset({"http://purl.org/net/p-plan#Step"})


def materialised_class(super_class: str) -> bool:
    """Whether ``?x a super_class`` is written into graph/inference for the instances of its subclasses."""
    if super_class.startswith(str(VNP)):
        return super_class in OWN_CLASSES
    return super_class not in FOREIGN_AT_QUERY_TIME


def materialised_classes(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (sub, super) pairs of the subclass closure whose super-class is materialised."""
    return [(sub, sup) for sub, sup in pairs if materialised_class(sup)]
