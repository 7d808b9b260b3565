"""The whole-resume benchmark set: every file still extracts to the lines its truth.json labels."""

import json
from collections import Counter

from resume_bert.resumes.extraction import extract_lines
from resume_bert.resumes.segmentation import clean_lines
from resume_files import REPO

SET = REPO / "data" / "whole_resumes"
LABELS = {"Contact Information", "Summary", "Work Experience", "Education", "Skills", "Projects", "Certifications", "Awards"}


def test_every_file_extracts_to_the_lines_of_its_truth():
    truth = json.loads((SET / "truth.json").read_text(encoding="utf-8"))
    assert Counter(f["layout"] for f in truth["files"]) == {
        "txt": 6, "docx": 6, "docx-table": 6, "pdf": 6, "pdf-no-headings": 6}
    for entry in truth["files"]:
        lines = clean_lines(extract_lines(SET / entry["file"]))
        assert [(l.page, l.line, l.text) for l in lines] == [(t["page"], t["line"], t["text"]) for t in entry["lines"]]
        assert {t["label"] for t in entry["lines"]} <= LABELS
        sections = [t["section"] for t in entry["lines"]]
        assert sections == sorted(sections) and sections[0] == 0  # sections come in reading order
