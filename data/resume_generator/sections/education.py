"""Education: degrees at the level O*NET reports for the occupation, in fields from the CIP-SOC crosswalk."""

from __future__ import annotations

from .. import phrases
from ..conventions import SPELLING
from ..draft import Draft
from ..forms import Form
from ..person import NOW_YEAR
from ..style import MONTHS


def _system(d: Draft) -> str:
    """Whose degree names the person uses: us, uk, india or europe."""
    if d.convention == "europe" or d.locale in ("de_DE", "fr_FR", "nl_NL", "es_ES", "pl_PL"):
        return "europe"
    return SPELLING.get(d.locale, "us")


def school_leaving(d: Draft) -> str:
    return d.fill(d.pick(phrases.SCHOOL_LEAVING.get(d.locale, phrases.SCHOOL_LEAVING["en_US"])))


def degree_name(d: Draft, level: int | None = None) -> str:
    level = min(level or d.person.education_level, 11)
    if level <= 2:
        return school_leaving(d).split(",")[0]
    kind = subject_kind(d.field)
    names = [
        t
        for t, _, kinds in (e.partition("|") for e in phrases.DEGREES[_system(d)][level])
        if not kinds or kind in kinds.split()
    ]
    return d.fill(d.pick(names or [e.partition("|")[0] for e in phrases.DEGREES[_system(d)][level]]))


SUBJECT_WORDS = {
    "eng": ("Engineering", "Technology", "Construction", "Mechanic", "Electr", "Manufactur", "Drafting"),
    "cs": ("Computer", "Information", "Software", "Data", "Network", "Informatics", "Artificial", "Cyber"),
    "com": ("Account", "Business", "Commerce", "Financ", "Management", "Marketing", "Econom", "Sales", "Tax", "Bank"),
    "med": ("Medic", "Nurs", "Health", "Pharm", "Dent", "Clinical", "Therap", "Surg", "Radiolog", "Veterinar"),
    "law": ("Law", "Legal", "Juris"),
    "sci": ("Biolog", "Chemi", "Physic", "Science", "Mathemat", "Statist", "Geolog", "Ecolog", "Agricult"),
}


def subject_kind(field: str) -> str:
    """The family of a field of study, for degree names that fit it (B.Tech for engineering, B.Com for commerce)."""
    for kind, words in SUBJECT_WORDS.items():
        if any(w in field for w in words):
            return kind
    return "arts"


def _when(d: Draft) -> str:
    gy = d.person.grad_year
    if gy > NOW_YEAR:
        return f"Expected {d.pick(MONTHS[4:6])} {gy}"
    return d.pick([str(gy), f"{d.pick(MONTHS)} {gy}", f"{gy - d.pick([3, 4])}{d.style.range_sep}{gy}"])


def _gpa(d: Draft) -> str:
    return d.pick(phrases.GPA_FORMS).replace("{g}", f"{d.rng.randint(30, 40) / 10:.1f}")


def stacked(d: Draft) -> str:
    variant = d.rng.randint(0, 2)
    deg, uni = degree_name(d), d.university()
    lines = [
        [f"{deg}{_gpa(d)}", f"{uni}, {d.fake.city()}", _when(d)],
        [uni.upper(), f"{deg} — {_when(d)}{_gpa(d)}"],
        [f"{deg} ({_when(d)})", uni],
    ][variant]
    if d.person.education_level >= 8 and d.chance(0.6):  # the first degree below the highest one
        lines.append(f"{degree_name(d, 6)}, {d.university()}, {d.person.grad_year - d.rng.randint(2, 5)}")
    return "\n".join(lines)


def one_line(d: Draft) -> str:
    deg, uni, gy = degree_name(d), d.university(), d.person.grad_year
    return d.pick([f"{deg}, {uni}, {gy}", f"{deg} – {uni} ({_when(d)})", f"{uni}: {deg}", f"{gy}  {deg}, {uni}"])


