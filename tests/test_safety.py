"""Nothing is ever unpickled and no remote code runs: JSON and safetensors only, trust_remote_code never on."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO

# The package, plus every other piece of code a user runs (notebooks, benchmarks, data scripts);
# not the git-ignored benchmarks/.cache, which holds the optimum peer's venv (others' packages).
SOURCES = (
    sorted((REPO / "resume_bert").glob("*.py"))
    + sorted(p for p in (REPO / "benchmarks").rglob("*.py") if ".cache" not in p.relative_to(REPO).parts)
    + sorted((REPO / "data").glob("*.py"))
)
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def code_lines():
    for path in SOURCES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield path, number, line
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                for number, line in enumerate("".join(cell["source"]).splitlines(), 1):
                    yield path, number, line


def offending(pattern: str, allow: str | None = None) -> list[str]:
    found = []
    for path, number, line in code_lines():
        code = line.split("#", 1)[0]  # comments may explain why pickle is not used
        if re.search(pattern, code) and not (allow and re.search(allow, code)):
            found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    return found


def test_package_sources_are_found():
    assert any(p.name == "inference.py" for p in SOURCES)


def test_no_pickle_or_joblib():
    assert (
        offending(r"\bimport\s+(c?pickle|dill|joblib)\b|\bfrom\s+(c?pickle|dill|joblib)\b|\bpickle\.|joblib\.load")
        == []
    )


def test_torch_load_only_with_weights_only():
    assert offending(r"torch\.load\(", allow=r"weights_only\s*=\s*True") == []


def test_trust_remote_code_never_enabled():
    assert offending(r"trust_remote_code\s*=\s*(True|1)") == []


def test_no_pickle_based_numpy_or_pandas_loading():
    assert offending(r"allow_pickle\s*=\s*True|read_pickle|to_pickle|np\.load\(.*allow_pickle") == []


@pytest.fixture(scope="module")
def output_dir(trained):
    return trained.out


def test_outputs_are_json_safetensors_csv_png_or_text_only(output_dir):
    allowed = {".json", ".safetensors", ".csv", ".png", ".txt", ".model", ".md"}  # .md: the model card
    files = [p for p in output_dir.rglob("*") if p.is_file()]
    assert files
    assert [str(p.relative_to(output_dir)) for p in files if p.suffix not in allowed] == []
    json.loads((output_dir / "labels.json").read_text())
    assert (
        not list(output_dir.rglob("*.bin"))
        and not list(output_dir.rglob("*.pt"))
        and not list(output_dir.rglob("*.pkl"))
    )


def test_saved_files_are_readable_by_others_like_plain_files(output_dir):
    """Atomic writes use temporary files, which are private by default; the results must not be."""
    import os

    umask = os.umask(0)
    os.umask(umask)
    # (model.safetensors itself is written by safetensors, which makes it private on its own.)
    for path in [
        output_dir / "metrics.json",
        output_dir / "labels.json",
        output_dir / "data" / "train.csv",
        output_dir / "model",
        output_dir / "checkpoints" / "last",
    ]:
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert path.stat().st_mode & 0o777 == expected, path


def test_loading_never_enables_remote_code(output_dir, monkeypatch):
    """Wrap every from_pretrained the package reaches and check trust_remote_code is never passed as True."""
    import transformers

    from resume_bert.app.classifiers import load_classifier

    seen = []
    for cls in (transformers.AutoTokenizer, transformers.AutoModelForSequenceClassification):
        real = cls.from_pretrained.__func__

        def spy(klass, *args, _real=real, **kwargs):
            seen.append(kwargs.get("trust_remote_code"))
            return _real(klass, *args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", classmethod(spy))
    load_classifier(output_dir / "model").predict(["python"])
    assert seen and not any(seen)
