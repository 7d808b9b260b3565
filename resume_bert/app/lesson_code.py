"""App layer: the imports, functions, classes and constants a lesson notebook writes in its cells, run elsewhere (solutions, twin tests)."""

import ast
import json
import os
from pathlib import Path


def _is_constant(value: ast.expr) -> bool:
    """A literal (`24`, `["a", "b"]`) or a call on literals only (`re.compile(r"\\s+")`): nothing the notebook computed."""
    try:
        ast.literal_eval(value)
        return True
    except ValueError:
        return isinstance(value, ast.Call) and all(isinstance(arg, ast.Constant) for arg in value.args)


def _is_definition(node: ast.stmt) -> bool:
    """Imports, `def`, `class`, and constants in capitals (`CHARS_PER_TOKEN = 24`, `_BLANK_LINES = re.compile(...)`)."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
        return True
    return (
        isinstance(node, ast.Assign)
        and all(isinstance(target, ast.Name) and target.id.lstrip("_").isupper() for target in node.targets)
        and _is_constant(node.value)
    )


def lesson_definitions(notebook: str | os.PathLike, namespace: dict | None = None) -> dict:
    """Run a lesson notebook's top-level imports and definitions (nothing else) in `namespace`; return it.

    A solution notebook passes its `globals()`, so a function it then redefines is the one the lesson's others call.
    """
    namespace = {} if namespace is None else namespace
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    nodes = [
        node
        for cell in cells
        if cell["cell_type"] == "code"
        for node in ast.parse("".join(cell["source"])).body
        if _is_definition(node)
    ]
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(notebook), "exec"), namespace)
    return namespace
