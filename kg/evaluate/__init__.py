"""Score extraction against the hand-checked facts in ``tests/expected/`` (precision, recall, F1).

The matching rules are documented in ``tests/expected/README.md``; this package implements them:
:mod:`~kg.evaluate.matching` (normalisation, one-to-one matching), :mod:`~kg.evaluate.scoring`
(``score_plan`` compares two JSON views, ``kg.extract.records.to_json_view``, per fact type),
:mod:`~kg.evaluate.expected` (the expected files' format), :mod:`~kg.evaluate.run` (``main`` runs
the extractor on every plan that has an expected file and prints one table: ``kg eval``), and
:mod:`~kg.evaluate.forms` with :mod:`~kg.evaluate.conversion` (each plan rewritten in the forms
researchers hold plans in: ``kg eval --forms``).
"""

from kg.evaluate.expected import check_expected
from kg.evaluate.matching import greedy_match, norm, norm_number
from kg.evaluate.run import format_table, main
from kg.evaluate.scoring import BARS, FACT_TYPES, Counts, score_plan

__all__ = [
    "BARS",
    "FACT_TYPES",
    "Counts",
    "check_expected",
    "format_table",
    "greedy_match",
    "main",
    "norm",
    "norm_number",
    "score_plan",
]
