"""Projects: named projects, academic or professional, with what was built or done and how."""

from __future__ import annotations

import re

from .. import phrases
from ..draft import Draft
from ..forms import Form
from ..person import NOW_YEAR

_OBJECT_END = re.compile(r"\b(?:for|to|of|in|on|with|by|from|that|using|following|during|and|or|such|as)\b|,|\(")


def project_name(d: Draft) -> str:
    activity = d.pick(d.occupation.activities[:15] or [d.occupation.title])
    words = activity.rstrip(".").split(" ")[1:] or [activity]
    obj = _OBJECT_END.split(" ".join(words))[0].strip() or words[0].strip(",")
    obj = " ".join(w.capitalize() if w.islower() else w for w in obj.split()[:3])
    return d.fill(d.pick(phrases.PROJECT_NAMES), tool=d.technology(1)[0], object=obj)


def _when(d: Draft) -> str:
    start = max(2010, min(d.person.grad_year, NOW_YEAR) - 3)
    return d.date(d.rng.randint(start, NOW_YEAR), d.rng.randint(1, 12))


def _description(d: Draft) -> str:
    task = d.pick(d.occupation.tasks).text
    return d.duty(task, "past")


def _project_duties(d: Draft, k: int) -> list[str]:
    pool = phrases.PROJECT_BULLETS + (phrases.TECH_PROJECT_BULLETS * 2 if d.occupation.family == "15" else [])
    bullets = [d.fill(b, project="project", ordinal=d.pick(phrases.ORDINALS)) for b in d.pick(pool, k)]
    return bullets + [d.duty(t.text, "past") for t in d.pick(d.occupation.tasks, d.rng.randint(0, 2))]


def name_tools_bullets(d: Draft) -> str:
    """Jake's resume and Awesome-CV: name | tools | date, then action-verb bullets."""
    blocks = []
    for _ in range(d.rng.randint(1, 2)):
        name, tech, when = project_name(d), ", ".join(d.technology(2)), _when(d)
        head = d.pick(
            [
                f"{name} | {tech}{d.pick(['   ', ' | ', ', '])}{when}",
                f"{name} ({when})",
                f"{name}, {tech}",
                f"{name} ({when}{d.style.range_sep}{d.style.present}) — {d.pick(phrases.PROJECT_ROLES)}",
                f"{name} · {when}\n{d.fill(d.pick(phrases.PROJECT_TAGLINES))}",
            ]
        )
        bullets = [_description(d)] + _project_duties(d, d.rng.randint(1, 3))
        blocks.append(head + "\n" + d.bulletise(bullets, d.pick([d.style.bullet, "•", "◦", "-"])))
    return "\n".join(blocks)


def key_value_project(d: Draft) -> str:
    """Indian IT CVs: Title / Client / Duration / Environment / Role / Team size / Description / Responsibilities."""
    k = phrases.PROJECT_KEYS
    sep = d.pick([": ", " : ", "\t: ", " :- "])
    name = project_name(d)
    fields = [(d.pick(k["title"]), name)]
    if d.chance(0.4):
        fields.append((d.pick(k["client"]), d.fake.company()))
    gy = min(d.person.grad_year, NOW_YEAR)
    duration = d.pick(
        [
            "3 months",
            "6 months",
            "1 year",
            "8 weeks",
            "4 Months",
            d.span((gy, d.rng.randint(1, 6)), (gy, d.rng.randint(7, 12))),
        ]
    )
    fields += [(d.pick(k["duration"]), duration), (d.pick(k["environment"]), ", ".join(d.technology(3)))]
    if d.chance(0.6):
        fields += [(d.pick(k["role"]), d.pick(phrases.PROJECT_ROLES)), (d.pick(k["team"]), str(d.rng.randint(2, 12)))]
    desc = d.duty(d.pick(d.occupation.tasks).text, "present")
    template = d.pick(phrases.PROJECT_DESCRIPTIONS)
    fields.append((d.pick(k["description"]), d.fill(template, project=name, desc=desc[0].lower() + desc[1:])))
    lines = [f"{key}{sep}{value}" for key, value in fields]
    if d.chance(0.6):
        lines.append(f"{d.pick(k['responsibilities'])}{sep.rstrip()}")
        lines.append(d.bulletise(_project_duties(d, d.rng.randint(2, 4))))
    return "\n".join(lines)


