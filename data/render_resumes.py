"""Draw a plain-text resume as a PDF or DOCX file, in one of the layouts the training data is drawn in.

    python data/render_resumes.py data/sample_resumes/us_registered_nurse.txt us_registered_nurse.pdf --layout sidebar

The resume is split at its headings (`resume_bert.resumes.header_words.split_resume`); the
sections whose heading speaks of contact details, skills, languages or personal details go
to the sidebar of a sidebar layout. The drawing is the generator's own
(`resume_generator.documents`), so these files are made the way the training PDFs and DOCX
files are.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # resume_bert, when run from a clone
from resume_generator.documents import pdf, word  # noqa: E402
from resume_generator.documents.source import SourceSection  # noqa: E402

PDF_LAYOUTS, DOCX_LAYOUTS = pdf.LAYOUTS, word.LAYOUTS


def render_text_resume(text: str, path: Path, layout: str, seed: int = 0) -> None:
    """Draw a plain-text resume (split at its headings) as a PDF or DOCX file in one of the layouts."""
    from resume_bert.resumes.header_words import split_resume

    sidebar_words = ("contact", "skill", "language", "personal")
    sections = [
        SourceSection(
            "",
            s.header,
            s.text.split("\n"),
            in_sidebar=s.header is None or any(w in s.header.lower() for w in sidebar_words),
        )
        for s in split_resume(text)
    ]
    if layout == "sidebar":
        sections = [s for s in sections if s.in_sidebar] + [s for s in sections if not s.in_sidebar]
    rng = random.Random(seed)
    # Written beside the target, then renamed: an interrupted run leaves no half-written file.
    tmp = path.with_name(f".{path.name}.tmp{path.suffix}")
    if path.suffix == ".pdf":
        pdf.render_pdf(sections, tmp, layout, rng, footer="Page {page} of {pages}")
    else:
        word.render_docx(sections, tmp, layout, rng)
    tmp.replace(path)


def main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Draw a plain-text resume as a PDF or DOCX file.")
    parser.add_argument("input", type=Path, help="plain-text resume (UTF-8)")
    parser.add_argument("output", type=Path, help="file to write: .pdf or .docx")
    parser.add_argument(
        "--layout", default="one_column", help=f"PDF: {', '.join(PDF_LAYOUTS)}; DOCX: {', '.join(DOCX_LAYOUTS)}"
    )
    args = parser.parse_args(argv)
    layouts = {".pdf": PDF_LAYOUTS, ".docx": DOCX_LAYOUTS}.get(args.output.suffix.lower())
    if layouts is None or args.layout not in layouts:
        sys.exit(
            f"error: --layout {args.layout} does not draw a {args.output.suffix or 'file without suffix'}; "
            f"use .pdf with {', '.join(PDF_LAYOUTS)} or .docx with {', '.join(DOCX_LAYOUTS)}"
        )
    render_text_resume(args.input.read_text(encoding="utf-8"), args.output, args.layout)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
