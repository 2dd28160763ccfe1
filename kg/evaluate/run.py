"""``kg eval``: extract every plan that has an expected file, score it and print one table (plan ×
fact type, totals, then the bars per plan). With ``forms``, each plan (a Markdown conversion) is also
written in the other forms researchers hold plans in (:mod:`kg.evaluate.forms`) and each form is
scored: one table of totals, form × fact type."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from kg.evaluate.expected import LIST_KEYS, check_expected
from kg.evaluate.forms import FORMS, SUFFIX, FormUnavailable, render
from kg.evaluate.scoring import BARS, FACT_TYPES, Counts, score_plan

EMPTY_VIEW: dict[str, Any] = {"document": {}, "signatory": None, **{k: [] for k in LIST_KEYS}}


def _plan_file(plans_dir: Path, stem: str) -> Path | None:
    """The plan file ``stem.*`` in any format a build reads (.txt, .md, .html, .docx, .pdf, …)."""
    # the formats a build reads; imported here: kg.pipeline.sources loads rdflib, which scoring does not need
    from kg.pipeline.sources import PLAN_SUFFIXES

    found = sorted(p for p in plans_dir.glob(f"{stem}.*") if p.suffix.lower() in PLAN_SUFFIXES)
    return found[0] if found else None


def format_table(results: dict[str, dict[str, Counts]]) -> str:
    """Rows plan × fact type, then a total per fact type, then the bars per plan."""
    width = max([len("TOTAL"), *(len(p) for p in results)])
    cols = f"{'exp':>5} {'found':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"
    head = f"{'plan':<{width}}  {'fact type':<17} {cols}"
    lines = [head, "-" * len(head)]

    def row(plan: str, fact: str, c: Counts) -> str:
        return (
            f"{plan:<{width}}  {fact:<17} {c.expected:>5} {c.found:>5} {c.matched:>5} "
            f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
        )

    for plan in sorted(results):
        lines += [row(plan, f, results[plan][f]) for f in FACT_TYPES]
    for f in FACT_TYPES:
        total = sum((results[p][f] for p in results), Counts())
        lines.append(row("TOTAL", f, total))
    lines.append("")
    held = 0
    for plan in sorted(results):
        for f, bar in BARS.items():
            f1 = results[plan][f].f1
            ok = f1 >= bar
            held += ok
            lines.append(f"bar {f} F1 >= {bar:.2f} on {plan}: {'holds' if ok else 'FAILS'} ({f1:.3f})")
    lines.append(f"bars: {held}/{len(results) * len(BARS)} hold")
    return "\n".join(lines)


def format_forms_table(totals: dict[str, dict[str, Counts]], held: dict[str, tuple[int, int]]) -> str:
    """Rows form × fact type (totals over the plans), then how many bars hold per form."""
    cols = f"{'exp':>5} {'found':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"
    head = f"{'form':<11} {'fact type':<17} {cols}"
    lines = [head, "-" * len(head)]
    for form, counts in totals.items():
        lines += [f"{form:<11} {f:<17} {c.expected:>5} {c.found:>5} {c.matched:>5} "
                  f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}" for f, c in counts.items()]
    lines.append("")
    lines += [f"bars on form {form}: {ok}/{n} hold" for form, (ok, n) in held.items()]
    return "\n".join(lines)


def _converted(plan: Path) -> bool:
    """Whether ``plan`` reads as a web page's Markdown conversion (cells between ``|`` lines, emphasis)."""
    # imported here: the layout stage loads the lexicon, which the scoring tables do not need
    from kg.layout.blocks import looks_converted

    return looks_converted(plan.read_text(encoding="utf-8", errors="replace"))


def _extract_view(plan: Path) -> dict[str, Any]:
    # imported here, as in main: an extractor that cannot be imported is reported there, not a crash
    from kg.extract import extract_file
    from kg.extract.records import to_json_view

    try:
        return to_json_view(extract_file(plan))
    except Exception as e:  # noqa: BLE001 - a crash on one plan scores as "nothing found"
        print(f"kg eval: extraction of {plan.name} failed ({type(e).__name__}: {e}); scored as empty")
        return EMPTY_VIEW


