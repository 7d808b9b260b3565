"""The whole-resume benchmark set: every file still extracts to the lines its truth.json labels.

The columns group's truth is the lines as drawn, in the order a person reads them, so a
reader that runs two columns together (or reads a layout table row by row) fails here.
"""

import json
from collections import Counter

from benchmark_setup import COLUMN_LAYOUTS
from conftest import SECTION_LABELS as LABELS
from resume_files import REPO

from resume_bert.resumes.extraction import extract_lines
from resume_bert.resumes.segmentation import clean_lines

SET = REPO / "data" / "whole_resumes"


def test_every_file_extracts_to_the_lines_of_its_truth():
    truth = json.loads((SET / "truth.json").read_text(encoding="utf-8"))
    assert Counter(f["layout"] for f in truth["files"]) == {
        "txt": 6,
        "docx": 6,
        "docx-table": 6,
        "pdf": 6,
        "pdf-no-headings": 6,
        **{layout: 6 for layout in COLUMN_LAYOUTS},
    }
    for entry in truth["files"]:
        lines = clean_lines(extract_lines(SET / entry["file"]))
        if entry.get("group") == "columns":
            assert [(ln.page, ln.text) for ln in lines] == [(t["page"], t["text"]) for t in entry["lines"]], entry[
                "file"
            ]
        else:
            assert [(ln.page, ln.line, ln.text) for ln in lines] == [
                (t["page"], t["line"], t["text"]) for t in entry["lines"]
            ]
        assert {t["label"] for t in entry["lines"]} <= LABELS
        sections = [t["section"] for t in entry["lines"]]
        assert sections == sorted(sections) and sections[0] == 0  # sections come in reading order


def test_each_resume_of_the_columns_group_has_the_same_words_in_every_layout():
    truth = json.loads((SET / "truth.json").read_text(encoding="utf-8"))
    by_resume = {}
    for entry in truth["files"]:
        if entry.get("group") == "columns":
            # Columns wrap lines at other places and the banner joins the contacts with " | ": compare words.
            words = Counter((t["label"], w) for t in entry["lines"] for w in t["text"].split() if w != "|")
            by_resume.setdefault(entry["resume"], []).append(words)
    assert len(by_resume) == 6
    for layouts in by_resume.values():
        assert len(layouts) == len(COLUMN_LAYOUTS) and all(words == layouts[0] for words in layouts)


def test_a_pdf_with_stand_in_glyphs_gets_its_truth(tmp_path):
    """Seed 7's fourth resume writes its contact line with ⋄, which the PDF gives back as "|"."""
    import sys

    sys.path.insert(0, str(SET))
    import make_whole_resumes

    make_whole_resumes.main(["--seed", "7", "--n", "4", "--columns", "0", "--output-dir", str(tmp_path)])
    pdf = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))["files"][3]
    assert pdf["file"] == "resume_04_pdf.pdf"
    contact = [t for t in pdf["lines"] if " | " in t["text"] and "@" in t["text"]]
    assert contact and {t["label"] for t in contact} == {"Contact Information"}
