"""Awards: honours, prizes, scholarships, recognitions and quantified achievements."""

from __future__ import annotations

from .. import credentials, phrases
from ..draft import Draft
from ..forms import Form
from ..person import NOW_YEAR


def _awards(d: Draft, k: int) -> list[str]:
    own = credentials.by_prefix(credentials.AWARDS, d.occupation.code)
    pool = own * 2 + phrases.GENERIC_AWARDS
    if d.convention == "india" or d.chance(0.3):
        pool += phrases.AWARD_PHRASES
    return [
        d.fill(
            a,
            event=d.fill(d.pick(phrases.AWARD_EVENTS)),
            reason=d.pick(phrases.AWARD_REASONS),
            ordinal=d.pick(phrases.ORDINALS),
        )
        for a in d.pick(pool, k)
    ]


def bulleted(d: Draft) -> str:
    return d.bulletise(_awards(d, d.rng.randint(1, 4)))


def year_and_award(d: Draft) -> str:
    sep = d.pick(["  ", " – ", ": ", "\t"])
    return "\n".join(f"{d.rng.randint(2010, NOW_YEAR)}{sep}{a}" for a in _awards(d, d.rng.randint(1, 4)))


def run_on(d: Draft) -> str:
    return "; ".join(_awards(d, d.rng.randint(2, 4))) + "."


def plain_lines(d: Draft) -> str:
    return "\n".join(_awards(d, d.rng.randint(1, 4)))


def indian_phrasings(d: Draft) -> str:
    """'Bagged first prize in …', 'Appreciated by client for …', 'Got spot award for …'."""
    lines = [
        d.fill(
            a,
            event=d.fill(d.pick(phrases.AWARD_EVENTS)),
            reason=d.pick(phrases.AWARD_REASONS),
            ordinal=d.pick(phrases.ORDINALS),
        )
        for a in d.pick(phrases.AWARD_PHRASES, d.rng.randint(1, 4))
    ]
    return d.bulletise(lines)


def quantified(d: Draft) -> str:
    """'Achievements' sections of results: they read much like job bullets."""
    lines = [d.fill(a) for a in d.pick(phrases.ACHIEVEMENTS, d.rng.randint(1, 3))] + _awards(d, d.rng.randint(0, 2))
    return d.bulletise(lines)


def with_issuer_and_description(d: Draft) -> str:
    """JSON Resume and LinkedIn: award, issuer · date, a sentence on why."""
    lines = []
    for a in _awards(d, d.rng.randint(1, 2)):
        lines += [a, f"{d.employer()} · {d.date(d.rng.randint(2012, NOW_YEAR), d.rng.randint(1, 12))}"]
        if d.chance(0.6):
            lines.append(f"Recognised for {d.focus()[0]}.")
    return "\n".join(lines)


def grants_and_fellowships(d: Draft) -> str:
    grants = [
        "{first}-{last} Fellowship ({year})",
        "Research grant, {money} ({year}–{year2})",
        "Early Career Researcher Award ({year})",
        "Best Paper Award, {city} conference ({year})",
        "Travel grant to present at an international conference ({year})",
    ]
    return d.bulletise([d.fill(g) for g in d.pick(grants, d.rng.randint(2, 4))] + _awards(d, 1))


def student_honours(d: Draft) -> str:
    honours = [
        "Dean's List ({n} semesters)",
        "Merit scholarship for academic excellence",
        "Graduated with distinction",
        "University gold medal",
        "Rank {n} in the university examinations",
        "Best Outgoing Student ({year})",
    ]
    return d.bulletise([d.fill(h) for h in d.pick(honours, d.rng.randint(1, 3))])


FORMS = {
    "bulleted": Form(4, bulleted, "most resumes: one award a bullet"),
    "year and award": Form(2.5, year_and_award, "moderncv, academic and European CVs: year, then award"),
    "run-on line": Form(1, run_on, "short resumes: awards in one sentence"),
    "plain lines": Form(1.5, plain_lines, "Word templates and extracted PDFs: one award a line, no bullet"),
    "Indian phrasings": Form(
        6, indian_phrasings, "Indian CVs: 'Bagged first prize in …', 'Appreciated by client for …'", ("india",)
    ),
    "quantified achievements": Form(2, quantified, "'Achievements' sections: targets met, ranks, promotions"),
    "with issuer and description": Form(
        1.5, with_issuer_and_description, "JSON Resume and LinkedIn: award, issuer · date, why"
    ),
    "grants and fellowships": Form(
        8, grants_and_fellowships, "academic CVs: fellowships, grants, best paper", ("academic",)
    ),
    "student honours": Form(
        2, student_honours, "graduates: Dean's List, scholarships, ranks", ("graduate", "india", "us", "uk")
    ),
}
