"""A generated resume drawn as a file, read back, and cut into one labelled chunk per section."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from resume_bert.resumes.extraction import extract_lines

from . import pdf, word
from .source import SourceSection

SIDEBAR_LABELS = {"Contact Information", "Skills"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def trace_lines(lines: list[str], sections: list[SourceSection]) -> list[int]:
    """The section each extracted line came from: the one whose source shares most of its words.

    A word found in several sections counts for each of them in proportion; a line that
    shares no word with any section (a page footer) stays with the line before it.
    """
    counts = [Counter(_words(" ".join(([s.header] if s.header else []) + s.lines))) for s in sections]
    owners: dict[str, int] = Counter(w for c in counts for w in c)
    traced, last = [], 0
    for line in lines:
        scores = [0.0] * len(sections)
        for w in _words(line):
            for i, c in enumerate(counts):
                if w in c:
                    scores[i] += 1 / owners[w]
        best = max(range(len(sections)), key=lambda i: (scores[i], -abs(i - last)))
        last = best if scores[best] > 0 else last
        traced.append(last)
    return traced


def _norm(s: str) -> str:
    return " ".join(_words(s))


def document_chunks(
    sections: list[SourceSection], workdir: Path, name: str, rng: random.Random, header_rate: float
) -> list[tuple[SourceSection, str, str]]:
    """Render one resume, extract it, and return (section, chunk text, "kind:layout") per section."""
    if rng.random() < 0.6:
        kind, layout = "pdf", rng.choice(pdf.LAYOUTS)
    else:
        kind, layout = "docx", rng.choice(word.LAYOUTS)
    for sec in sections:
        sec.in_sidebar = sec.label in SIDEBAR_LABELS or (
            sec.label in ("Certifications", "Awards") and rng.random() < 0.4
        )
    if layout == "sidebar":  # sidebar sections first keep the DOCX cell order and PDF columns apart
        sections = [s for s in sections if s.in_sidebar] + [s for s in sections if not s.in_sidebar]
    path = workdir / f"{name}.{kind}"
    if kind == "pdf":
        footer = rng.choice([None, None, "Page {page} of {pages}", "{page}"])
        pdf.render_pdf(sections, path, layout, rng, footer)
    else:
        word.render_docx(sections, path, layout, rng)
    # PDFs in pdfplumber's plain order: the training chunks keep columns interleaved, as many extractors leave them.
    lines = pdf.plain_lines(path) if kind == "pdf" else [line.text.strip() for line in extract_lines(path)]
    path.unlink()
    owners = trace_lines(lines, sections)
    by_section: dict[int, list[str]] = {}
    for line, owner in zip(lines, owners):
        by_section.setdefault(owner, []).append(line)
    chunks = []
    for i in sorted(by_section, key=lambda i: owners.index(i)):
        sec, body = sections[i], by_section[i]
        if sec.header and body and _norm(body[0]) == _norm(sec.header) and rng.random() >= header_rate:
            body = body[1:]  # the splitter cut at the heading and kept only what follows it
            if len(body) > 1 and len(body[0].split()) <= 3 and body[1].startswith(":") and rng.random() < 0.5:
                body = body[1:]  # the first label went with the heading: the chunk starts ": value"
        text = "\n".join(body).strip()
        if text:
            chunks.append((sec, text, f"{kind}:{layout}"))
    return chunks
