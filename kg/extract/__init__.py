"""Extraction: plan text → records (pure functions, no graph, no I/O except :func:`extract_file`).

``extract_plan(text)`` runs, in order: sections → metadata (and the plan's unit) → citations
(the implemented parent plan among them) → tasks → responsibilities → reporting duties →
closing block (signatory, recipients), plus the targets/objectives/funding extractors of
``kg.extract.targets``, ``kg.extract.objectives`` and ``kg.extract.funding``. Every record's
``span`` indexes the text given to ``extract_plan``. It never raises: a part that cannot be
read adds a line to ``PlanExtraction.warnings``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kg.extract.records import DocumentMeta, PlanExtraction

T = TypeVar("T")

_EMPTY_META = DocumentMeta(
    None, None, None, None, None, None, None, None, None, None, None, flags=("number-missing", "date-missing")
)


def _guard(warnings: list[str], what: str, default: T, fn: Callable[..., T], *args: Any) -> T:
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - one failing part must not lose the whole plan
        warnings.append(f"{what}: skipped after an internal error ({type(e).__name__}: {e})")
        return default


def extract_plan(text: str) -> PlanExtraction:
    """All facts of one plan's text. Pure and deterministic; never raises on any string."""
    from kg.extract.citations import extract_citations
    from kg.extract.closing import extract_closing
    from kg.extract.metadata import extract_metadata
    from kg.extract.reporting import extract_reporting
    from kg.extract.responsibilities import extract_responsibilities
    from kg.extract.sections import split_sections
    from kg.extract.tasks import extract_tasks

    warnings: list[str] = []
    if not isinstance(text, str):
        text = str(text)
    if text and not unicodedata.is_normalized("NFC", text):
        warnings.append(
            "text is not NFC-normalised (the readers give NFC): diacritics may be missed; "
            "offsets refer to the text as given"
        )
    sections = _guard(warnings, "sections", [], split_sections, text)
    meta_ctx = _guard(warnings, "metadata", None, extract_metadata, text, sections, warnings)
    if meta_ctx is None:
        from kg.extract.agencies import UnitContext

        meta, ctx = _EMPTY_META, UnitContext()
    else:
        meta, ctx = meta_ctx
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
    targets, objectives, funding = _partner_extractors(text, sections, warnings)
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


def _partner_extractors(
    text: str, sections: list[Any], warnings: list[str]
) -> tuple[list[Any], list[Any], list[Any]]:
    """Targets, objectives and funding (kg.extract.targets / objectives / funding)."""
    from kg.extract.funding import extract_funding
    from kg.extract.objectives import extract_objectives
    from kg.extract.targets import extract_targets

    targets = _guard(warnings, "targets", [], extract_targets, text, sections)
    objectives = _guard(warnings, "objectives", [], extract_objectives, text, sections)
    funding = _guard(warnings, "funding", [], extract_funding, text, sections)
    return targets, objectives, funding


def extract_file(path: Path) -> PlanExtraction:
    """Read a plan file with :func:`kg.readers.read_text` and extract it (reader errors propagate)."""
    from kg.readers import read_text

    return extract_plan(read_text(path))
