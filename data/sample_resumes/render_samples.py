"""Render two of the plain-text sample resumes as the files users upload: a PDF and a DOCX.

    python data/sample_resumes/render_samples.py

us_registered_nurse.txt becomes us_registered_nurse.pdf (one column, bold headings, with
reportlab) and uk_chef_cv.txt becomes uk_chef_cv.docx (heading paragraphs, python-docx).
The text stays the same, so the three routes (TXT, PDF, DOCX) can be compared.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from resume_bert.artifacts import atomic_path  # noqa: E402
from resume_bert.sections import is_header  # noqa: E402


def render_pdf(source: Path, dest: Path) -> None:
    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = Path(reportlab.__file__).parent / "fonts"  # Bitstream Vera ships with reportlab
    pdfmetrics.registerFont(TTFont("Vera", str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("VeraBd", str(fonts / "VeraBd.ttf")))
    width, height = A4
    with atomic_path(dest) as tmp:
        pdf = canvas.Canvas(str(tmp), pagesize=A4, invariant=1)
        y = height - 60
        for line in source.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                y -= 6
                continue
            heading = is_header(line)
            size = 11 if heading else 8.5
            chars = int(len(line) * (width - 80) / pdfmetrics.stringWidth(line, "Vera", size))
            for piece in textwrap.wrap(line, chars, break_on_hyphens=False) if not heading else [line.strip()]:
                if y < 60:
                    pdf.showPage()
                    y = height - 60
                pdf.setFont("VeraBd" if heading else "Vera", size)
                pdf.drawString(40, y, piece)
                y -= 17 if heading else 13
        pdf.save()


def render_docx(source: Path, dest: Path) -> None:
    import docx

    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if is_header(line):
            document.add_heading(line.strip(), level=2)
        else:
            document.add_paragraph(line.strip())
    with atomic_path(dest) as tmp:
        document.save(str(tmp))


if __name__ == "__main__":
    render_pdf(HERE / "us_registered_nurse.txt", HERE / "us_registered_nurse.pdf")
    render_docx(HERE / "uk_chef_cv.txt", HERE / "uk_chef_cv.docx")
    print("wrote us_registered_nurse.pdf and uk_chef_cv.docx")
