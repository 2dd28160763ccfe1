"""Rules of the test suite itself (tests/README.md).

A test whose every assertion sits in a loop over a computed collection (``for x in found: assert …``
or ``assert all(… for x in found)``) passes when the collection is empty: it must also assert
something outside the loop (at least that the collection is not empty), or say with pytest.raises
what must fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _literal(node: ast.expr) -> bool:
    """A collection written out in the test (never empty by accident)."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return bool(node.elts)
    if isinstance(node, ast.Dict):
        return bool(node.keys)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("range", "enumerate",
                                                                                            "zip", "sorted"):
        return bool(node.args) and all(_literal(a) or isinstance(a, ast.Constant) for a in node.args)
    return False


def _vacuous(node: ast.Assert) -> bool:
    """``assert all(… for x in <computed>)``: true on an empty collection."""
    test = node.test
    return (isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "all"
            and len(test.args) == 1 and isinstance(test.args[0], ast.GeneratorExp | ast.ListComp)
            and not all(_literal(g.iter) for g in test.args[0].generators))


def _asserts(node: ast.AST, in_loop: bool = False) -> Iterator[tuple[ast.Assert, bool]]:
    """Every assert under ``node`` with whether it only runs inside a loop over a computed collection."""
    if isinstance(node, ast.Assert):
        yield node, in_loop or _vacuous(node)
        return
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
        return
    if isinstance(node, ast.For | ast.AsyncFor):
        inner = in_loop or not _literal(node.iter)
        for child in node.body:
            yield from _asserts(child, inner)
        for child in node.orelse:
            yield from _asserts(child, in_loop)
        return
    for child in ast.iter_child_nodes(node):
        yield from _asserts(child, in_loop)


def _expects_an_error(function: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr in ("raises", "fail") for n in ast.walk(function))


def loop_only_tests(root: Path = TESTS) -> list[str]:
    found = []
    for path in sorted(root.rglob("test_*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(function, ast.FunctionDef) and function.name.startswith("test")):
                continue
            asserts = [a for child in function.body for a in _asserts(child)]
            if asserts and all(in_loop for _, in_loop in asserts) and not _expects_an_error(function):
                found.append(f"{path.relative_to(root)}:{function.lineno} {function.name}")
    return found


def test_no_test_asserts_only_inside_a_loop_over_a_computed_collection() -> None:
    assert loop_only_tests() == []


def test_the_scan_finds_the_pattern(tmp_path: Path) -> None:
    (tmp_path / "test_sample.py").write_text(
        "def test_loop(xs):\n    for x in xs:\n        assert x\n"
        "def test_all(xs):\n    assert all(x for x in xs)\n"
        "def test_checked(xs):\n    assert xs\n    for x in xs:\n        assert x\n"
        "def test_literal():\n    for x in (1, 2):\n        assert x\n",
        encoding="utf-8",
    )
    assert loop_only_tests(tmp_path) == ["test_sample.py:1 test_loop", "test_sample.py:4 test_all"]
