"""Every form of every section: one chunk of it, and what makes it that form."""

import random
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("faker")
from faker import Faker  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from resume_generator import credentials, phrases, voice  # noqa: E402
from resume_generator.assemble import SECTIONS  # noqa: E402
from resume_generator.conventions import LOCALES, WEIGHTS  # noqa: E402
from resume_generator.draft import Draft  # noqa: E402
from resume_generator.occupations import load_occupations  # noqa: E402

SOFTWARE, TRUCKER, CLERK = "15-1252.00", "53-3032.00", "43-4051.00"
GLYPH = r"^\s*(?:[•\-*·–▪o➢►✓❖◦§Ø\uf0b7]|\d+[.)]|\(\d+\))\s"


def lines(text):
    return [line for line in text.split("\n") if line.strip()]


def bulleted(text, at_least=1):
    return sum(bool(re.match(GLYPH, line)) for line in lines(text)) >= at_least


def make_draft(convention, code=SOFTWARE, locale=None, seed=0):
    occupations = load_occupations()
    occupation = next(o for o in occupations if o.code == code)
    locale = locale or LOCALES[convention][0]
    fake = Faker(locale)
    fake.seed_instance(seed)
    return Draft(random.Random(seed), fake, convention, locale, occupation, occupations)


def has(pattern, flags=0):
    """A check that the chunk matches a pattern."""
    return lambda text, d: re.search(pattern, text, flags) is not None


def name_in(d, text):
    return d.person.first in text or d.person.first.upper() in text


