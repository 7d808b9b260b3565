"""Whole resumes into labelled sections: the model-based splitter, the header-word baseline and `resume-bert sections`."""

import json

import numpy as np
import pytest
from resume_files import REPO, KeywordClassifier

from resume_bert.app.cli import main
from resume_bert.resumes.extraction import extract_lines
from resume_bert.resumes.lines import Line
from resume_bert.resumes.segmentation import (
    SegmentationConfig,
    best_label_path,
    gaps_before,
    header_word_segments,
    layout_headings,
    sections_from_file,
    segment_lines,
    wrapped_lines,
)

WITH_HEADINGS = """Jane Doe, phone 555 0100
jane@example.com | 12 Main street
Experience
Engineer at Acme company
Managed a team and led releases
Education
Bachelor degree, State University
High school diploma
Skills
Python, SQL, Excel
Advanced SQL and python scripting"""


def lines_of(text: str, page: int = 1) -> list[Line]:
    return [Line(t, page, i) for i, t in enumerate(text.split("\n"), start=1) if t.strip()]


def spans(sections):
    return [(s.label, s.first_line, s.last_line) for s in sections]


def test_each_label_run_becomes_a_section_with_its_lines():
    sections = segment_lines(KeywordClassifier(), lines_of(WITH_HEADINGS))
    assert spans(sections) == [
        ("Contact Information", 1, 2),
        ("Work Experience", 3, 5),
        ("Education", 6, 8),
        ("Skills", 9, 11),
    ]
    assert sections[1].text == "Experience\nEngineer at Acme company\nManaged a team and led releases"
    assert all(0 < s.probability <= 1 and s.page == s.last_page == 1 for s in sections)


def with_third_lines(text: str) -> str:
    """An unmarked cut costs more than two lines of one keyword each can pay: a third line in each section."""
    text = text.replace("street\n", "street\nphone 555 0199\n").replace(
        "releases\n", "releases\nEngineer, Beta company\n"
    )
    return text.replace("diploma\n", "diploma\nSchool prize\n") + "\nExcel skills"


def test_sections_are_found_without_any_heading():
    no_headings = "\n".join(
        line for line in WITH_HEADINGS.split("\n") if line not in ("Experience", "Education", "Skills")
    )
    sections = segment_lines(KeywordClassifier(), lines_of(with_third_lines(no_headings)))
    assert [s.label for s in sections] == ["Contact Information", "Work Experience", "Education", "Skills"]
    assert [s.text.count("\n") + 1 for s in sections] == [3, 3, 3, 3]


def test_a_document_title_is_not_counted_among_a_resumes_section_headings():
    """Two section headings leave unmarked cuts at their plain cost; a CURRICULUM VITAE over them must not double it."""
    two_headings = with_third_lines("\n".join(line for line in WITH_HEADINGS.split("\n") if line != "Experience"))
    untitled = spans(segment_lines(KeywordClassifier(), lines_of(two_headings)))
    titled = spans(segment_lines(KeywordClassifier(), lines_of("CURRICULUM VITAE\n" + two_headings)))
    assert untitled[:2] == [("Contact Information", 1, 3), ("Work Experience", 4, 6)]
    assert titled == [(label, first + (first > 1), last + 1) for label, first, last in untitled]
    # Counted as a third heading, the title would have kept the job in the contact section.
    counted = segment_lines(
        KeywordClassifier(), lines_of("CURRICULUM VITAE\n" + two_headings), SegmentationConfig(min_headings=2)
    )
    assert spans(counted)[0] == ("Work Experience", 1, 7)


def test_the_header_word_splitter_misses_unusual_headings_that_the_model_route_finds():
    unusual = with_third_lines(
        WITH_HEADINGS.replace("Experience", "Where I have been").replace("Education", "Learning")
    )
    model = spans(segment_lines(KeywordClassifier(), lines_of(unusual)))
    baseline = spans(header_word_segments(KeywordClassifier(), lines_of(unusual)))
    assert [first for _, first, _ in model] == [1, 4, 8, 12]
    assert [first for _, first, _ in baseline] != [1, 4, 8, 12]


def test_one_odd_line_does_not_split_a_section():
    text = "Engineer at Acme company\nManaged the company budget\nUsed python daily\nLed the company rollout\nManaged five engineers"
    sections = segment_lines(KeywordClassifier(), lines_of(text))
    assert spans(sections) == [("Work Experience", 1, 5)]


def test_a_heading_keeps_two_sections_of_one_label_apart():
    text = "Experience\nEngineer at Acme company\nInternships\nEngineer intern, Beta company"
    assert spans(segment_lines(KeywordClassifier(), lines_of(text))) == [
        ("Work Experience", 1, 2),
        ("Work Experience", 3, 4),
    ]


