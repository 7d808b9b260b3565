"""The package's two layers: lesson modules never import app modules (README, Repository layout)."""

from __future__ import annotations

import ast

import pytest

from conftest import REPO

PACKAGE = REPO / "resume_bert"
# What the notebooks teach from; each fits on a few screens.
LESSON = {"preparation", "dataset", "modeling", "training", "evaluation", "inference", "onnx_backend", "plots", "sections",
          "extraction", "segmentation"}
# Shared by both layers and importing neither: exception types, the output folder and its atomic writes.
BASE = {"errors", "artifacts"}


def package_imports(module: str) -> set[str]:
    """Modules of resume_bert that `module` imports, at the top or inside functions."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:  # `from . import __version__` names the package itself, not a module
                found.update([node.module.split(".")[0]] if node.module else
                             [alias.name for alias in node.names if not alias.name.startswith("__")])
            elif node.module and node.module.split(".")[0] == "resume_bert":
                parts = node.module.split(".")
                found.update(parts[1:2] or [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("resume_bert."))
    return found


@pytest.mark.parametrize("module", sorted(LESSON))
def test_a_lesson_module_imports_only_lesson_and_base_modules(module):
    if not (PACKAGE / f"{module}.py").exists():
        pytest.skip(f"{module}.py is not in this checkout")
    outside = package_imports(module) - LESSON - BASE
    assert not outside, f"{module} imports app-layer module(s) {sorted(outside)}"


def test_the_app_layer_composes_the_lesson_layer():
    assert {"training"} <= package_imports("training_run")
    assert {"preparation", "dataset", "training", "training_run", "evaluation"} <= package_imports("workflow")


def test_every_lesson_and_app_module_says_its_layer_in_its_docstring():
    app = {"cli", "workflow", "training_run", "checkpoints", "notebooks"}
    for module in ({"preparation", "dataset", "modeling", "training", "evaluation", "plots"} | app):
        doc = ast.get_docstring(ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8")))
        layer = "App layer:" if module in app else "Lesson layer:"
        assert doc and doc.startswith(layer), module
