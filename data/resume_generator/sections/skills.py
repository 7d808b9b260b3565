"""Skills: technology and tools (O*NET Technology Skills and Tools Used), O*NET skills and work styles, languages."""

from __future__ import annotations

import re

from .. import phrases, voice
from ..draft import Draft
from ..forms import Form


def _mixed(d: Draft) -> list[str]:
    return d.technology(d.rng.randint(3, 6)) + d.skills(d.rng.randint(1, 3))


def comma_list(d: Draft) -> str:
    return ", ".join(_mixed(d))


def keyed_categories(d: Draft) -> str:
    """'Programming Languages: …', 'Accounting software: …': O*NET's technology kinds as keys."""
    kinds = [k for k, v in d.occupation.technology_kinds.items() if v]
    chosen = d.pick(kinds, d.rng.randint(2, 4))
    sep = d.pick([": ", " : ", "\t: ", " – "])
    lines = []
    for kind in chosen:
        key = voice.product_name(kind, d.rng)
        key = key[0].upper() + key[1:]
        examples = [
            voice.product_name(e, d.rng) for e in d.pick(d.occupation.technology_kinds[kind], d.rng.randint(1, 4))
        ]
        lines.append(f"{key}{sep}{', '.join(dict.fromkeys(examples))}")
    if d.chance(0.5):
        keys = d.pick(phrases.SKILL_KEYS)
        lines.append(f"{keys[2]}{sep}{', '.join(d.skills(3))}")
    return "\n".join(lines)


def bullet_list(d: Draft) -> str:
    return d.bulletise(_mixed(d))


def pipe_list(d: Draft) -> str:
    return d.pick([" | ", " · ", " • "]).join(_mixed(d))


def rated(d: Draft) -> str:
    """CV builders (Zety, Novoresume, Resume.io): each skill with a level, stars or n/5."""
    kind = d.rng.randint(0, 2)
    lines = []
    for skill in d.technology(d.rng.randint(3, 6)):
        rating = [d.pick(phrases.RATINGS), d.pick(phrases.STARS), f"{d.rng.randint(2, 5)}/5"][kind]
        lines.append(f"{skill}{d.pick([' — ', ': ', '   ', ' - ', ' ('])}{rating}".replace(f"({rating}", f"({rating})"))
    return "\n".join(lines)


def years_in_brackets(d: Draft) -> str:
    """Indian IT CVs: 'Java (5 years), SQL (3 yrs)', as a list or one per line."""
    items = [
        f"{s} {d.pick(phrases.YEAR_FORMS).replace('{n}', str(d.rng.randint(1, max(2, d.person.years + 1))))}"
        for s in d.technology(d.rng.randint(2, 5))
    ]
    return d.pick([", ".join(items), "\n".join(items), d.bulletise(items)])


def lone_products(d: Draft) -> str:
    """Product names alone, one a line, with no bullet or key."""
    return "\n".join(d.technology(d.rng.randint(1, 4)))


def slash_separated(d: Draft) -> str:
    """'MS Word/Excel/PowerPoint', 'SAP / Oracle / Tally': a slash list, perhaps after a key."""
    items = d.technology(d.rng.randint(2, 5))
    if d.chance(0.4):
        shared = [i for i in items if i.startswith("MS ")]
        if len(shared) >= 2:
            items = [shared[0]] + [i[3:] for i in shared[1:]] + [i for i in items if i not in shared]
    text = d.pick(["/", " / ", "/ "]).join(items)
    return d.pick([text, f"{d.pick(['Software', 'Tools', 'Packages', 'IT Skills', 'Computer'])}: {text}"])


def sentences(d: Draft) -> str:
    """Indian and entry-level CVs: 'Good knowledge of …', 'Quick learner'."""
    pool = phrases.SKILL_SENTENCES_PLAIN + phrases.SKILL_SENTENCES
    return d.bulletise([d.fill(t) for t in d.pick(pool, d.rng.randint(2, 5))])


def equipment(d: Draft) -> str:
    """Machines, vehicles and instruments (O*NET Tools Used), as trades list them."""
    kit = d.tools(d.rng.randint(2, 5))
    key = d.pick(["Equipment", "Tools", "Machinery", "Equipment operated", "Instruments"])
    variant = d.rng.randint(0, 2)
    if variant == 0:
        return f"{key}: {', '.join(kit)}\n{d.pick(['Skills', 'Core', 'Also'])}: {', '.join(d.skills(3))}"
    if variant == 1:
        return d.bulletise(kit + d.skills(2))
    return "\n".join([f"{key}:"] + [f"{d.pick(['', '- ', '• '])}{k}" for k in kit])


def languages(d: Draft) -> str:
    spoken = d.pick(phrases.SPOKEN.get(d.locale, ["English"]), d.rng.randint(1, 3))
    lines = [f"{ln} – {d.pick(phrases.LEVELS)}" for ln in spoken]
    return "\n".join(lines + ([f"Computer skills: {', '.join(d.technology(3))}"] if d.chance(0.5) else []))


def linkedin_top_skills(d: Draft) -> str:
    return "\n".join([phrases.LINKEDIN["top_skills"]] + d.pick(d.technology(3) + d.skills(2), 3))


