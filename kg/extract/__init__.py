"""Extraction: plan text → records (pure functions, no graph, no I/O except :func:`extract_file`).

``extract_plan(text)`` runs, in order: sections → metadata (and the plan's unit) → citations
(the implemented parent plan among them) → tasks → responsibilities → reporting duties →
closing block (signatory, recipients) → targets → objectives → funding. Every record's
``span`` indexes the text given to ``extract_plan``.

Every extractor has one shape, ``extract_<part>(text, sections, ctx, *earlier results, warnings)``
(``ctx``: the plan's :class:`~kg.extract.agencies.UnitContext`), returns its records and adds
what it skipped or doubts to ``warnings``. An extractor raises only on a bug: ``extract_plan`` runs
each one through :func:`_guard`, which turns a crash into a warning naming the part and keeps the
rest of the plan. So ``extract_plan`` never raises on any string.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kg.extract.agencies import UnitContext
from kg.extract.citations import extract_citations
from kg.extract.closing import extract_closing
from kg.extract.funding import extract_funding
from kg.extract.metadata import extract_metadata
from kg.extract.objectives import extract_objectives
from kg.extract.page import with_page_properties
from kg.extract.records import DocumentMeta, PlanExtraction
from kg.extract.recurrence import SCOPES
from kg.extract.recurrence import patterns as recurrence_patterns
from kg.extract.reporting import extract_reporting
from kg.extract.responsibilities import extract_responsibilities
from kg.extract.sections import split_sections
from kg.extract.targets import extract_targets
from kg.extract.tasks import extract_tasks
from kg.layout import lay_out
from kg.layout.remap import remap_spans
from kg.lexicon import prepare as prepare_lexicon
from kg.readers import read_text

T = TypeVar("T")

_EMPTY_META = DocumentMeta(
    None, None, None, None, None, None, None, None, None, None, None, flags=("number-missing", "date-missing")
)


def _guard(warnings: list[str], what: str, default: T, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, or ``default`` and a warning when it crashes (a bug in that part's extractor)."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - one failing part must not lose the whole plan
        warnings.append(f"{what}: skipped after an internal error ({type(e).__name__}: {e})")
        return default


def extract_plan(text: str) -> PlanExtraction:
    """All facts of one plan's text. Pure and deterministic; never raises on any string.

    The text as read is first laid out (:mod:`kg.layout`): site furniture left out, a
    conversion's artefacts undone. The extractors read that logical document; every span is then
    mapped back, so it indexes ``text`` and quotes it exactly."""
    warnings: list[str] = []
    if not isinstance(text, str):
        text = str(text)
    if text and not unicodedata.is_normalized("NFC", text):
        warnings.append(
            "text is not NFC-normalised (the readers give NFC): diacritics may be missed; "
            "offsets refer to the text as given"
        )
    layout = _guard(warnings, "layout", None, lay_out, text)
    if layout is None or not layout.converted:
        x = _extract_logical(text, warnings)
    else:
        x = remap_spans(_extract_logical(layout.text, warnings), layout.source_span)
    if layout is not None and layout.page:
        x = with_page_properties(x, dict(layout.page))
    return x


def _extract_logical(text: str, warnings: list[str]) -> PlanExtraction:
    """Every extractor over the logical document ``text``, in order."""
    sections = _guard(warnings, "sections", [], split_sections, text)
    meta, ctx = _guard(
        warnings, "metadata", (_EMPTY_META, UnitContext()), extract_metadata, text, sections, warnings
    )
    if not sections or all(s.kind in ("preamble", "recipients") for s in sections):
        warnings.append("no numbered parts (I., II., …) found: is this a plan (Kế hoạch)?")
    head_end = next((s.start for s in sections if s.level >= 1), len(text))
    citations = _guard(warnings, "citations", [], extract_citations, text, sections, ctx, head_end, warnings)
    implements = [c for c in citations if c.relation == "implements" and c.number]
    tasks = _guard(warnings, "tasks", [], extract_tasks, text, sections, ctx, warnings)
    responsibilities = _guard(
        warnings, "responsibilities", [], extract_responsibilities, text, sections, ctx, tasks, warnings
    )
    reporting = _guard(
        warnings, "reporting", [], extract_reporting, text, sections, ctx, responsibilities, warnings
    )
    signatory, recipients = _guard(
        warnings, "closing", (None, []), extract_closing, text, sections, ctx, warnings
    )
    targets = _guard(warnings, "targets", [], extract_targets, text, sections, ctx, warnings)
    objectives = _guard(warnings, "objectives", [], extract_objectives, text, sections, ctx, warnings)
    funding = _guard(warnings, "funding", [], extract_funding, text, sections, ctx, warnings)
    return PlanExtraction(
        document=meta,
        implements=implements,
        citations=citations,
        objectives=objectives,
        targets=targets,
        tasks=tasks,
        responsibilities=responsibilities,
        reporting=reporting,
        funding=funding,
        signatory=signatory,
        recipients=recipients,
        warnings=warnings,
    )


def prepare() -> None:
    """Compile now what extraction otherwise compiles at its first plan (the gazetteer, the recurrence
    cues): called before forking workers, which then inherit it (kg/pipeline/workers.py)."""
    prepare_lexicon()
    for scope in SCOPES:
        recurrence_patterns(scope)


def extract_file(path: Path) -> PlanExtraction:
    """Read a plan file with :func:`kg.readers.read_text` and extract it (reader errors propagate)."""
    return extract_plan(read_text(path))
