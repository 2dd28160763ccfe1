"""bench/extract_speed.py: its figures, and ``--distinct`` (a corpus of distinct plans reuses no folding
of a whole text)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.text import normalize

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("extract_speed", ROOT / "bench" / "extract_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_forget_whole_texts_empties_the_memo_of_whole_texts() -> None:
    text = "Kế hoạch " * 300  # over 2,000 characters: memoised
    normalize.fold_keep(text)
    normalize.loose(text)
    assert normalize._fold_big.cache_info().currsize and normalize._loose_big.cache_info().currsize
    normalize.forget_whole_texts()
    assert normalize._fold_big.cache_info().currsize == 0 == normalize._loose_big.cache_info().currsize
    assert normalize.fold_keep(text) == ("ke hoach " * 300)


@pytest.mark.parametrize("flags", [[], ["--distinct"]])
def test_the_benchmark_reports_plans_per_second(flags: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench().main(["--repeat", "1", "--plans", str(ROOT / "data" / "plans"), *flags]) == 0
    out = capsys.readouterr().out
    assert "5 extractions of 5 plans" in out and "plans/s on one core" in out
    assert ("whole-text foldings forgotten" in out) == bool(flags)


@pytest.mark.slow  # four fresh processes that each read the reference data
def test_the_worker_figures_and_the_digest_of_the_n_quads(capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench()
    assert bench.main(["--worker", str(ROOT / "data"), "--repeat", "1", "--digest"]) == 0
    out = capsys.readouterr().out
    assert "5 plans:" in out and "ms/plan CPU" in out and "after kg.extract.prepare()" in out
    digest = out.split("sha256 ")[1].split()[0]
    assert bench.main(["--worker", str(ROOT / "data"), "--repeat", "1", "--digest"]) == 0
    assert capsys.readouterr().out.split("sha256 ")[1].split()[0] == digest  # deterministic
