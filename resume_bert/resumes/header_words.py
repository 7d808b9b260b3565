"""Split a whole plain-text resume into sections and label each one (notebook 06)."""

import re
from dataclasses import dataclass

import pandas as pd

from ..preparation import clean_text

# Words that open a section header in resumes of many conventions; a short line made of
# them (or in capitals, or ending in a colon) starts a new section.
HEADER_WORDS = set(
    """
    about academic academics accomplishments achievements activities areas awards background career
    certificates certifications certification competencies contact core courses credentials details
    education educational employment experience expertise extracurricular highlights history honors
    honours interests key languages licenses licences objective personal professional profile
    projects publications qualifications qualification recognition relevant research scholarships
    skills strengths summary technical training work declaration information internships internship
    and & of my other selected appointments grants fellowships prizes teaching references hobbies
    volunteer volunteering leadership memberships affiliations presentations conferences positions
    responsibility trainings coursework licence license achievement award honor honour skill project
    objectives overview statement extra curricular co additional further community service military
    """.split()
)
_BULLET = re.compile(r"^\s*([•\-*·▪●◦]|\d+[.)])\s")
# Words of HEADER_WORDS that say nothing about a section on their own.
_FILLER_WORDS = {"and", "&", "of", "my", "other", "selected", "key", "information", "details", "relevant", "core"}


@dataclass(frozen=True)
class Section:
    header: str | None
    text: str
    # Indices of the section's first and last line (heading included) among the cleaned text's lines.
    first: int = 0
    last: int = 0


def heading_title(line: str) -> str:
    """A line as a title: without the colon after it or the bar some templates draw before it ("| SKILLS")."""
    return line.strip().removeprefix("|").strip().rstrip(":").strip()


# A title over the whole document heads no section of its own: like a heading, it stays with what follows.
DOCUMENT_TITLES = {"curriculum vitae", "resume", "résumé", "cv", "bio data", "bio-data", "biodata"}


def is_document_title(line: str) -> bool:
    """A title over the whole document (CURRICULUM VITAE, Resume), not over one section."""
    return heading_title(line).lower() in DOCUMENT_TITLES


def is_header(line: str) -> bool:
    """A short line without digits or e-mail that reads like a section (or document) title."""
    stripped = heading_title(line)
    if is_document_title(line):
        return True
    if not stripped or len(stripped) > 50 or _BULLET.match(line) or re.search(r"[\d@|/]", stripped):
        return False
    words = re.findall(r"[A-Za-z&]+", stripped)
    if not words or len(words) > 6:
        return False
    known = sum(w.lower() in HEADER_WORDS for w in words)
    if known == len(words):
        return True
    return stripped.isupper() and len(words) <= 4 and known >= 1


def split_resume(text: str) -> list[Section]:
    """Cut at header lines (else at blank lines); text before the first header (name and contacts) is its own section."""
    lines = clean_text(text or "").split("\n")
    sections: list[Section] = []
    header, start, body = None, 0, []

    def flush(end: int):
        chunk = "\n".join(body).strip()
        if chunk:
            sections.append(Section(header, chunk, start, end))

    for i, line in enumerate(lines):
        if is_header(line):
            flush(i - 1)
            header, start, body = heading_title(line), i, []
        else:
            body.append(line)
    flush(len(lines) - 1)
    if len(sections) <= 1 and not any(s.header for s in sections):
        sections, start = [], 0
        for i in range(len(lines) + 1):
            if i == len(lines) or not lines[i].strip():
                block = "\n".join(lines[start:i]).strip()
                if block:
                    sections.append(Section(None, block, start, i - 1))
                start = i + 1
    return sections


def label_resume(classifier, text: str) -> pd.DataFrame:
    """One row per section: its header, the label predicted for header and body together, and its probability."""
    sections = split_resume(text)
    inputs = [f"{s.header}\n{s.text}" if s.header else s.text for s in sections]
    predictions = classifier.predict(inputs)
    return pd.DataFrame(
        {
            "header": [s.header or "" for s in sections],
            "text": [s.text for s in sections],
            "label": [p.label for p in predictions],
            "probability": [round(p.score, 3) for p in predictions],
        }
    )


def looks_like_resume_sections(labels) -> bool:
    """Whether most of a model's labels name resume sections, so that `label_resume` makes sense (notebooks 05, 06)."""
    labels = [str(label) for label in labels]
    section_words = HEADER_WORDS - _FILLER_WORDS
    named = sum(any(w.lower() in section_words for w in re.findall(r"[A-Za-z]+", label)) for label in labels)
    return bool(labels) and named * 2 > len(labels)
