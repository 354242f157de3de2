"""The package's folders are its layers: imports point inwards, with no circles (see STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "voice_assistant"
RANKS = {"errors": 0, "core": 1, "audio": 2, "asr": 3, "tts": 3, "app": 4, "frontends": 5, "__main__": 6}
"""Layer of each top-level module or folder; a module may import only its own layer or lower ones."""
LAZY_ALLOWED = {"voice_assistant.asr.vosk_engine", "voice_assistant.asr.whisper_engine", "voice_assistant.asr.sphinx_engine"}
"""Own modules that may be imported inside a function: the optional speech engines."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _own_imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, bool, int]]:
    """(imported module, inside a function or class body, line) for every own-package import."""
    found: list[tuple[str, bool, int]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = module.split(".") if is_package else module.split(".")[:-1]
                    anchor = anchor[: len(anchor) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                if base == "voice_assistant" or base.startswith("voice_assistant."):
                    for alias in child.names:
                        candidate = f"{base}.{alias.name}"
                        is_module = (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists() or (
                            PACKAGE.parent / candidate.replace(".", "/")
                        ).is_dir()
                        found.append((candidate if is_module else base, inner, child.lineno))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("voice_assistant"):
                        found.append((alias.name, inner, child.lineno))
            visit(child, inner)

    visit(tree, False)
    return found


def _graph() -> dict[str, list[tuple[str, bool, int]]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        graph[module] = _own_imports(ast.parse(path.read_text(encoding="utf-8")), module, path.name == "__init__.py")
    return graph


def _rank(module: str) -> int | None:
    parts = module.split(".")
    return RANKS.get(parts[1]) if len(parts) > 1 else None


GRAPH = _graph()


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_inwards(module: str) -> None:
    """No module imports one of a higher layer; core imports nothing outside core (and errors)."""
    own = _rank(module)
    if own is None:
        return
    wrong = [f"{name} (line {line})" for name, _, line in GRAPH[module] if (_rank(name) or 0) > own]
    assert not wrong, f"{module} imports from a higher layer: {wrong}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_own_imports_inside_functions(module: str) -> None:
    """Own-package imports sit at the top of the file, except the optional speech engines."""
    hidden = [f"{name} (line {line})" for name, nested, line in GRAPH[module] if nested and name not in LAZY_ALLOWED]
    assert not hidden, f"{module} imports inside a function: {hidden}"


def test_no_import_circles() -> None:
    """The top-level import graph has no cycle."""
    edges = {module: {name for name, nested, _ in imports if not nested and name in GRAPH} for module, imports in GRAPH.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
