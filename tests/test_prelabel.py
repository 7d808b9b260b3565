"""Pre-labelling resume files for correcting: `resume-bert sections FILE_OR_FOLDER... --output`, Label Studio tasks and back."""

import json
import shutil

import pandas as pd
import pytest
from resume_files import LABELS, REPO, KeywordClassifier

from resume_bert.app.cli import main
from resume_bert.app.prelabel import (
    CSV_COLUMNS,
    label_studio_config,
    label_studio_tasks,
    prelabel_files,
    read_label_studio_export,
)

SAMPLES = REPO / "data" / "sample_resumes"


@pytest.fixture(scope="module")
def model_dir(classifier_dir):
    return classifier_dir


@pytest.fixture
def folder(tmp_path):
    """Two sample resumes (PDF, DOCX) in a folder and a TXT one in a subfolder, beside a damaged PDF and a picture."""
    shutil.copy(SAMPLES / "us_registered_nurse.pdf", tmp_path)
    shutil.copy(SAMPLES / "uk_chef_cv.docx", tmp_path)
    (tmp_path / "more").mkdir()
    shutil.copy(SAMPLES / "academic_cv_environmental_economist.txt", tmp_path / "more")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp_path


def test_a_folder_becomes_one_row_per_section_and_damaged_files_are_listed(folder):
    found = prelabel_files(KeywordClassifier(), [folder], progress=False)
    rows = found.rows
    assert list(rows.columns[: len(CSV_COLUMNS)]) == CSV_COLUMNS
    assert found.read == 3 and [p.endswith("broken.pdf") for p, _ in found.failed] == [True]
    assert "not a readable PDF" in found.failed[0][1]
    assert set(rows["resume_id"]) == {"us_registered_nurse", "uk_chef_cv", "academic_cv_environmental_economist"}
    assert (rows["label"] == rows["model_label"]).all() and set(rows["label"]) <= set(LABELS)
    assert rows["probability"].between(0, 1).all() and (rows["first_line"] <= rows["last_line"]).any()
    # In file order each file's sections follow its lines.
    nurse = rows[rows["resume_id"] == "us_registered_nurse"]
    assert list(nurse["first_line"]) == sorted(nurse["first_line"]) and "MARIA L. ESPINOZA" in nurse["text"].iloc[0]
    least_sure = prelabel_files(KeywordClassifier(), [folder], order="least-sure", progress=False).rows
    assert list(least_sure["probability"]) == sorted(rows["probability"])
    assert sorted(least_sure["text"]) == sorted(rows["text"])


def test_label_studio_tasks_and_their_export_give_back_the_csv(folder, tmp_path):
    rows = prelabel_files(KeywordClassifier(), [folder], progress=False).rows
    tasks = label_studio_tasks(rows)
    assert tasks[0]["predictions"][0]["result"][0]["value"]["choices"] == [rows["label"][0]]
    assert tasks[0]["data"]["text"] == rows["text"][0] and "label" not in tasks[0]["data"]
    assert '<Choice value="Work Experience"/>' in label_studio_config(LABELS)
    # What Label Studio exports: tasks with annotations; one corrected, one cancelled, one not annotated.
    export = [
        dict(t, id=i, annotations=[{"result": [{**t["predictions"][0]["result"][0]}], "was_cancelled": False}])
        for i, t in enumerate(json.loads(json.dumps(tasks)))
    ]
    export[0]["annotations"][0]["result"][0]["value"] = {"choices": ["Skills"]}
    export[1]["annotations"] = [
        {
            "result": [
                {"from_name": "label", "to_name": "text", "type": "choices", "value": {"choices": ["Education"]}}
            ],
            "was_cancelled": True,
        }
    ]
    export[2]["annotations"] = []
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    back, unannotated = read_label_studio_export(path)
    assert unannotated == 2
    expected = rows.copy()
    expected.loc[0, "label"] = "Skills"
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    # JSON-MIN: the data's fields with the choice beside them.
    minimal = [
        {**t["data"], "id": i, "label": "Skills" if i == 0 else t["data"]["model_label"]} for i, t in enumerate(tasks)
    ]
    path.write_text(json.dumps(minimal))
    pd.testing.assert_frame_equal(read_label_studio_export(path)[0], expected, check_dtype=False)


def test_sections_command_writes_csv_and_label_studio_and_reads_the_export(model_dir, folder, tmp_path, capsys):
    out = tmp_path / "prelabels.csv"
    assert (
        main(["sections", str(folder), "--model-dir", str(model_dir), "--output", str(out), "--order", "least-sure"])
        == 0
    )
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "broken.pdf" in captured.err and "photo.png" not in captured.err
    rows = pd.read_csv(out)
    assert list(rows.columns[: len(CSV_COLUMNS)]) == CSV_COLUMNS and rows["resume_id"].nunique() == 3
    assert list(rows["probability"]) == sorted(rows["probability"])
    tasks_path = tmp_path / "tasks.json"
    assert (
        main(
            [
                "sections",
                str(folder),
                "--model-dir",
                str(model_dir),
                "--output",
                str(tasks_path),
                "--format",
                "label-studio",
                "--order",
                "least-sure",
            ]
        )
        == 0
    )
    assert (tmp_path / "tasks.label-config.xml").exists()
    tasks = json.loads(tasks_path.read_text())
    assert len(tasks) == len(rows)
    back = tmp_path / "back.csv"
    assert main(["from-label-studio", str(tasks_path), "--output", str(back)]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(back), rows)
    # One file on screen, as before; every file unreadable is one line and exit 2.
    capsys.readouterr()
    assert main(["sections", str(SAMPLES / "uk_chef_cv.docx"), "--model-dir", str(model_dir), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["page"] == 1
    assert main(["sections", str(folder / "broken.pdf"), "--model-dir", str(model_dir)]) == 2
    err = capsys.readouterr().err
    assert "not a readable PDF" in err and err.count("\n") == 1
    assert main(["sections", str(folder), "--model-dir", str(model_dir), "--format", "csv"]) == 2
