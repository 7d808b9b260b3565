"""Whole resumes, section by section, cut into labelled chunks: as plain text or drawn as a PDF/DOCX and read back."""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

from . import noise, phrases
from .conventions import SECTION_PLAN, draw_convention, draw_occupation
from .draft import Draft
from .forms import draw_form
from .headers import format_header, header_word, is_header_line
from .labels import LABELS
from .occupations import load_occupations
from .person import EMAIL_DOMAINS
from .sections import awards, certifications, contact, education, projects, skills, summary, work

SECTIONS = dict(zip(LABELS, [contact, summary, work, education, skills, projects, certifications, awards]))
DEFAULT_SEED = 13
N_RESUMES = 800
# Share of resumes drawn as PDF/DOCX files and cut from their extracted text; the rest are
# written as plain-text chunks.
RENDER_RATE = 0.5
DOCUMENT_HEADER_RATE = 0.3  # how often a chunk cut from a document keeps its heading line
HEADER_RATE = 0.27  # how often a plain-text chunk starts with its header
NOISE_RATE = 0.08  # plain-text chunks with a typo or an imitated extraction artefact
PERSONAL_DETAILS_RATE = 0.7  # Indian CVs that end with a personal-details block
MIN_ROWS, MAX_ROWS = 5000, 9000  # for N_RESUMES resumes; another count scales them
MIN_SHARE, MAX_SHARE, MAX_HEADER_SHARE = 0.08, 0.20, 1 / 3


def draw(d: Draft, label: str) -> tuple[str, str]:
    """(form, text) of one section: a form drawn from its table, with the weights the section adjusts to the person."""
    module = SECTIONS[label]
    adjust = getattr(module, "weights_for", None)
    return draw_form(d, module.FORMS, adjust(d) if adjust else None)


def write_sections(rng: random.Random, d: Draft) -> list[tuple[str, str, str]]:
    """(label, form, text) of each section of one resume, in the convention's order."""
    out = []
    for label, p in SECTION_PLAN[d.convention]:
        if rng.random() >= p:
            continue
        if label == "Work Experience":
            jobs = d.person.jobs
            parts = [jobs]
            if len(jobs) >= 2 and rng.random() < 0.3:  # one chunk per job, as a splitter cuts at each employer
                parts = [[job] for job in jobs[:3]]
            elif len(jobs) >= 3 and rng.random() < 0.35:  # a long history split into two sections
                cut = rng.randint(1, len(jobs) - 1)
                parts = [jobs[:cut], jobs[cut:]]
            for part in parts:
                d.chunk_jobs = part
                out.append((label, *draw(d, label)))
        elif label == "Skills":
            name, text = draw(d, label)
            rate = skills.LANGUAGES_LINE_RATE["us" if d.locale == "en_US" else "other"]
            if skills.takes_languages_line(name) and rng.random() < rate:
                text = skills.with_languages(d, text)
            out.append((label, name, text))
            if rng.random() < 0.1:  # a separate "Languages" section
                out.append((label, "spoken languages", skills.languages(d)))
        elif label == "Summary":
            name, text = draw(d, label)
            out.append((label, name, summary.cite_credentials(d, text) if rng.random() < 0.3 else text))
        else:
            out.append((label, *draw(d, label)))
            if label == "Projects" and rng.random() < 0.25:  # a second block of projects, cut apart from the first
                out.append((label, *draw(d, label)))
    if d.convention == "india" and rng.random() < PERSONAL_DETAILS_RATE:
        form = contact.EXTRA_FORMS["personal details and declaration"]
        out.append(("Contact Information", "personal details and declaration", form.write(d)))
    if d.convention == "india" or rng.random() < 0.1:  # slips of grammar and spelling, a few chunks per resume
        out = [(label, form, noise.imperfect(rng, text) if rng.random() < 0.35 else text) for label, form, text in out]
    return out