# (label, form) -> (convention, occupation code, locale or None, check(text, draft))
CHECKS = {
    ("Contact Information", "stacked lines"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) >= 4 and any("@" in x and " " not in x for x in lines(t)),
    ),
    ("Contact Information", "separator line"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: re.search(r"@\S+( \| | • | · |  | ⋄ )", t) is not None and len(lines(t)) == 2,
    ),
    ("Contact Information", "key: value"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: re.search(r"^(Phone|Mobile|Tel|Mob\.|Contact No\.)\s*:", t, re.M) is not None,
    ),
    ("Contact Information", "details without the name"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: not name_in(d, t) and "@" in t,
    ),
    ("Contact Information", "two columns run together"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: re.search(r"\S {4,}[+(\d]", lines(t)[0]) is not None,
    ),
    ("Contact Information", "icon line"): ("us", SOFTWARE, None, lambda t, d: "\uf095" in t and "\uf0e0" in t),
    ("Contact Information", "LinkedIn export"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: ("(LinkedIn)" in t and "(Mobile)" in t) or (len(lines(t)) == 3 and lines(t)[0] == d.person.name),
    ),
    ("Contact Information", "Europass"): (
        "europe",
        SOFTWARE,
        "pl_PL",
        lambda t, d: t.startswith("PERSONAL INFORMATION") and "Date of birth" in t,
    ),
    ("Contact Information", "local-language details"): (
        "europe",
        SOFTWARE,
        "de_DE",
        lambda t, d: "Geburtsdatum" in t and "Anschrift" in t,
    ),
    ("Contact Information", "personal details and declaration"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: re.search(r"^Date of Birth\s*(:|-|\t|  )", t, re.M) is not None,
    ),
    ("Summary", "profile paragraph"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: "of experience in" in t and "Skilled in" in t,
    ),
    ("Summary", "career objective"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: re.match(r"(To |Seeking |Looking )", t) is not None,
    ),
    ("Summary", "first-person statement"): ("uk", SOFTWARE, None, lambda t, d: t.startswith("I am a")),
    ("Summary", "headline"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) <= 2 and re.search(r" \| | · ", lines(t)[0]) is not None,
    ),
    ("Summary", "qualification bullets"): ("us", SOFTWARE, None, lambda t, d: bulleted(t, 3) and "experience as" in t),
    ("Summary", "Indian summary points"): ("india", SOFTWARE, None, lambda t, d: bulleted(t, 3)),
    ("Summary", "third-person bio"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: t.startswith(d.person.first) and "I " not in t,
    ),
    ("Summary", "LinkedIn About"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: "\n\n" in t and re.search(r"^(Specialties|Specialities|Core areas|Focus areas):", t, re.M),
    ),
    ("Summary", "executive profile"): ("executive", "11-1021.00", None, lambda t, d: "P&L" in t),
    ("Summary", "research interests"): ("academic", "25-1022.00", None, lambda t, d: "research" in t.lower()),
    ("Summary", "Europass statement"): (
        "europe",
        SOFTWARE,
        "fr_FR",
        lambda t, d: lines(t)[0] in phrases.EUROPASS["job"],
    ),
    ("Summary", "working principles"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: all(re.sub(GLYPH, "", x) in phrases.SUMMARY_PRINCIPLES for x in lines(t)) and len(lines(t)) >= 3,
    ),
    ("Work Experience", "title | company | dates + bullets"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: d.person.jobs[0].title.upper() in t.upper() and d.person.jobs[0].org in t.upper() + t,
    ),
    ("Work Experience", "company first, stacked"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: lines(t)[0] == d.person.jobs[0].org.upper() and bulleted(t),
    ),
    ("Work Experience", "dates left"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: lines(t)[0].startswith(d.span(d.person.jobs[0].start, d.person.jobs[0].end)),
    ),
    ("Work Experience", "label-value job"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: any(lines(t)[0].startswith(keys[0]) for keys in phrases.JOB_KEYS),
    ),
    ("Work Experience", "one line per job"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) == len(d.person.jobs) and all(j.org in t for j in d.person.jobs),
    ),
    ("Work Experience", "narrative paragraph"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: lines(t)[0].startswith(f"{d.person.jobs[0].title}, {d.person.jobs[0].org} ("),
    ),
    ("Work Experience", "functional sub-headings"): (
        "india",
        CLERK,
        None,
        lambda t, d: (
            bulleted(t, 2)
            and sum(
                x.rstrip(":").lower()
                in {h.lower() for hs in phrases.ACTIVITY_HEADINGS.values() for h in hs + phrases.OTHER_HEADINGS}
                for x in lines(t)
            )
            >= 2
        ),
    ),
    ("Work Experience", "client projects inside a job"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: re.search(r"^Client\s*:", t, re.M) and re.search(r"^Description\s*:", t, re.M),
    ),
    ("Work Experience", "LinkedIn export"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: re.search(r"\w+ \d{4} - (Present|\w+ \d{4}) \(\d+ (years?|months)", t) is not None,
    ),
    ("Work Experience", "Europass"): (
        "europe",
        SOFTWARE,
        "fr_FR",
        lambda t, d: re.match(r"\d\d/\d{4}–", t) is not None and "Business or sector" in t,
    ),
    ("Work Experience", "intro sentence + bullets"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: lines(t)[2].endswith(".") and not bulleted(lines(t)[2]),
    ),
    ("Work Experience", "federal resume"): ("us", SOFTWARE, None, lambda t, d: "Hours per week" in t or "hrs/wk" in t),
    ("Work Experience", "title lines only"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) == len(d.person.jobs) and not bulleted(t),
    ),
    ("Work Experience", "stacked entries without duties"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: (
            len(lines(t)) == 2 * len(d.person.jobs) and not bulleted(t) and all(j.org in t for j in d.person.jobs)
        ),
    ),
    ("Work Experience", "bullets only"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: bulleted(t, 3) and not any(j.org in t for j in d.person.jobs),
    ),
    ("Education", "degree, school, year stacked"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) >= 2 and re.search(r"University|College|Institute", t, re.I),
    ),
    ("Education", "one line"): ("us", SOFTWARE, None, lambda t, d: len(lines(t)) == 1),
    ("Education", "marks table"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: re.search(r"^X\W.*(%|CGPA)", t, re.M) and re.search(r"Year", lines(t)[0]),
    ),
    ("Education", "marks sentences"): ("india", SOFTWARE, None, has(r" from .+ in \d{4} with ")),
    ("Education", "UK degree with class"): ("uk", SOFTWARE, None, lambda t, d: any(c in t for c in phrases.UK_CLASSES)),
    ("Education", "doctorate with thesis"): (
        "academic",
        "25-1022.00",
        None,
        lambda t, d: "Thesis:" in t and "Advisor:" in t,
    ),
    ("Education", "vocational training"): (
        "uk",
        TRUCKER,
        None,
        has(r"Apprenticeship|NVQ|BTEC|City & Guilds|HNC|Cert|Ausbildung|Vocational"),
    ),
    ("Education", "school only"): ("us", TRUCKER, "en_US", has(r"High School|GED")),
    ("Education", "Europass"): ("europe", SOFTWARE, "fr_FR", lambda t, d: re.match(r"\d{4}–\d{4} ", t) and "▪" in t),
    ("Education", "LinkedIn export"): ("us", SOFTWARE, None, has(r" · \(\d{4} - \d{4}\)$")),
    ("Education", "dated columns"): ("us", SOFTWARE, None, lambda t, d: re.search(r"\w{3}\. \d{4} – ", lines(t)[1])),
    ("Education", "with coursework and honours"): (
        "graduate",
        SOFTWARE,
        None,
        lambda t, d: any(lines(t)[1].startswith(k + ":") for k in phrases.COURSEWORK_KEYS),
    ),
    ("Skills", "comma list"): ("us", SOFTWARE, None, lambda t, d: len(lines(t)) == 1 and t.count(", ") >= 3),
    ("Skills", "keyed categories"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: sum(bool(re.match(r"^[^:\t–]+( : |: |\t: | – )\S", x)) for x in lines(t)) >= 2,
    ),
    ("Skills", "bullet list"): ("us", SOFTWARE, None, lambda t, d: bulleted(t, len(lines(t)))),
    ("Skills", "pipe list"): ("us", SOFTWARE, None, lambda t, d: len(lines(t)) == 1 and re.search(r" \| | · | • ", t)),
    ("Skills", "rated levels"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: (
            all(re.search(r"(\w+|[★☆●○■□]+|\d/5)\)?$", x) for x in lines(t))
            and any(x.endswith(tuple(phrases.RATINGS + phrases.STARS)) or re.search(r"\d/5\)?$", x) for x in lines(t))
        ),
    ),
    ("Skills", "years in brackets"): ("india", SOFTWARE, None, has(r"\d\+? ?(years|yrs|Years)")),
    ("Skills", "lone product lines"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: 1 <= len(lines(t)) <= 4 and not re.search(r"[,:;]|" + GLYPH, t, re.M),
    ),
    ("Skills", "slash-separated"): ("india", CLERK, None, lambda t, d: re.search(r"\w ?/ ?\w", t) and "\n" not in t),
    ("Skills", "sentences"): ("india", SOFTWARE, None, lambda t, d: all(len(x.split()) >= 3 for x in lines(t))),
    ("Skills", "equipment"): (
        "us",
        TRUCKER,
        None,
        lambda t, d: sum(voice.product_name(x, random.Random(0)) in t for x in d.occupation.tools) >= 2,
    ),
    ("Skills", "spoken languages"): ("uk", SOFTWARE, None, lambda t, d: re.match(r"^\w+ – ", t) is not None),
    ("Skills", "LinkedIn Top Skills"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: lines(t)[0] == "Top Skills" and len(lines(t)) == 4,
    ),
    ("Skills", "Europass"): (
        "europe",
        SOFTWARE,
        "fr_FR",
        lambda t, d: "Mother tongue(s)" in t and "Digital skills" in t,
    ),
    ("Skills", "skill table"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: re.match(r"Skill\W+Level\W+Experience", t) and "yrs" in t,
    ),
    ("Skills", "single item"): ("us", SOFTWARE, None, lambda t, d: len(lines(t)) == 1 and "," not in t),
    ("Skills", "soft skills"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: sum(s.split("/")[0] in t for s in d.occupation.skills + d.occupation.work_styles) >= 3,
    ),
    ("Skills", "core competencies"): (
        "india",
        CLERK,
        None,
        lambda t, d: (
            sum(h in t for hs in phrases.ACTIVITY_HEADINGS.values() for h in hs) >= 2
            and not re.search(r"\d", re.sub(GLYPH, "", t, flags=re.M))
        ),
    ),
    ("Projects", "name | tools | date + bullets"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) >= 2 and not bulleted(lines(t)[0]) and bulleted(t),
    ),
    ("Projects", "label-value block"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: (
            any(lines(t)[0].startswith(k) for k in phrases.PROJECT_KEYS["title"])
            and any(re.search(rf"^{k}\s*(:|\t)", t, re.M) for k in phrases.PROJECT_KEYS["description"])
        ),
    ),
    ("Projects", "client project with duties"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: all(re.search(rf"^{k}: ", t, re.M) for k in ("Project", "Client", "Role", "Period")),
    ),
    ("Projects", "one-liners"): ("us", SOFTWARE, None, lambda t, d: 1 <= len(lines(t)) <= 3),
    ("Projects", "title and paragraph"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: lines(t)[0].endswith(")") and ". " in lines(t)[1],
    ),
    ("Projects", "first-person story"): ("us", CLERK, None, has(r"\bI\b")),
    ("Projects", "academic project like a job"): (
        "graduate",
        SOFTWARE,
        None,
        lambda t, d: re.match(r"\d{4} – \d{4} .+, ", t) and any(k in lines(t)[0] for k in phrases.PROJECT_KINDS),
    ),
    ("Projects", "JSON Resume project"): ("us", SOFTWARE, None, lambda t, d: lines(t)[1].endswith(".") and bulleted(t)),
    ("Projects", "research project"): ("academic", "25-1022.00", None, lambda t, d: "Funded by" in t),
    ("Certifications", "name – issuer (year)"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: all(re.search(r"\(\d{4}\)$", x) for x in lines(t)),
    ),
    ("Certifications", "issued with credential ID"): (
        "us",
        SOFTWARE,
        None,
        has(r"^Issued ", re.M),
    ),
    ("Certifications", "year first"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: all(re.match(r"\d{4}\W", x) for x in lines(t)),
    ),
    ("Certifications", "bare names"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: not re.search(r"(19|20)\d\d", t) and not re.search(r"Completed|Issued", t),
    ),
    ("Certifications", "completed sentences"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: all(re.sub(GLYPH, "", x).startswith("Completed ") for x in lines(t)),
    ),
    ("Certifications", "course – institute – year"): (
        "india",
        CLERK,
        None,
        lambda t, d: all(
            re.search(r"(19|20)\d\d$", x) and any(i in x for _, i in phrases.COURSE_INSTITUTES) for x in lines(t)
        ),
    ),
    ("Certifications", "institute and date range"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) % 3 == 0 and d.style.range_sep.strip() in t,
    ),
    ("Certifications", "licence list"): (
        "us",
        TRUCKER,
        None,
        lambda t, d: sum(x in t for x in credentials.LICENCES["53-3032"]) >= 2,
    ),
    ("Certifications", "licence number"): (
        "us",
        "29-1141.00",
        "en_US",
        has(r"Licen[cs]e (#|No\. )"),
    ),
    ("Certifications", "trainings and workshops"): (
        "india",
        SOFTWARE,
        None,
        has(r"workshop|training|[Cc]ourse"),
    ),
    ("Certifications", "LinkedIn export"): ("us", SOFTWARE, None, lambda t, d: lines(t)[0] == "Certifications"),
    ("Certifications", "single certificate"): ("us", SOFTWARE, None, lambda t, d: len(lines(t)) == 1),
    ("Awards", "bulleted"): ("us", SOFTWARE, None, lambda t, d: bulleted(t, len(lines(t)))),
    ("Awards", "year and award"): ("us", SOFTWARE, None, lambda t, d: all(re.match(r"\d{4}\W", x) for x in lines(t))),
    ("Awards", "run-on line"): (
        "us",
        SOFTWARE,
        None,
        lambda t, d: len(lines(t)) == 1 and "; " in t and t.endswith("."),
    ),
    ("Awards", "plain lines"): ("us", SOFTWARE, None, lambda t, d: not bulleted(t)),
    ("Awards", "Indian phrasings"): (
        "india",
        SOFTWARE,
        None,
        lambda t, d: all(
            re.sub(GLYPH, "", x).split()[0] in {p.split()[0] for p in phrases.AWARD_PHRASES} for x in lines(t)
        ),
    ),
    ("Awards", "quantified achievements"): ("us", SOFTWARE, None, has(r"\d")),
    ("Awards", "with issuer and description"): ("us", SOFTWARE, None, has(r" · \S.*\d{2}")),
    ("Awards", "grants and fellowships"): (
        "academic",
        "25-1022.00",
        None,
        has(r"Fellowship|grant|Award"),
    ),
    ("Awards", "student honours"): (
        "graduate",
        SOFTWARE,
        None,
        has(r"Dean's List|scholarship|distinction|medal|Rank|Student"),
    ),
}


