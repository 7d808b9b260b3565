"""The worked solutions to every "Try this" item (notebooks/solutions/), executed on a tiny model, and their links.

The seven solution notebooks run in one kernel, one after the other (its namespace reset in
between), on what the lesson notebooks wrote with the tiny model (`tiny_lessons` in conftest):
each asserts what its items say the reader will see, so a failing claim fails here.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import REPO

from resume_bert.app.notebooks import NOTEBOOKS

SOLUTIONS = REPO / "notebooks" / "solutions"
NAMES = [f"{name[:2]}_solutions.ipynb" for name in NOTEBOOKS]


def try_this_items(lesson: str) -> list[str]:
    markdown = "\n".join(c.source for c in nbformat.read(REPO / "notebooks" / lesson, as_version=4).cells)
    items = markdown.split("## Try this", 1)[1].split("## Check yourself", 1)[0]
    return re.findall(r"^(\d+)\. ", items, re.MULTILINE)


@pytest.mark.parametrize("lesson", NOTEBOOKS)
def test_every_try_this_item_has_a_solution_section_and_a_link(lesson):
    name = f"{lesson[:2]}_solutions.ipynb"
    lesson_nb = nbformat.read(REPO / "notebooks" / lesson, as_version=4)
    assert f"(solutions/{name})" in next(c.source for c in lesson_nb.cells if c.source.startswith("## Try this"))
    solution = nbformat.read(SOLUTIONS / name, as_version=4)
    headings = re.findall(r"^## (\d+)\. ", "\n".join(c.source for c in solution.cells), re.MULTILINE)
    assert headings == try_this_items(lesson), f"{name} needs one section per item of {lesson}, in order"
    assert f"(../{lesson})" in solution.cells[0].source
    parameters = [c for c in solution.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and 'output_dir = "../../artifacts"' in parameters[0].source
    code = "\n".join(c.source for c in solution.cells if c.cell_type == "code")
    assert "assert " in code
    if re.search(r"^(def|class) ", "\n".join(c.source for c in lesson_nb.cells if c.cell_type == "code"), re.M):
        assert f'lesson_definitions("../{lesson}")' in code, "a solution starts from the lesson's own definitions"


def run_in_one_kernel(paths, parameters: dict) -> list:
    """Execute notebooks one after the other in one kernel started in notebooks/solutions/; return them executed."""
    import papermill as pm
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    kernel = KernelManager(kernel_name="python3")
    kernel.start_kernel(cwd=str(SOLUTIONS))
    executed = []
    try:
        for path in paths:
            nb = load_notebook_node(str(path))  # as papermill reads it: every cell with its tags
            declared = set(pm.inspect_notebook(str(path)))
            nb = parameterize_notebook(nb, {k: v for k, v in parameters.items() if k in declared})
            nb.cells.insert(0, nbformat.v4.new_code_cell("%reset -f"))  # nothing carries over from the one before
            NotebookClient(nb, km=kernel, timeout=600).execute()
            executed.append(nb)
    finally:
        kernel.shutdown_kernel(now=True)
    return executed


@pytest.mark.notebook
def test_the_solutions_run_and_their_claims_hold(tiny_lessons, tiny_model_dir, small_resume_csv):
    out, _ = tiny_lessons
    lesson_files = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.relative_to(out).parts[0] != "solutions"}
    executed = run_in_one_kernel(
        [SOLUTIONS / name for name in NAMES],
        {
            "output_dir": str(out),
            "data_path": str(small_resume_csv),
            "model_name_or_path": str(tiny_model_dir),
            "train_rows": 60,
            "num_train_epochs": 1,
            "patience_epochs": 3,
        },
    )
    for name, nb in zip(NAMES, executed):
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, (name, errors)
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.relative_to(out).parts[0] != "solutions"}
    assert after == lesson_files, "a solution wrote over the lesson notebooks' outputs"


@pytest.mark.parametrize("name", NAMES)
def test_committed_solutions_carry_the_outputs_of_one_clean_run(name):
    from refresh_notebooks import WIDGET_VIEW, machine_paths

    nb = nbformat.read(SOLUTIONS / name, as_version=4)
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    counts = [cell.execution_count for cell in code_cells]
    assert counts == list(range(1, len(code_cells) + 1)), "run `make notebooks` to commit executed notebooks"
    assert "papermill" not in nb.metadata and "widgets" not in nb.metadata
    for cell in code_cells:
        assert all(output.output_type != "error" for output in cell.outputs), f"{name} was committed with an error"
        assert all(WIDGET_VIEW not in output.get("data", {}) for output in cell.outputs)
    assert machine_paths(nb) == []