def europass_skills(d: Draft) -> str:
    e = phrases.EUROPASS
    spoken = phrases.SPOKEN.get(d.locale, ["English"])
    lines = [
        f"{e['mother']} {spoken[0]}",
        f"{e['other']} {', '.join(spoken[1:] or ['English'])} ({d.pick(e['levels'])})",
    ]
    lines.append(f"{e['digital']} {', '.join(d.technology(3))}")
    if d.chance(0.6):
        lines.append(f"{d.pick([e['job_skills'], e['communication']])} {', '.join(d.skills(2)).lower()}")
    return "\n".join(lines)


def skill_table(d: Draft) -> str:
    """A Skill | Level | Experience table, flattened a row a line."""
    sep = d.pick(["  ", " | ", "\t"])
    rows = [sep.join(["Skill", "Level", "Experience"])]
    for s in d.technology(d.rng.randint(2, 4)):
        rows.append(sep.join([s, d.pick(phrases.RATINGS), f"{d.rng.randint(1, 8)} yrs"]))
    return "\n".join(rows)


def single_item(d: Draft) -> str:
    """One skill alone: what a splitter leaves of a two-column skills grid."""
    return d.pick(d.technology(1) + d.skills(1))


def soft_skills(d: Draft) -> str:
    skills = d.skills(d.rng.randint(3, 6))
    return d.pick([", ".join(skills), d.bulletise(skills), " | ".join(skills)])


def core_competencies(d: Draft) -> str:
    """'Core Competencies': areas of responsibility (the occupation's work activities) and skills, as a grid or a run."""
    areas = sorted({t.activity for t in d.occupation.tasks if t.activity in phrases.ACTIVITY_HEADINGS})
    items = [d.pick(phrases.ACTIVITY_HEADINGS[a]) for a in d.pick(areas, d.rng.randint(3, 6))] + d.skills(2)
    d.rng.shuffle(items)
    layout = d.rng.randint(0, 2)
    if layout == 0:
        return d.pick(["  |  ", " | ", " • ", " · "]).join(items)
    if layout == 1:
        return d.bulletise(items)
    pairs = [items[i : i + 2] for i in range(0, len(items), 2)]
    return "\n".join((" " * d.rng.randint(3, 12)).join(p) for p in pairs)


def with_languages(d: Draft, text: str) -> str:
    """A line of spoken languages under many skills sections."""
    langs = d.pick(phrases.SPOKEN.get(d.locale, ["English"]), d.rng.randint(1, 3))
    key = d.pick(["Languages: ", "Languages Known: ", "Languages spoken: "])
    return f"{text}\n{key}" + ", ".join(f"{ln} ({d.pick(phrases.LEVELS)})" if d.chance(0.5) else ln for ln in langs)


FORMS = {
    "comma list": Form(3, comma_list, "any resume: tools and skills in one run"),
    "keyed categories": Form(
        4, keyed_categories, "Jake's resume, Awesome-CV, Indian IT CVs: 'Databases: …', 'Tools: …'"
    ),
    "bullet list": Form(3, bullet_list, "Word templates: one skill a bullet"),
    "pipe list": Form(1.5, pipe_list, "CV builders and LinkedIn-style headers: a | b | c"),
    "rated levels": Form(2, rated, "CV builders (Zety, Novoresume, Resume.io): Advanced, ★★★★☆, 4/5"),
    "years in brackets": Form(2.5, years_in_brackets, "Indian IT CVs: 'Java (5 years), SQL (3 yrs)'"),
    "lone product lines": Form(2, lone_products, "sidebars and skill grids: a product name alone on a line"),
    "slash-separated": Form(2, slash_separated, "Indian and office CVs: 'MS Word/Excel/PowerPoint', 'SAP / Tally'"),
    "sentences": Form(
        2,
        sentences,
        "Indian and entry-level CVs: 'Good knowledge of …', 'Quick learner'",
        ("india", "graduate", "uk", "us"),
    ),
    "equipment": Form(2, equipment, "trades, drivers, technicians: machines and instruments operated"),
    "spoken languages": Form(1, languages, "a Languages section: English – fluent"),
    "LinkedIn Top Skills": Form(1, linkedin_top_skills, "LinkedIn's PDF export: 'Top Skills' and three skills"),
    "Europass": Form(6, europass_skills, "Europass: mother tongue, other languages (B2), digital skills", ("europe",)),
    "skill table": Form(1, skill_table, "Word and Indian CVs: Skill | Level | Experience rows, flattened"),
    "single item": Form(1, single_item, "one cell of a skills grid, cut alone"),
    "soft skills": Form(1.5, soft_skills, "any resume: O*NET skills and work styles as a list"),
    "core competencies": Form(
        2.5,
        core_competencies,
        "'Core Competencies' and 'Areas of Expertise': areas of work as a grid, a run or bullets",
    ),
}
# Added under a drawn form (assemble.py): a languages line, as many skills sections end.
LANGUAGES_LINE_RATE = {"us": 0.15, "other": 0.35}
_NO_LANGUAGES = re.compile(r"^(single item|spoken languages|Europass|LinkedIn Top Skills)$")


def takes_languages_line(form_name: str) -> bool:
    return not _NO_LANGUAGES.match(form_name)
