"""Lines of PDF, DOCX and TXT resumes: page limits, encrypted PDFs, tabs in Word runs."""

import pytest
from resume_files import write_pdf

from resume_bert.errors import DataError
from resume_bert.resumes.extraction import extract_lines
from resume_bert.resumes.lines import TooManyPages


def test_a_pdf_over_the_page_limit_is_refused_before_its_text_is_read(tmp_path):
    pdf = write_pdf(tmp_path / "cv.pdf", ["Jane Doe", "Python, SQL"], pages=3)
    assert [(ln.page, ln.line, ln.text) for ln in extract_lines(pdf, max_pages=3)][:2] == [
        (1, 1, "Jane Doe"),
        (1, 2, "Python, SQL"),
    ]
    with pytest.raises(TooManyPages, match="3 pages, more than the 2 allowed"):
        extract_lines(pdf, max_pages=2)


def test_an_encrypted_pdf_says_so(tmp_path):
    with pytest.raises(DataError, match="encrypted PDF"):
        extract_lines(write_pdf(tmp_path / "locked.pdf", ["Jane Doe"], password="secret"))


def test_tabs_and_line_breaks_in_word_runs_keep_words_apart(tmp_path):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("2020\tDuke of Edinburgh's Award")
    paragraph.add_run().add_break()
    paragraph.add_run("Gold")
    document.save(tmp_path / "cv.docx")
    assert [ln.text for ln in extract_lines(tmp_path / "cv.docx")] == ["2020\tDuke of Edinburgh's Award", "Gold"]


def test_a_damaged_docx_is_one_clear_error(tmp_path):
    bad = tmp_path / "cv.docx"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(DataError, match="not a readable DOCX"):
        extract_lines(bad)
