"""``kg eval``: extract every plan that has an expected file, score it and print one table (plan ×
fact type, totals, then the bars per plan)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.evaluate.expected import LIST_KEYS, check_expected
from kg.evaluate.scoring import BARS, FACT_TYPES, Counts, score_plan

EMPTY_VIEW: dict[str, Any] = {"document": {}, "signatory": None, **{k: [] for k in LIST_KEYS}}


def _plan_file(plans_dir: Path, stem: str) -> Path | None:
    found = sorted(p for p in plans_dir.glob(f"{stem}.*") if p.suffix.lower() in (".txt", ".docx", ".pdf"))
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


def main(plans_dir: Path, expected_dir: Path) -> int:
    """Extract every plan that has an expected file, score it and print the table (exit code)."""
    try:  # imported here: an extractor that cannot be imported is reported (exit 2), not a crash
        from kg.extract import extract_file
        from kg.extract.records import to_json_view
    except ImportError as e:
        print(f"kg eval: the extractor is not importable yet (kg.extract.extract_file): {e}")
        return 2
    expected_files = sorted(expected_dir.glob("*.json"))
    if not expected_files:
        print(f"kg eval: no expected files (*.json) in {expected_dir}; see tests/expected/README.md")
        return 2
    results: dict[str, dict[str, Counts]] = {}
    for path in expected_files:
        expected = json.loads(path.read_text(encoding="utf-8"))
        problems = check_expected(expected)
        if problems:
            print(f"kg eval: {path} is not a valid expected file: {'; '.join(problems[:5])}")
            return 2
        plan = _plan_file(plans_dir, path.stem)
        if plan is None:
            print(f"kg eval: no plan file {path.stem}.txt/.docx/.pdf in {plans_dir} for {path.name}")
            return 2
        try:
            actual = to_json_view(extract_file(plan))
        except Exception as e:  # noqa: BLE001 - a crash on one plan scores as "nothing found"
            print(f"kg eval: extraction of {plan.name} failed ({type(e).__name__}: {e}); scored as empty")
            actual = EMPTY_VIEW
        results[path.stem] = score_plan(expected, actual)
    print(format_table(results))
    return 0
