"""The package's layers: lesson modules at the top, resume files in resumes/, the product in app/; imports point app → resumes → lesson."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "resume_bert"
LESSON = sorted(p for p in PACKAGE.glob("*.py") if p.name != "__main__.py")
RESUMES = sorted((PACKAGE / "resumes").glob("*.py"))
APP = sorted((PACKAGE / "app").glob("*.py"))
# What a reader of the lesson should not have to wade through: it lives in app/.
PLUMBING = {
    "accelerate",
    "socket",
    "tempfile",
    "shutil",
    "urllib",
    "huggingface_hub",
    "fastapi",
    "uvicorn",
    "onnxruntime",
}


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(parts of resume_bert that `path` imports: subpackages and module names, other top-level packages it imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.parent.relative_to(REPO).parts  # ("resume_bert",) or ("resume_bert", "app")
    ours, theirs = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                parts = base + (node.module.split(".") if node.module else [])
                ours.update(parts[1:] or [alias.name for alias in node.names])
            elif node.module.split(".")[0] == "resume_bert":
                parts = node.module.split(".")
                ours.update(parts[1:] or [alias.name for alias in node.names])
            else:
                theirs.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("resume_bert."):
                    ours.update(alias.name.split(".")[1:])
                else:
                    theirs.add(alias.name.split(".")[0])
    return ours, theirs


def test_the_three_layers_are_where_the_tree_says():
    assert {p.stem for p in LESSON} >= {
        "preparation",
        "dataset",
        "modeling",
        "training",
        "evaluation",
        "inference",
        "plots",
    }
    assert {p.stem for p in RESUMES} >= {"extraction", "segmentation"}
    assert {p.stem for p in APP} >= {
        "cli",
        "serve",
        "workflow",
        "training_run",
        "onnx_backend",
        "bulk_predict",
        "classifiers",
        "model_loading",
    }
    assert {p.stem for p in RESUMES} >= {"lines", "header_words"}
    assert (PACKAGE / "app" / "__init__.py").exists() and (PACKAGE / "resumes" / "__init__.py").exists()


@pytest.mark.parametrize("path", LESSON, ids=lambda p: p.name)
def test_a_lesson_module_imports_neither_app_nor_resumes_nor_plumbing(path):
    ours, theirs = imports(path)
    assert not ours & {"app", "resumes"}, f"{path.name} imports {sorted(ours & {'app', 'resumes'})}"
    assert not theirs & PLUMBING, f"{path.name} imports {sorted(theirs & PLUMBING)}"


@pytest.mark.parametrize("path", RESUMES, ids=lambda p: p.name)
def test_a_resume_file_module_does_not_import_the_app(path):
    ours, _ = imports(path)
    assert "app" not in ours, f"resumes/{path.name} imports the app layer"


def test_the_lesson_modules_are_short():
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in LESSON)
    assert lines <= 1000, f"the lesson modules hold {lines} lines; the product belongs in app/"


def test_the_app_composes_the_lesson():
    assert {"training", "dataset"} <= imports(PACKAGE / "app" / "training_run.py")[0]
    assert {"preparation", "dataset", "training", "evaluation"} <= imports(PACKAGE / "app" / "workflow.py")[0]
    assert "inference" in imports(PACKAGE / "app" / "pytorch_backend.py")[0]
    assert "classifiers" in imports(PACKAGE / "app" / "serve.py")[0]


@pytest.mark.parametrize("path", LESSON + RESUMES + APP, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_says_its_job_and_lesson_modules_name_their_notebook(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, f"{path.name} has no docstring"
    if path in LESSON and path.stem not in {"__init__", "errors"}:
        assert "notebook" in doc.splitlines()[0], (
            f"{path.name}: the first line should name the notebook that teaches it"
        )


def module_graph() -> dict[str, set[str]]:
    """Each module of resume_bert ("app.cli", "resumes.lines", "training") and the modules of resume_bert it imports,
    at the top or inside a function."""
    modules = {p: ".".join(p.relative_to(PACKAGE).with_suffix("").parts) for p in LESSON + RESUMES + APP}
    names = set(modules.values())
    graph = {}
    for path, name in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = list(path.parent.relative_to(PACKAGE).parts)
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1] + (node.module.split(".") if node.module else [])
                elif node.module.split(".")[0] == "resume_bert":
                    base = node.module.split(".")[1:]
                else:
                    continue
                for alias in node.names:  # `from . import x` names a module; `from .x import y` names x
                    candidate = ".".join(base + [alias.name])
                    targets.add(candidate if candidate in names else ".".join(base))
            elif isinstance(node, ast.Import):
                targets.update(
                    a.name.removeprefix("resume_bert.") for a in node.names if a.name.startswith("resume_bert.")
                )
        graph[name] = {t for t in targets if t in names and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph` as [a, b, ..., a], or None."""
    state: dict[str, str] = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt, path + [nxt])):
                return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def test_no_module_imports_itself_in_a_circle():
    graph = module_graph()
    assert graph["app.classifiers"] >= {"app.onnx_backend", "app.pytorch_backend"}  # the walk sees the imports
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_cycle_finder_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def long_functions(paths, limit: int, root: Path = PACKAGE) -> list[str]:
    """Functions (and methods) of `paths` longer than `limit` lines, decorators and docstring included."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if node.end_lineno - first + 1 > limit:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({node.end_lineno - first + 1})")
    return found


def test_no_function_of_the_app_or_the_resume_readers_is_longer_than_60_lines():
    assert long_functions(APP + RESUMES, 60) == []


def test_the_length_check_counts_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    (tmp_path / "long.py").write_text(f"@decorator\ndef f():\n{body}\n", encoding="utf-8")
    assert long_functions([tmp_path / "long.py"], 61, tmp_path) == ["long.py:2 f (62)"]
    assert long_functions([tmp_path / "long.py"], 62, tmp_path) == []


@pytest.mark.subprocess
def test_the_input_checks_load_no_torch():
    """The checks of data and text import the training module only when they check a seed."""
    code = "import sys, resume_bert.app.input_checks; print([m for m in ('torch', 'transformers') if m in sys.modules])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", run.stdout


@pytest.mark.subprocess
def test_a_notebooks_first_cell_does_not_load_the_training_stack():
    """Every notebook from 02 on imports ensure_earlier_steps; the steps' imports wait until one must run."""
    heavy = ["accelerate", "sklearn", "resume_bert.app.workflow"]
    code = f"import sys, resume_bert.app.earlier_steps; print([m for m in {heavy!r} if m in sys.modules])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", run.stdout