def client_project(d: Draft) -> str:
    """Project / Client / Role / Period / Responsibilities: the classic Projects-or-Work confusion."""
    gy = min(d.person.grad_year, NOW_YEAR)
    return "\n".join(
        [
            f"Project: {project_name(d)}",
            f"Client: {d.fake.company()}",
            f"Role: {d.pick(d.occupation.titles[:10] or [d.occupation.title])}",
            f"Period: {d.span((gy, d.rng.randint(1, 6)), (gy + 1, d.rng.randint(1, 12)))}",
            d.pick(["Responsibilities:", "Contribution:", "What I did:"]),
            d.bulletise(
                d.duties(d.person.jobs[0], d.rng.randint(1, 3), "past") if d.person.jobs else [_description(d)]
            ),
        ]
    )


def one_liners(d: Draft) -> str:
    lines = []
    for _ in range(d.rng.randint(1, 3)):
        desc = _description(d)
        lines.append(
            d.pick(
                [
                    f"{project_name(d)}: {desc[0].lower() + desc[1:]}.",
                    f"{d.style.bullet} {project_name(d)} — {desc[0].lower() + desc[1:]}",
                    f"{desc} ({project_name(d)}, {d.pick(['university', 'personal', 'team', 'freelance'])} project)",
                ]
            )
        )
    return "\n".join(lines)


def title_and_paragraph(d: Draft) -> str:
    name = project_name(d)
    more = d.fill(d.pick(phrases.PROJECT_BULLETS), project="project")
    return f"{d.pick([name.upper(), name])} ({_when(d)})\n{_description(d)}. {more}."


def narrative_story(d: Draft) -> str:
    """A first-person story of a non-technical project: still Projects, though it reads like a summary."""
    name, story = d.pick(phrases.NARRATIVE_PROJECTS)
    story = d.fill(story)
    return d.pick([story, f"{name} ({d.rng.randint(2012, NOW_YEAR)})\n{story}", f"{name} — {story}"])


def academic_kind(d: Draft) -> str:
    """'2019 – 2023 name, Final Year Project' then bullets: projects written like jobs."""
    start = d.rng.randint(max(2010, min(d.person.grad_year, NOW_YEAR) - 4), NOW_YEAR)
    head = f"{start} – {min(NOW_YEAR, start + d.rng.randint(0, 2))} {project_name(d)}, {d.pick(phrases.PROJECT_KINDS)}"
    return head + "\n" + d.bulletise([_description(d)] + _project_duties(d, d.rng.randint(1, 2)))


def json_resume_project(d: Draft) -> str:
    """JSON Resume themes: name, description, then highlights; sometimes a URL."""
    name = project_name(d)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    lines = [name, f"{_description(d)}."]
    if d.chance(0.5):
        lines.append(f"https://github.com/{d.person.first.lower()}{d.person.last.lower()}/{slug}")
    return "\n".join(lines + [d.bulletise(_project_duties(d, d.rng.randint(1, 3)), "-")])


def research_project(d: Draft) -> str:
    lines = [
        f"{project_name(d)} ({_when(d)}{d.style.range_sep}{d.style.present})",
        f"Funded by {d.pick(['the Research Council', 'the National Science Foundation', d.fake.company() + ' Foundation'])} ({d.money()})",
        d.pick(["Principal Investigator", "Co-Investigator", "Research Associate"]) + f"; {_description(d)}.",
    ]
    if d.chance(0.5):
        lines.append(
            f"{d.person.last}, {d.person.first[0]}., {d.fake.last_name()}, {d.fake.first_name()[0]}. ({d.rng.randint(2015, 2024)}). "
            f"{d.focus()[0].capitalize()}. Journal of {d.field}, {d.rng.randint(3, 60)}({d.rng.randint(1, 12)}), {d.rng.randint(10, 400)}–{d.rng.randint(401, 900)}."
        )
    return "\n".join(lines)


FORMS = {
    "name | tools | date + bullets": Form(
        4, name_tools_bullets, "Jake's resume, Awesome-CV, Deedy: project line, then bullets"
    ),
    "label-value block": Form(
        3, key_value_project, "Indian IT CVs: Title / Duration / Environment / Team size / Description"
    ),
    "client project with duties": Form(
        1.5, client_project, "consultants' and Indian IT CVs: Project / Client / Role / Period"
    ),
    "one-liners": Form(2, one_liners, "short lists of projects: name: what it does"),
    "title and paragraph": Form(
        1.5, title_and_paragraph, "Word templates and student resumes: title (date), paragraph"
    ),
    "first-person story": Form(
        1, narrative_story, "non-technical resumes: a community or side project told in first person"
    ),
    "academic project like a job": Form(
        1.5,
        academic_kind,
        "students: '2019 – 2023 name, Final Year Project' and bullets",
        ("india", "graduate", "us", "uk"),
    ),
    "JSON Resume project": Form(1, json_resume_project, "JSON Resume themes: name, description, URL, highlights"),
    "research project": Form(8, research_project, "academic CVs: funded project, role, publication", ("academic",)),
}