def test_sections_keep_pages_and_line_numbers_and_skip_blank_lines():
    lines = lines_of("Jane Doe\njane@example.com\n\nPython, SQL\nExcel skills") + lines_of(
        "Bachelor degree\nState University school", page=2
    )
    sections = segment_lines(KeywordClassifier(), lines)
    assert [(s.label, s.page, s.first_line, s.last_page, s.last_line) for s in sections] == [
        ("Contact Information", 1, 1, 1, 2),
        ("Skills", 1, 4, 1, 5),
        ("Education", 2, 1, 2, 2),
    ]
    assert segment_lines(KeywordClassifier(), [Line("   ", 1, 1)]) == []


def test_best_label_path_follows_the_labels_unless_a_change_costs_more_than_it_gains():
    log_probs = np.log(np.array([[0.9, 0.1], [0.2, 0.8], [0.9, 0.1]]))
    assert best_label_path(log_probs, np.zeros(3)) == [0, 1, 0]
    assert best_label_path(log_probs, np.full(3, 5.0)) == [0, 0, 0]
    # No change allowed before the last line: the middle line cannot leave and come back.
    assert best_label_path(log_probs, np.array([0, 0, np.inf])) == [0, 0, 0]


def test_header_word_baseline_gives_every_line_to_one_section():
    text = "Jane Doe\njane@example.com\nEXPERIENCE\nSKILLS\nPython\nEducation\nBachelor degree"
    sections = header_word_segments(KeywordClassifier(), lines_of(text))
    # A heading with nothing under it joins the next section; no line is lost.
    assert [(s.first_line, s.last_line) for s in sections] == [(1, 2), (3, 5), (6, 7)]


@pytest.fixture(scope="module")
def model_dir(classifier_dir):
    return classifier_dir


@pytest.mark.parametrize("name", ["us_registered_nurse.pdf", "uk_chef_cv.docx", "uk_chef_cv.txt"])
def test_sample_resume_files_come_out_as_sections_covering_every_line(model_dir, name):
    from resume_bert.app.classifiers import load_classifier

    path = REPO / "data" / "sample_resumes" / name
    classifier = load_classifier(model_dir, device="cpu")
    lines = extract_lines(path)
    for method in ("model", "headers"):
        sections = sections_from_file(classifier, path, method=method)
        assert sections and {s.label for s in sections} <= set(classifier.labels)
        covered = sum(len(s.text.split("\n")) for s in sections)
        assert covered == len(lines)
        assert (sections[0].page, sections[0].first_line) == (lines[0].page, lines[0].line)
        assert (sections[-1].last_page, sections[-1].last_line) == (lines[-1].page, lines[-1].line)


def test_sections_command_prints_json_and_a_table(model_dir, capsys):
    pdf = REPO / "data" / "sample_resumes" / "us_registered_nurse.pdf"
    assert main(["sections", str(pdf), "--model-dir", str(model_dir), "--format", "json"]) == 0
    sections = json.loads(capsys.readouterr().out)
    assert sections and set(sections[0]) == {
        "label",
        "text",
        "probability",
        "page",
        "first_line",
        "last_page",
        "last_line",
        "column",
        "last_column",
    }
    assert main(["sections", str(pdf), "--model-dir", str(model_dir)]) == 0
    rows = capsys.readouterr().out.strip().split("\n")
    assert len(rows) == len(sections) and rows[0].startswith(sections[0]["label"])


def test_sections_command_refuses_unreadable_files_in_one_line(model_dir, tmp_path, capsys):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    damaged = tmp_path / "cv.pdf"
    damaged.write_bytes(b"%PDF-1.4\nnot really a pdf")
    for path, says in [
        (image, "unsupported file type"),
        (damaged, "not a readable PDF"),
        (tmp_path / "gone.pdf", "not found"),
    ]:
        assert main(["sections", str(path), "--model-dir", str(model_dir)]) == 2
        err = capsys.readouterr().err.strip()
        assert says in err and "\n" not in err


def test_a_bold_capital_line_that_starts_a_column_block_starts_a_section():
    def at(text, k, gap=0.0, **look):
        top = 100 + 14 * k + gap
        return Line(text, 1, k + 1, 2, (50.0, top, 300.0, top + 10), **look)

    plain = [
        at("Engineer at Acme company", 0),
        at("Managed the company budget", 1),
        at("Led the company rollout", 2, gap=8),
        at("Managed five engineers", 3),
    ]
    assert spans(segment_lines(KeywordClassifier(), plain)) == [("Work Experience", 1, 4)]
    headed = (
        plain[:2]
        + [at("WHERE I WORKED BEFORE", 2, gap=8, bold=True)]
        + [at(ln.text, ln.line, gap=8) for ln in plain[2:]]
    )
    headed = [Line(ln.text, 1, k + 1, 2, ln.bbox, ln.bold) for k, ln in enumerate(headed)]
    sections = segment_lines(KeywordClassifier(), headed)
    assert spans(sections) == [("Work Experience", 1, 2), ("Work Experience", 3, 5)]
    assert sections[1].column == sections[1].last_column == 2
    # The same words in the middle of a block, or with digits, are no heading.
    assert layout_headings(headed)[2]
    mid_block = plain[:2] + [at("WHERE I WORKED BEFORE", 2, bold=True), at("Led the company rollout", 3)]
    dated = plain[:2] + [at("ACME 2019", 2, gap=8, bold=True), at("Led the company rollout", 3, gap=8)]
    assert layout_headings(mid_block)[2] is False and layout_headings(dated)[2] is False