def _marks(d: Draft) -> str:
    r = d.rng
    return d.pick(phrases.MARKS).format(p=r.randint(55, 92), d=r.randint(0, 9), c=r.randint(6, 9))


def _marks_rows(d: Draft) -> list[tuple[str, str, str, str]]:
    gy = d.person.grad_year
    rows = []
    if d.person.education_level >= 3:
        rows.append((degree_name(d), d.university(), str(gy), _marks(d)))
    rows.append(
        (f"XII ({d.pick(phrases.STREAMS_XII)})", d.pick(phrases.BOARDS_XII), str(gy - 4), f"{d.rng.randint(55, 96)}%")
    )
    rows.append(
        (
            "X",
            d.pick(phrases.BOARDS_X),
            str(gy - 6),
            d.pick([f"{d.rng.randint(60, 98)}%", f"{d.rng.randint(7, 10)}.{d.rng.randint(0, 9)} CGPA"]),
        )
    )
    return rows


def marks_table(d: Draft) -> str:
    """Indian CVs: Qualification | Board/University | Year | Percentage, flattened a row a line."""
    sep = d.pick([" | ", "  ", "\t", " , "])
    header = d.pick(
        [
            ["Qualification", "Board/University", "Year", "Percentage/CGPA"],
            ["Course", "Institution", "Year of Passing", "Marks"],
            ["Degree", "University/Board", "Year", "Aggregate"],
        ]
    )
    return "\n".join(sep.join(row) for row in [header] + _marks_rows(d))


def marks_sentences(d: Draft) -> str:
    return d.bulletise([f"{a} from {b} in {c} with {m}" for a, b, c, m in _marks_rows(d)])


def uk_degree(d: Draft) -> str:
    gy = d.person.grad_year
    lines = [f"{degree_name(d)} – {d.pick(phrases.UK_CLASSES)}", f"{d.university()}, {gy - 3}{d.style.range_sep}{gy}"]
    if d.chance(0.5):
        lines.append(
            d.pick(
                [
                    "A-levels: Mathematics (A), Biology (B), History (B)",
                    "GCSEs: 9 at grades 9–5 including English and Maths",
                    "A Levels: A*AB",
                ]
            )
        )
    if d.chance(0.4):
        lines.append(f"Dissertation: {d.focus()[0].capitalize()}")
    return "\n".join(lines)


def doctorate(d: Draft) -> str:
    gy = d.person.grad_year
    return "\n".join(
        [
            f"{degree_name(d, 11)}, {d.university()}, {gy}",
            f'Thesis: "{d.focus()[0].capitalize()}: {d.pick(["a comparative study", "new methods", "evidence from field data", "theory and experiments"])}"',
            f"Advisor: Prof. {d.fake.first_name()} {d.fake.last_name()}",
            f"{degree_name(d, 8)}, {d.university()}, {gy - d.rng.randint(4, 6)}",
        ]
    )


def vocational(d: Draft) -> str:
    """Apprenticeships, Cert III/IV, NVQ, Ausbildung: certificate-sounding, but study."""
    region = {"de_DE": "de", "en_AU": "au", "en_US": "us", "en_CA": "us"}.get(d.locale, "uk")
    gy = min(d.person.grad_year, NOW_YEAR)
    span = f"{max(2000, gy - d.rng.randint(2, 4))}{d.style.range_sep}{gy}"
    lines = [d.fill(d.pick(phrases.VOCATIONAL_TEMPLATES[region]), span=span)]
    if d.chance(0.6):  # "Education and Training": a diploma next to the school it followed
        lines.append(school_leaving(d))
        d.header_hint["Education"] = d.pick(
            ["Education and Training", "Education & Training", "Ausbildung" if region == "de" else "Education"]
        )
    return d.bulletise(lines, d.pick(["", "", d.style.bullet]))


def school_only(d: Draft) -> str:
    lines = [school_leaving(d)]
    if d.chance(0.4):
        lines.append(
            d.pick([f"Coursework in {d.field}, {d.university()}", f"Some college: {d.field}, {d.university()}"])
        )
    return "\n".join(lines)