def all_forms():
    for label, module in SECTIONS.items():
        for name, form in {**module.FORMS, **getattr(module, "EXTRA_FORMS", {})}.items():
            yield label, name, form


def test_every_form_has_a_check_and_every_check_a_form():
    assert {(label, name) for label, name, _ in all_forms()} == set(CHECKS)


def test_every_form_fits_a_convention_and_has_a_weight():
    for label, name, form in all_forms():
        assert all(c in WEIGHTS for c in form.conventions), (label, name)
        assert form.weight > 0 or name == "personal details and declaration", (label, name)


@pytest.mark.parametrize("label, name", sorted(CHECKS))
def test_a_chunk_of_each_form(label, name):
    convention, code, locale, check = CHECKS[(label, name)]
    module = SECTIONS[label]
    form = {**module.FORMS, **getattr(module, "EXTRA_FORMS", {})}[name]
    assert form.fits(convention)
    for seed in range(6):
        d = make_draft(convention, code, locale, seed)
        text = form.write(d).strip()
        assert text and not re.search(r"\{[A-Za-z0-9]+\}", text), text
        assert check(text, d), f"{label} / {name}, seed {seed}:\n{text}"


def test_templates_fill_without_leftovers():
    """Every template of phrases.py fills with what its writers pass in."""
    d = make_draft("india", CLERK)
    extra = dict(title="Clerk", years="3", project="project", desc="file records", object="Records", span="2019 – 2021")
    extra |= dict(event="the quiz", reason="quality", ordinal="first", opener="keen", pronoun="She", tool="Excel")
    extra |= dict(org="ABC Ltd", city="Pune", months="14", start="Jan 2020", end="Present", grade="9", first="Asha")
    templates = [
        t
        for key, value in vars(phrases).items()
        if key.isupper() and key not in ("MARKS", "GPA_FORMS")  # formatted with their own keys (education.py)
        for t in (
            value
            if isinstance(value, list)
            else [x for v in value.values() for x in v]
            if isinstance(value, dict)
            else []
        )
        if isinstance(t, str) and "{" in t
    ]
    assert len(templates) > 100
    for template in templates:
        filled = d.fill(template.partition("|")[0], **extra)
        assert "{" not in filled, template