def score_forms(plans: dict[str, tuple[Path, dict]], forms: list[str]) -> tuple[
        dict[str, dict[str, Counts]], dict[str, tuple[int, int]]]:
    """Totals per form and fact type, and (bars held, bars) per form, over ``plans`` (stem → (the
    plan's Markdown conversion, its expected facts)); each form is written to a temporary file and
    read back by the readers a build uses."""

    totals = {form: {f: Counts() for f in FACT_TYPES} for form in forms}
    held = {form: (0, 0) for form in forms}
    with tempfile.TemporaryDirectory(prefix="kg-eval-forms-") as tmp:
        for stem, (source, expected) in sorted(plans.items()):
            markdown = source.read_text(encoding="utf-8")
            for form in forms:
                path = Path(tmp) / f"{stem}{SUFFIX[form]}"
                path.write_bytes(render(form, markdown, title=stem))
                scores = score_plan(expected, _extract_view(path))
                path.unlink()
                for f in FACT_TYPES:
                    totals[form][f] = totals[form][f] + scores[f]
                ok = sum(scores[f].f1 >= bar for f, bar in BARS.items())
                held[form] = (held[form][0] + ok, held[form][1] + len(BARS))
    return totals, held


def main(plans_dir: Path, expected_dir: Path, forms: list[str] | None = None) -> int:
    """Extract every plan that has an expected file, score it and print the table (exit code); with
    ``forms``, score each plan in each of those forms instead (:func:`score_forms`)."""
    try:  # imported here: an extractor that cannot be imported is reported (exit 2), not a crash
        from kg.extract import extract_file  # noqa: F401
        from kg.extract.records import to_json_view  # noqa: F401
    except ImportError as e:
        print(f"kg eval: the extractor is not importable yet (kg.extract.extract_file): {e}")
        return 2
    for what, folder in (("plans", plans_dir), ("expected", expected_dir)):
        if not folder.is_dir():
            print(f"kg eval: the {what} folder {folder} does not exist; give it with --{what} DIR")
            return 2
    expected_files = sorted(expected_dir.glob("*.json"))
    if not expected_files:
        print(f"kg eval: no expected files (*.json) in {expected_dir}; see tests/expected/README.md")
        return 2
    if forms:
        unknown = [form for form in forms if form not in FORMS]
        if unknown:
            print(f"kg eval: unknown form(s) {', '.join(unknown)}; the forms are {', '.join(FORMS)}")
            return 2
    results: dict[str, dict[str, Counts]] = {}
    sources: dict[str, tuple[Path, dict]] = {}
    for path in expected_files:
        expected = json.loads(path.read_text(encoding="utf-8"))
        problems = check_expected(expected)
        if problems:
            print(f"kg eval: {path} is not a valid expected file: {'; '.join(problems[:5])}")
            return 2
        plan = _plan_file(plans_dir, path.stem)
        if plan is None:
            print(f"kg eval: no plan file {path.stem}.* (.txt, .md, .html, .docx, .pdf) in {plans_dir} "
                  f"for {path.name}")
            return 2
        if forms:
            if plan.suffix.lower() not in (".txt", ".md", ".markdown") or not _converted(plan):
                print(f"kg eval: --forms makes the forms from a plan's Markdown conversion (a saved web "
                      f"page converted to .md or .txt, as in ../shared/real-plans); {plan.name} is not one")
                return 2
            sources[path.stem] = (plan, expected)
            continue
        results[path.stem] = score_plan(expected, _extract_view(plan))
    if forms:
        try:
            print(format_forms_table(*score_forms(sources, forms)))
        except FormUnavailable as e:
            print(f"kg eval: {e}")
            return 2
        return 0
    print(format_table(results))
    return 0
