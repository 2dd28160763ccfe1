"""The house rules of the code (issue 12), checked on every run: no import cycle between modules, kg
never imports the service, layers import downwards only, no function-level import of project code
without a comment saying why, and no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.servers import ROOT

PACKAGES = ("kg", "service")
# kg's layers, lowest first: a module may import its own layer and the ones before it
LAYERS = ["kg.errors", "kg.settings", "kg.resources", "kg.text", "kg.lexicon", "kg.readers", "kg.layout",
          "kg.extract", "kg.rdf", "kg.stores", "kg.validation", "kg.pipeline", "kg.evaluate", "kg.cli"]


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path, name: str, modules: dict[str, Path]) -> list[tuple[str, ast.AST, bool]]:
    """(imported project module, node, inside a function) for every import in ``path``."""
    tree = ast.parse(path.read_text("utf-8"))
    inner = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target.split(".")[0] in PACKAGES and target != name:
                out.append((target, node, id(node) in inner))
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {t for t, _, local in _imports(path, name, modules) if not local}
            for name, path in modules.items()}


def test_no_import_cycle_between_modules() -> None:
    graph = _graph()
    cycles, index, low, stack, on = [], {}, {}, [], set()

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert len(graph) > 50
    assert cycles == [], f"import cycles: {cycles}"


def test_kg_never_imports_the_service_and_layers_import_downwards() -> None:
    def layer(module: str) -> int | None:
        hits = [i for i, prefix in enumerate(LAYERS) if module == prefix or module.startswith(prefix + ".")]
        return hits[-1] if hits else None

    graph = _graph()
    upward = []
    for source, targets in graph.items():
        if not source.startswith("kg"):
            continue
        for target in targets:
            assert not target.startswith("service"), f"{source} imports {target}"
            a, b = layer(source), layer(target)
            if a is not None and b is not None and b > a:
                upward.append(f"{source} -> {target}")
    assert sum(len(t) for s, t in graph.items() if s.startswith("kg")) > 100
    assert upward == [], "imports up the layers (docs/DESIGN.md, Layers):\n" + "\n".join(sorted(upward))


def test_function_level_project_imports_say_why() -> None:
    modules = _modules()
    unexplained = []
    for name, path in modules.items():
        lines = path.read_text("utf-8").splitlines()
        for target, node, local in _imports(path, name, modules):
            if not local:
                continue
            near = lines[max(0, node.lineno - 4):node.lineno]  # the line or the three above it
            if not any("#" in line for line in near):
                unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {target}")
    assert unexplained == [], "function-level imports without a reason:\n" + "\n".join(sorted(set(unexplained)))


def test_modules_stay_under_400_lines() -> None:
    sizes = {path.relative_to(ROOT): len(path.read_text("utf-8").splitlines()) for path in _modules().values()}
    assert len(sizes) > 50
    too_long = {str(p): n for p, n in sizes.items() if n > 400}
    assert too_long == {}, f"split these modules by concern: {too_long}"