def boxed(texts, gaps=(), char=5.0):
    """PDF-like lines of one column at x=40, `char` points a character, 12 points apart (more before `gaps`)."""
    lines, top = [], 100.0
    for k, text in enumerate(texts):
        top += 12.0 + (10.0 if k in gaps else 0.0)
        lines.append(Line(text, 1, k + 1, 1, (40.0, top, 40.0 + char * len(text), top + 9.0)))
    return lines


def test_wider_space_in_a_pdf_counts_as_a_blank_line_and_makes_a_cut_cheaper():
    texts = [
        "Engineer at Acme company",
        "Managed and led the company team",
        "Bachelor degree, State University",
        "High school",
    ]
    assert gaps_before(boxed(texts, gaps={2})) == [False, False, True, False]
    assert gaps_before(boxed(texts)) == [False] * 4
    # Two lines of keywords cannot pay for an unmarked cut; after wider space they can.
    assert spans(segment_lines(KeywordClassifier(), boxed(texts))) == [("Work Experience", 1, 4)]
    assert spans(segment_lines(KeywordClassifier(), boxed(texts, gaps={2}))) == [
        ("Work Experience", 1, 2),
        ("Education", 3, 4),
    ]


def test_a_line_its_column_wrapped_goes_on_with_the_line_before():
    lines = boxed(
        [
            "Engineer at Acme company, managed",
            "the records office and led the",
            "move.",
            "• Led the app release.",
            "Managed a budget for the new team",
            "at Acme.",
            "Led five engineers at the company",
        ],
        gaps={6},
    )
    # The next word would not have fitted after a full line; a bullet starts an item, and so
    # does a line after more space than usual; "Managed" would have fitted after "Led the app release.".
    assert wrapped_lines(lines, [False] * len(lines)) == [False, True, True, False, False, True, False]
    # One long word overrunning the column (an address) does not move the column's edge.
    overrun = boxed(
        [
            "Engineer at the company, managed",
            "https://example.com/jane-doe-portfolio-2024",
            "Led the move of the whole office",
            "records.",
        ]
    )
    assert wrapped_lines(overrun, [False] * 4)[3]


def test_a_heading_its_column_wrapped_is_one_heading_that_starts_at_its_first_line():
    def column(first_heading_line):
        lines = boxed(
            [
                "Engineer at Acme company",
                "Managed the company budget",
                first_heading_line,
                "QUALIFICATIONS",
                "Bachelor degree, State University",
                "High school diploma",
            ],
            gaps={2},
        )
        look = {"bold": True, "upper": True}
        return [Line(ln.text, 1, ln.line, 1, ln.bbox, **(look if k in (2, 3) else {})) for k, ln in enumerate(lines)]

    # A heading by its words over another, and a first line no heading alone ("|" is a glyph a PDF
    # gives back for a decoration): either way one Education section from the first line on.
    for first_line in ("EDUCATION &", "| ACADEMIC &"):
        sections = segment_lines(KeywordClassifier(), column(first_line))
        assert spans(sections) == [("Work Experience", 1, 2), ("Education", 3, 6)], first_line
    # Without the boxes (plain text) nothing says the column wrapped: two headings, two sections.
    plain = [Line(ln.text, 1, ln.line, 1, None, ln.bold, ln.large, ln.upper) for ln in column("EDUCATION &")]
    assert spans(segment_lines(KeywordClassifier(), plain))[1:] == [("Education", 3, 3), ("Education", 4, 6)]


def test_a_sentence_a_narrow_column_wrapped_is_not_split_into_pieces():
    # One Work Experience item wrapped over five lines; its last three lines alone read as Education.
    lines = boxed(
        [
            "Engineer at Acme company, managed",
            "the records office and led a move",
            "of the files of a school, its",
            "university and its degree",
            "archive, to the cloud.",
        ]
    )
    # An unmarked cut cheap enough for three lines of keywords to pay for.
    cheap = SegmentationConfig(switch_cost=4.0)
    assert spans(segment_lines(KeywordClassifier(), lines, cheap)) == [("Work Experience", 1, 5)]
    # The same lines as plain text, where nothing says they were wrapped, split.
    plain = lines_of("\n".join(line.text for line in lines))
    assert spans(segment_lines(KeywordClassifier(), plain, cheap)) == [("Work Experience", 1, 2), ("Education", 3, 5)]
