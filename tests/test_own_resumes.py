"""Notebook 07 (your own resumes: pre-label, correct, adapt) run headless with papermill on the tiny model."""

import shutil

import pandas as pd
import pytest
from resume_files import REPO

LABELS = [
    "Awards",
    "Certifications",
    "Contact Information",
    "Education",
    "Projects",
    "Skills",
    "Summary",
    "Work Experience",
]

pm = pytest.importorskip("papermill", reason="the notebook runs need the notebooks extra")


@pytest.mark.notebook
def test_notebook_07_prelabels_like_the_command_line_and_saves_an_adapted_model(tiny_model_dir, tmp_path):
    from transformers import AutoTokenizer

    from resume_bert.app.model_loading import load_model, save_model
    from resume_bert.app.prelabel import prelabel_files
    from resume_bert.inference import SectionClassifier
    from resume_bert.preparation import LabelMap

    model = save_model(
        load_model(str(tiny_model_dir), LabelMap(LABELS))[0],
        AutoTokenizer.from_pretrained(tiny_model_dir),
        tmp_path / "model",
        max_length=64,
    )
    resumes = tmp_path / "resumes"
    resumes.mkdir()
    for name in (
        "us_registered_nurse.pdf",
        "us_registered_nurse.txt",
        "uk_chef_cv.docx",
        "india_civil_engineer_fresher.txt",
    ):
        shutil.copy(REPO / "data" / "sample_resumes" / name, resumes)
    original = tmp_path / "original.csv"
    pd.read_csv(REPO / "data" / "resume_chunks.csv").head(300).to_csv(original, index=False)
    check = tmp_path / "check.csv"
    pd.read_csv(REPO / "data" / "holdout_chunks.csv").head(20).to_csv(check, index=False)
    out = tmp_path / "out"
    out.mkdir()
    pm.execute_notebook(
        str(REPO / "notebooks" / "07_your_own_resumes.ipynb"),
        str(tmp_path / "07.ipynb"),
        cwd=str(REPO / "notebooks"),
        kernel_name="python3",
        progress_bar=False,
        parameters={
            "output_dir": str(out),
            "model_dir": str(model),
            "resume_dir": str(resumes),
            "original_data_path": str(original),
            "check_set_path": str(check),
            "num_train_epochs": 1,
        },
    )
    # The notebook's pre-labelling cells are the twin of `resume-bert sections FOLDER --order least-sure`.
    twin = prelabel_files(SectionClassifier.from_pretrained(model), [resumes], order="least-sure", progress=False).rows
    prelabels = pd.read_csv(out / "prelabels.csv")
    pd.testing.assert_frame_equal(prelabels, twin, check_dtype=False)
    corrected = pd.read_csv(out / "corrected.csv")
    assert (corrected["label"] != corrected["model_label"]).any()
    fixed = corrected["text"].str.contains("CURRICULUM VITAE", regex=False)
    assert fixed.any() and corrected.loc[fixed, "label"].eq("Contact Information").all()
    adapted = SectionClassifier.from_pretrained(out / "adapted")
    assert adapted.labels == LABELS