def document_rows(rng: random.Random, d: Draft, sections: list, workdir: Path, resume_id: str) -> list[dict]:
    """The resume drawn as a PDF or DOCX file and cut back into chunks from its extracted text."""
    # Imported here: reportlab (test extra) is needed to generate, not to read the header rules.
    from .documents.chunks import document_chunks
    from .documents.source import SourceSection

    style = rng.choice([str.upper, str.upper, str, lambda s: s + ":"])
    source = []
    for i, (label, form, text) in enumerate(sections):
        # The name-and-contact block opens the page without a heading; other sections carry one.
        word = header_word(rng, d.locale, d.header_hint, label) or rng.choice(phrases.HEADERS[label])
        header = None if label == "Contact Information" and i == 0 else style(word)
        lines = [line for line in text.strip().split("\n") if line.strip()]
        source.append(SourceSection(label, header, lines, form=form))
    return [
        _row(section.label, text, resume_id, d, section.form, kind)
        for section, text, kind in document_chunks(source, workdir, resume_id, rng, DOCUMENT_HEADER_RATE)
    ]


def _row(label: str, text: str, resume_id: str, d: Draft, form: str, source: str) -> dict:
    return {
        "text": text,
        "label": label,
        "resume_id": resume_id,
        "_header": is_header_line(text.split("\n")[0]),
        "_source": source,
        "_form": form,
        "_convention": d.convention,
        "_occupation": d.occupation.code,
    }


def make_resume(rng: random.Random, fakers: dict, index: int, workdir: Path | None = None) -> list[dict]:
    convention, locale = draw_convention(rng)
    occupations = load_occupations()
    d = Draft(rng, fakers[locale], convention, locale, draw_occupation(rng, convention, occupations), occupations)
    sections = write_sections(rng, d)
    resume_id = f"R{index:04d}"
    if workdir is not None and rng.random() < RENDER_RATE:
        return document_rows(rng, d, sections, workdir, resume_id)
    rows = []
    for label, form, text in sections:
        text = text.strip()
        if rng.random() < NOISE_RATE:  # noise goes in the body so a header stays recognisable
            text = noise.add_noise(rng, text)
        if rng.random() < HEADER_RATE:
            text = (
                format_header(rng, label, header_word(rng, locale, d.header_hint, label))
                + rng.choice(["\n", "\n", "\n\n"])
                + text
            )
        rows.append(_row(label, text, resume_id, d, form, "text"))
    return rows


def fakers_for(seed: int) -> dict:
    """One Faker per locale, each seeded from the run's seed."""
    from faker import Faker

    from .conventions import LOCALES

    fakers = {}
    for i, loc in enumerate(sorted({ln for ls in LOCALES.values() for ln in ls})):
        fakers[loc] = Faker(loc)
        fakers[loc].seed_instance(seed * 100 + i)
    return fakers


def generate(seed: int = DEFAULT_SEED, n_resumes: int = N_RESUMES, checked: bool = True) -> list[dict]:
    """All rows, resume by resume; the first n resumes are the same whatever n is."""
    rng = random.Random(seed)
    fakers = fakers_for(seed)
    with tempfile.TemporaryDirectory() as workdir:
        rows = [row for i in range(1, n_resumes + 1) for row in make_resume(rng, fakers, i, Path(workdir))]
    if checked:
        check(rows, n_resumes)
    return rows


def check(rows: list[dict], n_resumes: int = N_RESUMES) -> None:
    """Fail loudly when the mix drifts outside what the datasheet promises."""
    n = len(rows)
    low, high = (round(bound * n_resumes / N_RESUMES) for bound in (MIN_ROWS, MAX_ROWS))
    if not low <= n <= high:
        raise ValueError(f"{n} rows from {n_resumes} resumes; want {low:,}-{high:,} (tune SECTION_PLAN)")
    for label in LABELS:
        share = sum(r["label"] == label for r in rows) / n
        if not MIN_SHARE <= share <= MAX_SHARE:
            raise ValueError(f"{label} is {share:.1%} of rows; want 8%-20% (tune SECTION_PLAN)")
    header_share = sum(r["_header"] for r in rows) / n
    if header_share > MAX_HEADER_SHARE:
        raise ValueError(f"{header_share:.1%} of chunks carry a header; want at most a third")
    leftovers = [r["text"][:60] for r in rows if re.search(r"\{[A-Za-z0-9:]+\}", r["text"])]
    if leftovers:
        raise ValueError(f"unfilled placeholders in {leftovers[:3]}")
    emails = re.findall(r"[\w.+-]+@([\w.-]+)", "\n".join(r["text"] for r in rows))
    if not all(domain in EMAIL_DOMAINS for domain in emails):
        raise ValueError("an e-mail outside the example domains")
