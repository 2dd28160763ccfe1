"""The content of a plan as triples, one function per fact kind: objectives, targets, tasks (with
their assignments), responsibilities, reporting duties, funding, the signatory and the recipients.

Each function writes the facts of its kind into the plan's graph (``ctx.g``), each fact with the
span of the text it was read from (``ctx.annotate``). Vocabulary: docs/DESIGN.md.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.extract.reporting.kinds import task_kind
from kg.extract.targets.delivery import deliveries as delivered
from kg.rdf.context import PlanContext, full_date
from kg.rdf.namespaces import PPLAN, VNP, concept, mint_iri
from kg.rdf.sink import lit


def _decimal(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def objectives(ctx: PlanContext) -> None:
    g, p = ctx.g, ctx.plan
    for i, o in enumerate(ctx.x.objectives, 1):
        node = ctx.part(f"objective/{i}")
        g.add((p, VNP.hasObjective, node))
        g.add((node, RDF.type, VNP.Objective))
        g.add((node, RDFS.label, lit(o.text, lang="vi")))
        ctx.annotate(node, o.span)


def targets(ctx: PlanContext) -> None:
    g, p = ctx.g, ctx.plan
    for i, t in enumerate(ctx.x.targets, 1):
        node = ctx.part(f"target/{i}")
        g.add((p, VNP.hasTarget, node))
        g.add((node, RDF.type, VNP.Target))
        g.add((node, RDFS.label, lit(t.text, lang="vi")))
        if t.indicator:
            g.add((node, VNP.indicator, concept("indicator", t.indicator)))
        if t.value is not None:
            g.add((node, VNP.value, Literal(_decimal(t.value), datatype=XSD.decimal)))
        if t.value_max is not None:
            g.add((node, VNP.valueMax, Literal(_decimal(t.value_max), datatype=XSD.decimal)))
        if t.baseline_value is not None:
            g.add((node, VNP.baselineValue, Literal(_decimal(t.baseline_value), datatype=XSD.decimal)))
        # the relation and the change apart (kg/extract/targets/qualify.py), and what the value counts over
        for prop, scheme, value in (
            (VNP.measure, "measure", t.unit),
            (VNP.comparator, "comparator", t.relation),
            (VNP.changeDirection, "change", t.change),
            (VNP.targetScope, "scope", t.scope),
            (VNP.recurrence, "recurrence", t.recurrence),
        ):
            if value:
                g.add((node, prop, concept(scheme, value)))
        if t.year is not None:
            g.add((node, VNP.targetYear, lit(t.year)))
        if t.baseline_year is not None:
            g.add((node, VNP.baselineYear, lit(t.baseline_year)))
        if t.population:
            g.add((node, VNP.population, lit(t.population)))
        ctx.annotate(node, t.span)


def tasks(ctx: PlanContext) -> list[URIRef]:
    """The tasks with their lead and partner agencies (``vnp:leadAgency``, ``vnp:partnerAgency``; a
    qualified ``vnp:Assignment`` only to carry a span naming the agency outside the task's own);
    returns the task nodes in order."""
    g, p = ctx.g, ctx.plan
    nodes = []
    for i, t in enumerate(ctx.x.tasks, 1):
        node = ctx.part(f"task/{i}")
        nodes.append(node)
        g.add((p, VNP.hasTask, node))
        g.add((node, PPLAN.isStepOfPlan, p))
        g.add((node, RDF.type, VNP.Task))
        g.add((node, RDFS.label, lit(t.title, lang="vi")))
        if t.timeframe:
            g.add((node, VNP.timeframe, lit(t.timeframe)))
        if t.start_year is not None:
            g.add((node, VNP.startYear, lit(t.start_year)))
        if t.end_year is not None:
            g.add((node, VNP.endYear, lit(t.end_year)))
        if t.recurrence:
            g.add((node, VNP.recurrence, concept("recurrence", t.recurrence)))
        if kind := task_kind(t.title):  # "Xây dựng kế hoạch …": the lower level's plan is asked for
            g.add((node, VNP.dutyKind, concept("dutykind", kind)))
        for role, refs, shortcut in (
            ("lead", t.lead, VNP.leadAgency),
            ("partner", t.partners, VNP.partnerAgency),
        ):
            for k, a in enumerate(refs, 1):
                agent = ctx.agent(a)
                g.add((node, shortcut, agent))
                if _outside(a.span, t.span):
                    _assignment(ctx, node, ctx.part(f"assignment/{i}-{role}-{k}"), agent, role, a.span)
        ctx.annotate(node, t.span)
    return nodes


def _outside(span: tuple[int, int], task_span: tuple[int, int]) -> bool:
    """Whether an agency's ``span`` is a quote of its own: known and not within the task's span (a
    phrase of the task's own sentence or table row is a pinpoint in a quote the task already has)."""
    return span != (0, 0) and not (task_span[0] <= span[0] and span[1] <= task_span[1])


def _assignment(ctx: PlanContext, task: URIRef, asg: URIRef, agent: URIRef, role: str, span: tuple[int, int]
                ) -> None:
    """The qualified form of ``task vnp:leadAgency|vnp:partnerAgency agent``, written only when it says
    more than that shortcut: the span naming the agency, when it lies outside the task's own (which the
    task already quotes). The shortcut is the fact; this node is its provenance (docs/DESIGN.md,
    "Graph shape")."""
    g = ctx.g
    g.add((task, VNP.hasAssignment, asg))
    g.add((asg, RDF.type, VNP.Assignment))
    g.add((asg, VNP.agent, agent))
    g.add((asg, VNP.role, concept("role", role)))
    ctx.annotate(asg, span)


def deliveries(ctx: PlanContext, task_nodes: list[URIRef]) -> None:
    """``vnp:deliveredBy`` from a target to the tasks that deliver it (kg/extract/targets/delivery.py)."""
    for i, k in delivered(ctx.x.targets, ctx.x.tasks):
        if k < len(task_nodes):
            ctx.g.add((ctx.part(f"target/{i + 1}"), VNP.deliveredBy, task_nodes[k]))


def responsibilities(ctx: PlanContext, task_nodes: list[URIRef]) -> None:
    """One node per agency paragraph, linked to the tasks it covers (``task_nodes``, from :func:`tasks`)."""
    g, p = ctx.g, ctx.plan
    for i, r in enumerate(ctx.x.responsibilities, 1):
        node = ctx.part(f"responsibility/{i}")
        g.add((p, VNP.hasResponsibility, node))
        g.add((node, RDF.type, VNP.Responsibility))
        g.add((node, VNP.agent, ctx.agent(r.agency)))
        g.add((node, RDFS.label, lit(f"Trách nhiệm của {r.agency.name}", lang="vi")))
        g.add((node, RDFS.label, lit(f"Responsibilities of {r.agency.name}", lang="en")))
        for duty in r.duties:
            g.add((node, VNP.duty, lit(duty)))
        for k in r.covers_tasks:
            if 0 <= k < len(task_nodes):
                g.add((node, VNP.coversTask, task_nodes[k]))
        ctx.annotate(node, r.span)


def reporting(ctx: PlanContext) -> None:
    g, p = ctx.g, ctx.plan
    for i, r in enumerate(ctx.x.reporting, 1):
        node = ctx.part(f"reporting/{i}")
        g.add((p, VNP.hasReportingDuty, node))
        g.add((node, RDF.type, VNP.ReportingDuty))
        for a in r.reporter:
            g.add((node, VNP.reporter, ctx.agent(a)))
        for a in r.recipient:
            g.add((node, VNP.reportRecipient, ctx.agent(a)))
        if (dd := full_date(r.deadline)) is not None:
            g.add((node, VNP.deadline, dd))
        elif r.deadline and (m := re.fullmatch(r"--(\d\d)-(\d\d)", r.deadline)):
            g.add((node, VNP.deadlineMonth, lit(int(m[1]))))
            g.add((node, VNP.deadlineDay, lit(int(m[2]))))
        if r.recurrence:
            g.add((node, VNP.recurrence, concept("recurrence", r.recurrence)))
        if r.subject:
            g.add((node, VNP.reportSubject, lit(r.subject)))
        if r.kind:
            g.add((node, VNP.dutyKind, concept("dutykind", r.kind)))
        ctx.annotate(node, r.span)


def funding(ctx: PlanContext) -> None:
    g, p = ctx.g, ctx.plan
    for i, f in enumerate(ctx.x.funding, 1):
        node = ctx.part(f"funding/{i}")
        g.add((p, VNP.hasFunding, node))
        g.add((node, RDF.type, VNP.Funding))
        g.add((node, RDFS.label, lit(f.text, lang="vi")))
        g.add((node, VNP.fundingKind, concept("funding", f.kind)))
        ctx.annotate(node, f.span)


def signatory(ctx: PlanContext) -> None:
    g, p, s = ctx.g, ctx.plan, ctx.x.signatory
    if not s:
        return
    person = mint_iri("person", f"{ctx.unit_path}/{s.name}")
    m = ctx.mention(person)
    g.add((m, VNP.mentionedKind, VNP.Person))
    g.add((m, VNP.mentionedName, lit(s.name, lang="vi")))
    g.add((p, VNP.signedBy, person))
    if s.title:
        g.add((p, VNP.signatoryTitle, lit(s.title)))
    ctx.annotate(person, s.span)


def recipients(ctx: PlanContext) -> None:
    """The "Nơi nhận" lines as written, and the agencies they resolve to."""
    g, p = ctx.g, ctx.plan
    for r in ctx.x.recipients:
        g.add((p, VNP.recipientText, lit(r.text)))
        if r.agency is not None:
            g.add((p, VNP.distributedTo, ctx.agent(r.agency)))
