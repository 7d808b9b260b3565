"""Certifications: certificates, licences and trainings (credentials.py), in the forms resumes list them."""

from __future__ import annotations

from .. import credentials, phrases
from ..draft import Draft
from ..forms import Form
from ..person import NOW_YEAR


def pool(d: Draft) -> list[tuple[str, str]]:
    """The person's possible certificates: their occupation's, vendor ones for their technology, generic ones."""
    own = credentials.by_prefix(credentials.CERTIFICATES, d.occupation.code)
    vendor = credentials.vendor_certificates(d.occupation.technology[:25])
    out = own + vendor + (credentials.GENERIC_CERTIFICATES if d.chance(0.5) else credentials.GENERIC_CERTIFICATES[:3])
    if d.convention == "india" and d.chance(0.6):
        out += phrases.COURSE_INSTITUTES
    return out


def _chosen(d: Draft, low: int = 1, high: int = 4) -> list[tuple[str, str, int]]:
    start = max(2008, min(d.person.grad_year, NOW_YEAR) - 2)
    return [
        (name, d.fill(issuer), d.rng.randint(start, NOW_YEAR))
        for name, issuer in d.pick(pool(d), d.rng.randint(low, high))
    ]


def _glyph(d: Draft) -> str:
    return d.pick([d.style.bullet, "", "-"])


def name_issuer_year(d: Draft) -> str:
    sep = d.pick([" – ", " - ", ", ", " | "])
    return d.bulletise([f"{n}{sep}{i} ({y})" for n, i, y in _chosen(d)], _glyph(d))


def issued_with_credential(d: Draft) -> str:
    """LinkedIn and JSON Resume: name, issuer, 'Issued Mar 2021 · Credential ID …', validity."""
    lines = []
    for n, i, y in _chosen(d, 1, 3):
        extra = d.pick(
            ["", f" · Credential ID {d.rng.randint(10**6, 10**7)}", f" · Expires {d.date(y + 3, d.rng.randint(1, 12))}"]
        )
        lines += [n, i, f"Issued {d.date(y, d.rng.randint(1, 12))}{extra}"]
    return "\n".join(lines)


def year_first(d: Draft) -> str:
    return "\n".join(f"{y}{d.pick(['  ', ' – ', ': ', chr(9)])}{n}" for n, _, y in _chosen(d))


def bare_names(d: Draft) -> str:
    return d.bulletise([n for n, _, _ in _chosen(d, 2, 5)], _glyph(d))


def completed_sentences(d: Draft) -> str:
    return d.bulletise([f"Completed {n} from {i} in {y}" for n, i, y in _chosen(d)], _glyph(d))


def course_institute_year(d: Draft) -> str:
    """Indian CVs: 'Tally ERP 9 – NIIT – 2016', 'MS-CIT, MKCL, 2014'."""
    sep = d.pick([" – ", " - ", ", ", " | "])
    chosen = [(n, i) for n, i in phrases.COURSE_INSTITUTES]
    return d.bulletise(
        [sep.join([n, i, str(d.rng.randint(2008, NOW_YEAR))]) for n, i in d.pick(chosen, d.rng.randint(1, 4))],
        _glyph(d),
    )


def institute_and_dates(d: Draft) -> str:
    """A certificate followed by the institute that issued it and a date range, like a job or a degree."""
    lines = []
    for n, i, y in _chosen(d, 1, 2):
        start = (y, d.rng.randint(1, 6))
        lines += [
            n,
            f"{i}, {d.fake.city()}" if d.chance(0.5) else i,
            d.span(start, (y, min(12, start[1] + d.rng.randint(1, 6)))),
        ]
    return "\n".join(lines)


def licence_list(d: Draft) -> str:
    """Licences, ratings and endorsements named bare: no year, no issuer, no 'certified'."""
    held = credentials.by_prefix(credentials.LICENCES, d.occupation.code)
    held = d.pick(held, d.rng.randint(2, min(5, len(held))))
    variant = d.rng.randint(0, 3)
    if variant == 0:
        return ", ".join(held)
    if variant == 1:
        return d.bulletise(held, _glyph(d))
    if variant == 2:
        return " | ".join(held)
    return f"{d.pick(['Licences', 'Licenses', 'Tickets', 'Held'])}: {'; '.join(held)}"


def licence_number(d: Draft) -> str:
    n, i, y = _chosen(d, 1, 1)[0]
    if d.locale == "en_US":
        number = f"License #{d.rng.randint(100000, 999999)}, {d.pick(['active', 'in good standing'])}"
    else:
        number = f"Licence No. {d.pick(['RN', 'L', 'EL', 'PE', 'REG'])}-{d.rng.randint(100000, 999999)}"
    return "\n".join([f"{n} – {i} ({y})", number])


def trainings(d: Draft) -> str:
    """Workshops and short courses: the border between Certifications and Education."""
    return d.bulletise([d.fill(t) for t in d.pick(phrases.TRAININGS, d.rng.randint(1, 3))], _glyph(d))


def linkedin_sidebar(d: Draft) -> str:
    return "\n".join([phrases.LINKEDIN["certifications"]] + [n for n, _, _ in _chosen(d, 1, 3)])


def single(d: Draft) -> str:
    n, i, y = _chosen(d, 1, 1)[0]
    return d.pick([n, f"{n} ({y})", f"{n}, {i}"])


def weights_for(d: Draft) -> dict[str, float]:
    """Licence forms only for occupations that hold licences (credentials.LICENCES)."""
    licensed = len(credentials.by_prefix(credentials.LICENCES, d.occupation.code)) >= 2
    return {name: 0.0 if name.startswith("licence") and not licensed else form.weight for name, form in FORMS.items()}


FORMS = {
    "name – issuer (year)": Form(4, name_issuer_year, "most resumes: certificate, issuing body, year"),
    "issued with credential ID": Form(
        2, issued_with_credential, "LinkedIn and JSON Resume: 'Issued Mar 2021 · Credential ID'"
    ),
    "year first": Form(1.5, year_first, "moderncv, academic CVs: year, then certificate"),
    "bare names": Form(2.5, bare_names, "any resume: certificate names only"),
    "completed sentences": Form(1.5, completed_sentences, "Indian and entry-level CVs: 'Completed … from … in 2019'"),
    "course – institute – year": Form(5, course_institute_year, "Indian CVs: 'Tally ERP 9 – NIIT – 2016'", ("india",)),
    "institute and date range": Form(
        2, institute_and_dates, "certificates laid out like jobs: name, institute, Jun 2016 – Dec 2016"
    ),
    "licence list": Form(4, licence_list, "trades, drivers, pilots, nurses: licences and endorsements, bare"),
    "licence number": Form(2, licence_number, "US and UK licensed professions: licence number and status"),
    "trainings and workshops": Form(1.5, trainings, "'Attended a 3-day workshop on …', 'Online course: … – NPTEL'"),
    "LinkedIn export": Form(1, linkedin_sidebar, "LinkedIn's PDF export sidebar: 'Certifications' and names"),
    "single certificate": Form(1, single, "a section of one certificate"),
}