def europass_education(d: Draft) -> str:
    gy = d.person.grad_year
    start = gy - d.rng.randint(2, 4)
    return "\n".join(
        [
            f"{start}–{gy} {degree_name(d)}" + d.pick(["", f" EQF level {min(8, max(4, d.person.education_level))}"]),
            f"{d.university()}, {d.fake.city()}",
            f"▪ {', '.join(d.coursework(3))}",
        ]
    )


def linkedin_education(d: Draft) -> str:
    gy = d.person.grad_year
    return f"{d.university()}\n{degree_name(d)}, {d.field} · ({gy - d.pick([2, 3, 4])} - {gy})"


def dated_columns(d: Draft) -> str:
    """Jake's resume: school and place on one line, degree and dates on the next, then coursework."""
    gy = d.person.grad_year
    start = f"{d.pick(MONTHS)[:3]}. {gy - 4}"
    end = f"Expected {d.pick(MONTHS[4:6])} {gy}" if gy > NOW_YEAR else f"{d.pick(MONTHS)[:3]}. {gy}"
    lines = [
        f"{d.university()}{' ' * d.rng.randint(2, 8)}{d.fake.city()}",
        f"{degree_name(d)}{' ' * d.rng.randint(2, 8)}{start} – {end}",
    ]
    if d.chance(0.5):
        lines.append(f"{d.pick(phrases.COURSEWORK_KEYS)}: {', '.join(d.coursework(d.rng.randint(3, 5)))}")
    return "\n".join(lines)


def with_extras(d: Draft) -> str:
    """A degree with coursework and an honour or project under it."""
    lines = [f"{degree_name(d)}, {d.university()} ({_when(d)})"]
    lines.append(f"{d.pick(phrases.COURSEWORK_KEYS)}: {', '.join(d.coursework(d.rng.randint(3, 5)))}")
    lines.append(d.fill(d.pick(phrases.EDUCATION_EXTRAS)))
    return "\n".join(lines)


def _low_level(d: Draft) -> bool:
    return d.person.education_level <= 5


FORMS = {
    "degree, school, year stacked": Form(4, stacked, "US and UK Word templates, JSON Resume themes"),
    "one line": Form(2, one_line, "short resumes: degree, school, year on one line"),
    "marks table": Form(7, marks_table, "Indian CVs: Qualification | Board | Year | Percentage, flattened", ("india",)),
    "marks sentences": Form(3, marks_sentences, "Indian CVs: 'B.Com from … in 2015 with 68%'", ("india",)),
    "UK degree with class": Form(6, uk_degree, "UK CVs: BSc (Hons) – 2:1, A-levels, dissertation", ("uk",)),
    "doctorate with thesis": Form(10, doctorate, "academic CVs: PhD, thesis, advisor, earlier degree", ("academic",)),
    "vocational training": Form(
        2, vocational, "trades: apprenticeship, NVQ, Cert III (TAFE), Ausbildung", ("us", "uk", "europe")
    ),
    "school only": Form(
        1, school_only, "people without a degree: diploma, GED, Abitur, Leaving Certificate", ("us", "uk", "europe")
    ),
    "Europass": Form(6, europass_education, "Europass: years, qualification, EQF level, ▪ subjects", ("europe",)),
    "LinkedIn export": Form(1, linkedin_education, "LinkedIn's PDF export: school, degree, field · (years)"),
    "dated columns": Form(
        2,
        dated_columns,
        "Jake's resume, Deedy: school and place, degree and dates, coursework",
        ("us", "graduate", "india"),
    ),
    "with coursework and honours": Form(
        1.5, with_extras, "graduates: degree, relevant coursework, Dean's List or project"
    ),
}


def weights_for(d: Draft) -> dict[str, float]:
    """Degree-centred forms give way to vocational and school forms for people without a degree."""
    low = _low_level(d)
    return {
        name: form.weight * (4 if low and name in ("vocational training", "school only") else 0.3 if low else 1)
        for name, form in FORMS.items()
    }
