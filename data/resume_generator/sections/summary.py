"""Summary: profile, objective, personal statement, headline, research interests."""

from __future__ import annotations

from .. import phrases
from ..draft import Draft
from ..forms import Form


def _title(d: Draft) -> str:
    if d.convention == "graduate" or not d.person.jobs:
        return d.pick(d.occupation.titles[:8] or [d.occupation.title])
    return d.person.jobs[0].title


def _years(d: Draft) -> str:
    y = max(1, d.person.years)
    if y == 1:
        return d.pick(["1 year", "one year", "over a year", "1+ year"])
    return d.pick([f"{y}+ years", f"{y} years", f"over {y} years", f"{y}+ yrs"])


def _opener(d: Draft) -> str:
    return d.pick(phrases.OPENERS)


def profile_paragraph(d: Draft) -> str:
    focus, tech = d.focus(2), d.technology(3)
    closing = d.pick(
        ["Proven ability to meet tight deadlines.", "Known for clear communication with stakeholders.", ""]
    )
    return (
        f"{_opener(d)} {_title(d)} with {_years(d)} of experience in {focus[0]} and {focus[-1]}. "
        f"Skilled in {', '.join(tech[:2])} and {tech[-1]}. {closing}"
    )


def career_objective(d: Draft) -> str:
    return d.fill(d.pick(phrases.CAREER_OBJECTIVES), title=_title(d), years=_years(d))


def first_person_statement(d: Draft) -> str:
    return d.fill(phrases.PERSONAL_STATEMENT, opener=_opener(d).lower(), title=_title(d), years=_years(d))


def headline(d: Draft) -> str:
    tech = d.technology(2)
    return d.pick(
        [
            f"{_title(d)} | {_years(d)} | {', '.join(tech)}",
            f"{_title(d)} | {d.focus()[0].capitalize()} | {tech[0]}\n{_years(d).capitalize()} in {d.focus()[0]}.",
            f"{_title(d)} · {d.person.city}",
        ]
    )


def qualification_bullets(d: Draft) -> str:
    return d.bulletise(
        [
            f"{_years(d)} of experience as a {_title(d).lower()}",
            f"Expertise in {', '.join(d.technology(3))}",
            f"Proven track record in {d.focus()[0]}",
            f"{d.skills(1)[0]} and {d.skills(1)[0].lower()}",
        ][: d.rng.randint(3, 4)]
    )


def india_summary_points(d: Draft) -> str:
    points = d.pick(phrases.SUMMARY_POINTS, d.rng.randint(3, 6))
    return d.bulletise([d.fill(p, title=_title(d), years=_years(d)) for p in points])


def third_person_bio(d: Draft) -> str:
    values = dict(
        title=_title(d),
        first=d.person.first,
        opener=_opener(d).lower(),
        pronoun="She" if d.female else "He",
    )
    return " ".join(d.fill(t, **values) for t in d.pick(phrases.SUMMARY_BIOS, 2))


def linkedin_about(d: Draft) -> str:
    stories = " ".join(d.fill(t) for t in d.pick(phrases.SUMMARY_STORIES, d.rng.randint(2, 3)))
    specialties = ", ".join(d.focus(2) + d.technology(2))
    return f"{stories}\n\n{d.pick(phrases.LINKEDIN_SPECIALTIES)} {specialties}"


def executive_profile(d: Draft) -> str:
    return d.fill(phrases.EXECUTIVE_PROFILE, years=_years(d), team=str(d.rng.randint(40, 900)))


def research_interests(d: Draft) -> str:
    focus = d.focus(2)
    return d.pick(
        [
            f"Research interests: {d.field}, {', '.join(focus)}.",
            f"My research focuses on {focus[0]} and {focus[1]}, combining {d.field.lower()} with {d.technology(1)[0]}.",
        ]
    )


def europass_statement(d: Draft) -> str:
    key = d.pick(phrases.EUROPASS["job"])
    return f"{key}\n{_title(d)}" + (f"\n{d.fill(d.pick(phrases.SUMMARY_STORIES))}" if d.chance(0.5) else "")


def working_principles(d: Draft) -> str:
    return d.bulletise(d.pick(phrases.SUMMARY_PRINCIPLES, d.rng.randint(3, 5)), d.pick(["*", "-", d.style.bullet]))


def cite_credentials(d: Draft, text: str) -> str:
    """Summaries often name a credential, a degree, an award or core skills: a sentence more."""
    from .certifications import pool
    from .education import degree_name

    job = d.person.jobs[0] if d.person.jobs else None
    recent = d.duty(d.pick(d.occupation.tasks).text, "past") if job else ""
    extra = d.pick(
        [
            f"{d.pick(pool(d))[0]} certified.",
            f"Holds a {degree_name(d)}.",
            f"Core skills: {', '.join(d.technology(2) + d.skills(1))}.",
            f"Recently {recent[0].lower() + recent[1:]}." if recent else "Available immediately.",
            d.pick(
                [
                    "Available immediately.",
                    "Open to relocation.",
                    "Notice period: 30 days.",
                    "Holds a full driving licence.",
                ]
            ),
        ]
    )
    return f"{text} {extra}"


FORMS = {
    "profile paragraph": Form(4, profile_paragraph, "US resumes and CV builders: adjective, title, years, skills"),
    "career objective": Form(
        5, career_objective, "Indian CVs and graduates: 'To work in a challenging environment…'", ("india", "graduate")
    ),
    "first-person statement": Form(
        4, first_person_statement, "UK personal statement: 'I am a … looking for …'", ("uk", "europe", "graduate")
    ),
    "headline": Form(2, headline, "LinkedIn headline, Jake's resume: title | years | tools"),
    "qualification bullets": Form(
        2, qualification_bullets, "US 'Summary of Qualifications' and federal resumes: bullets"
    ),
    "Indian summary points": Form(
        7, india_summary_points, "Indian IT and BPO CVs: 'Having 4 years of experience in …' bullets", ("india",)
    ),
    "third-person bio": Form(1, third_person_bio, "JSON Resume 'summary', speaker bios: '… is a …'"),
    "LinkedIn About": Form(1.5, linkedin_about, "LinkedIn's PDF export 'Summary': first person, then Specialties"),
    "executive profile": Form(8, executive_profile, "executive resumes: P&L, scale, turnarounds", ("executive",)),
    "research interests": Form(8, research_interests, "academic CVs: research interests", ("academic",)),
    "Europass statement": Form(4, europass_statement, "Europass: JOB APPLIED FOR / PERSONAL STATEMENT", ("europe",)),
    "working principles": Form(0.5, working_principles, "developers' and designers' resumes: a list of principles"),
}
