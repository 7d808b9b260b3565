"""Columns before lines: two-column and sidebar PDFs, Word tables and text boxes come out in the order a person reads them."""

import io

import pytest

from resume_bert.errors import DataError
from resume_bert.resumes.docx_reader import docx_lines, docx_text
from resume_bert.resumes.extraction import extract_lines
from resume_bert.resumes.pdf_reader import pdf_lines, pdf_pages
from resume_bert.resumes.segmentation import layout_headings

LEFT = ["CONTACT", "Jane Doe", "jane@example.com", "SKILLS", "Python, SQL"]
RIGHT = [
    "EXPERIENCE",
    "Engineer at Acme company",
    "Built the billing system",
    "Led a team of four",
    "EDUCATION",
    "Bachelor degree, State University",
    "Graduated with honours",
    "PROJECTS",
    "A parser for resumes",
]


def draw(path, left, right, left_x=50, right_x=250, banner=None, shade=None, leading=14, right_leading=None):
    """A one-page PDF: `left` and `right` lines in two columns (headings in capitals in bold), under an optional banner."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), invariant=1)
    top = 780
    if shade:
        pdf.setFillColorRGB(0.85, 0.87, 0.9)
        pdf.rect(*shade, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
    if banner:
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(50, top, banner[0])
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, top - 22, banner[1])
        top -= 60
    for lines, x, step in ((left, left_x, leading), (right, right_x, right_leading or leading)):
        y = top
        for k, text in enumerate(lines):
            y -= 6 if text.isupper() and k else 0  # space above a heading
            pdf.setFont("Helvetica-Bold" if text.isupper() else "Helvetica", 12 if text.isupper() else 10)
            pdf.drawString(x, y, text)
            y -= step
    pdf.showPage()
    pdf.save()
    return path


def texts(lines):
    return [line.text for line in lines]


def test_a_two_column_pdf_reads_column_by_column(tmp_path):
    pdf = draw(tmp_path / "cv.pdf", LEFT, RIGHT)
    lines = extract_lines(pdf)
    assert texts(lines) == LEFT + RIGHT
    assert [line.column for line in lines] == [1] * len(LEFT) + [2] * len(RIGHT)
    # pdfplumber's plain order runs the columns together, line by line: the check above can fail.
    assert texts(pdf_lines(pdf, layout=False))[0] == "CONTACT EXPERIENCE"


def test_a_banner_above_two_columns_comes_first(tmp_path):
    pdf = draw(
        tmp_path / "cv.pdf",
        LEFT[1:],
        RIGHT,
        banner=("JANE DOE", "jane@example.com | +1 555 0100 | Springfield, a long line across"),
    )
    assert (
        texts(extract_lines(pdf))
        == ["JANE DOE", "jane@example.com | +1 555 0100 | Springfield, a long line across"] + LEFT[1:] + RIGHT
    )


def test_a_shaded_sidebar_is_a_column_even_with_a_narrow_gap(tmp_path):
    # The sidebar's text ends a few points before the main column starts: no gutter, but the shading tells.
    left = ["CONTACT", "jane.doe.longaddress@example.com", "SKILLS", "Python, SQL, Excel"]
    pdf = draw(tmp_path / "cv.pdf", left, RIGHT, right_x=240, shade=(0, 0, 236, 842), right_leading=13)
    assert texts(extract_lines(pdf)) == left + RIGHT


def test_right_aligned_dates_stay_on_their_lines(tmp_path):
    from reportlab.pdfgen import canvas

    rows = [
        ("Bachelor of Science, State University", "2015 - 2019"),
        ("Master of Science, Tech Institute", "2019 - 2021"),
        ("Exchange term, City College", "2018"),
    ]
    pdf = canvas.Canvas(str(tmp_path / "cv.pdf"), invariant=1)
    for k, (what, when) in enumerate(rows):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, 700 - 14 * k, what)
        pdf.drawRightString(545, 700 - 14 * k, when)
    pdf.save()
    assert texts(extract_lines(tmp_path / "cv.pdf")) == [f"{what} {when}" for what, when in rows]


def test_lines_carry_page_column_box_and_look(tmp_path):
    lines = extract_lines(draw(tmp_path / "cv.pdf", LEFT, RIGHT))
    heading, body = lines[0], lines[1]
    assert (heading.page, heading.column, heading.bold, heading.upper, heading.large) == (1, 1, True, True, True)
    assert (body.bold, body.upper, body.large) == (False, False, False)
    x0, top, x1, bottom = body.bbox
    assert 49 < x0 < 51 and top < bottom and x1 < 250
    assert layout_headings(lines)[:4] == [True, False, False, True]


def test_pdfs_read_from_a_file_object_and_name_it_in_messages(tmp_path):
    pdf = draw(tmp_path / "cv.pdf", LEFT, RIGHT)
    assert texts(pdf_lines(io.BytesIO(pdf.read_bytes()), name="cv.pdf")) == LEFT + RIGHT
    assert pdf_pages(pdf)[0].split("\n") == LEFT + RIGHT
    with pytest.raises(DataError, match=r"^upload\.pdf is not a readable PDF") as err:
        pdf_lines(io.BytesIO(b"%PDF-1.4 broken"), name="/srv/tmp/x/upload.pdf")
    assert "/srv" not in str(err.value)


def test_a_scanned_pdf_says_it_needs_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(tmp_path / "scan.pdf"), invariant=1)
    pdf.rect(50, 50, 400, 600, fill=1)  # a page of picture, no text
    pdf.save()
    with pytest.raises(DataError, match="scan.pdf has no text layer.*OCR"):
        extract_lines(tmp_path / "scan.pdf")


def word_table(rows):
    import docx

    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    return document


def test_a_two_column_word_table_reads_column_by_column(tmp_path):
    document = word_table(
        [
            ["CONTACT\nJane Doe\njane@example.com", "EXPERIENCE\nEngineer at Acme\nLed a team"],
            ["SKILLS\nPython, SQL", "EDUCATION\nBachelor degree\nState University"],
        ]
    )
    document.save(tmp_path / "cv.docx")
    lines = extract_lines(tmp_path / "cv.docx")
    assert texts(lines) == [
        "CONTACT",
        "Jane Doe",
        "jane@example.com",
        "SKILLS",
        "Python, SQL",
        "EXPERIENCE",
        "Engineer at Acme",
        "Led a team",
        "EDUCATION",
        "Bachelor degree",
        "State University",
    ]
    assert [line.column for line in lines] == [1] * 5 + [2] * 6


def test_a_table_of_labels_and_values_reads_row_by_row(tmp_path):
    word_table([["Name", "Jane Doe"], ["Email", "jane@example.com"], ["Phone", "555 0100"]]).save(tmp_path / "cv.docx")
    assert texts(extract_lines(tmp_path / "cv.docx")) == [
        "Name",
        "Jane Doe",
        "Email",
        "jane@example.com",
        "Phone",
        "555 0100",
    ]


def test_text_boxes_content_controls_headers_and_footers_read_in_document_order(tmp_path):
    import docx
    from lxml import etree

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Jane Doe, jane@example.com"
    document.sections[0].footer.paragraphs[0].text = "References on request"
    anchor = document.add_paragraph("Profile")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:txbxContent xmlns:w="{w}"><w:p><w:r><w:t>SKILLS</w:t></w:r></w:p>'
        f"<w:p><w:r><w:t>Python, SQL</w:t></w:r></w:p></w:txbxContent>"
    )
    # Word writes a text box twice, DrawingML and a VML fallback: it must be read once.
    run = etree.fromstring(
        f'<w:r xmlns:w="{w}" xmlns:mc="{mc}"><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<w:drawing>{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    anchor._p.append(run)
    sdt = etree.fromstring(
        f'<w:sdt xmlns:w="{w}"><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>EDUCATION</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Bachelor degree</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, sdt)  # before the section properties
    document.save(tmp_path / "cv.docx")
    assert texts(extract_lines(tmp_path / "cv.docx")) == [
        "Jane Doe, jane@example.com",
        "Profile",
        "SKILLS",
        "Python, SQL",
        "EDUCATION",
        "Bachelor degree",
        "References on request",
    ]


def test_comments_and_processing_instructions_in_the_body_are_skipped(tmp_path):
    import docx
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("Jane Doe")
    document.element.body.insert(0, etree.Comment(" made by a template "))
    document.element.body.insert(1, etree.ProcessingInstruction("mso-application", 'progid="Word.Document"'))
    document.add_paragraph("Python, SQL")
    buffer = io.BytesIO()
    document.save(buffer)
    assert texts(docx_lines(io.BytesIO(buffer.getvalue()), name="cv.docx")) == ["Jane Doe", "Python, SQL"]
    assert docx_text(io.BytesIO(buffer.getvalue())) == "Jane Doe\nPython, SQL"


@pytest.mark.parametrize("damage", ["not a zip", "bad xml", "no document"])
def test_a_damaged_docx_is_one_line_naming_the_file_only(tmp_path, damage):
    import zipfile

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    if damage == "not a zip":
        data = b"PK\x03\x04" + bytes(300)
    else:
        source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                if item.filename == "word/document.xml":
                    if damage == "no document":
                        continue
                    target.writestr(item, b"<w:document><w:body><w:p>broken")
                else:
                    target.writestr(item, source.read(item))
        data = out.getvalue()
    folder = tmp_path / "private" / "uploads"
    folder.mkdir(parents=True)
    (folder / "cv.docx").write_bytes(data)
    for source, name in ((folder / "cv.docx", None), (io.BytesIO(data), "cv.docx")):
        with pytest.raises(DataError, match=r"^cv\.docx is not a readable DOCX file") as err:
            docx_lines(source, name=name)
        assert "private" not in str(err.value) and "\n" not in str(err.value)


def test_dates_set_right_of_entries_of_two_lines_stay_on_their_lines(tmp_path):
    from reportlab.pdfgen import canvas

    entries = [
        ("Bachelor of Science, State University", "2015 - 2019", "Thesis on river ecology"),
        ("Master of Science, Tech Institute", "2019 - 2021", "Minor in statistics"),
    ]
    pdf = canvas.Canvas(str(tmp_path / "cv.pdf"), invariant=1)
    pdf.setFont("Helvetica", 10)
    y = 700
    for what, when, note in entries:
        pdf.drawString(50, y, what)
        pdf.drawRightString(545, y, when)
        pdf.drawString(50, y - 14, note)
        y -= 30
    pdf.save()
    assert texts(extract_lines(tmp_path / "cv.pdf")) == [
        t for what, when, note in entries for t in (f"{what} {when}", note)
    ]
