"""Contact Information: the name and how to reach the person, and the personal details some conventions add."""

from __future__ import annotations

from .. import phrases
from ..draft import Draft
from ..forms import Form
from ..style import MONTHS


def _name(d: Draft) -> str:
    return d.person.name.upper() if d.chance(0.4) else d.person.name


def _city(d: Draft) -> str:
    return d.pick([d.person.city, f"{d.person.city}, {d.pick(['open to relocation', 'willing to relocate'])}"])


def _address(d: Draft) -> str:
    return d.fake.address().replace("\n", ", ")


def _headline(d: Draft) -> str:
    return d.person.jobs[0].title if d.person.jobs else d.occupation.titles[0]


def stacked_lines(d: Draft) -> str:
    lines = [_name(d)] + ([_headline(d)] if d.chance(0.5) else []) + [_address(d), d.phone(), d.email()]
    return "\n".join(lines + d.links())


def separator_line(d: Draft) -> str:
    sep = d.pick([" | ", " • ", " · ", "  ", " ⋄ "])
    return "\n".join([_name(d), sep.join([d.person.city, d.phone(), d.email()] + d.links())])


def key_value(d: Draft) -> str:
    keys = d.pick(
        [
            ("Phone", "Email", "Address"),
            ("Mobile", "E-mail", "Location"),
            ("Tel", "Mail", "Address"),
            ("Mob.", "Email ID", "Permanent Address"),
            ("Contact No.", "Email Id", "Address"),
        ]
    )
    sep = d.pick([": ", " : ", " :- "])
    values = [d.phone(), d.email(), d.pick([_address(d), _city(d)])]
    return "\n".join([_name(d)] + [f"{k}{sep}{v}" for k, v in zip(keys, values)] + d.links())


def details_without_name(d: Draft) -> str:
    return "\n".join([d.phone(), d.email(), _city(d)] + d.links())


def two_columns_run_together(d: Draft) -> str:
    gap = " " * d.rng.randint(6, 20)
    return "\n".join(
        [f"{_name(d)}{gap}{d.phone()}", f"{_headline(d)}{' ' * d.rng.randint(4, 16)}{d.email()}"] + d.links()
    )


def icon_line(d: Draft) -> str:
    icons = phrases.ICONS
    parts = [f"{icons['phone']} {d.phone()}", f"{icons['email']} {d.email()}", f"{icons['location']} {d.person.city}"]
    parts += [f"{icons['linkedin']} {link}" for link in d.links()]
    return "\n".join([_name(d), _headline(d), d.pick(["  ", " ", " | "]).join(parts)])


def linkedin_export(d: Draft) -> str:
    handle = d.person.first.lower() + d.person.last.lower()
    if d.chance(0.5):  # the sidebar of LinkedIn's PDF export
        return "\n".join(
            [
                phrases.LINKEDIN["contact"],
                f"{d.phone()} (Mobile)",
                d.email(),
                f"www.linkedin.com/in/{handle}{d.rng.randint(10, 99)} (LinkedIn)",
            ]
        )
    country = {"en_IN": "India", "en_GB": "United Kingdom", "en_US": "United States"}.get(d.locale, "")
    return "\n".join([d.person.name, _headline(d), ", ".join(p for p in [d.person.city, country] if p)])


def europass(d: Draft) -> str:
    dob = _date_of_birth(d)
    sex = "Female" if d.female else "Male"
    return "\n".join(
        [
            phrases.EUROPASS["personal"],
            d.person.name,
            _address(d),
            f"{d.phone()} {d.pick(['Mobile', 'mobile', ''])}".strip(),
            d.email(),
            f"Sex {sex} | Date of birth {dob} | Nationality {d.person.nationality}",
        ]
    )


def local_details(d: Draft) -> str:
    """A German, French or Dutch CV's personal-details block under local keys."""
    keys = phrases.LOCAL_DETAILS.get(d.locale)
    if keys is None:
        return europass(d)
    sep = d.pick([": ", " : ", "\t"])
    dob = _date_of_birth(d)
    kv = [
        (keys["name"], d.person.name),
        (keys["address"], _address(d)),
        (keys["phone"], d.phone()),
        (keys["email"], d.email()),
        (keys["dob"], dob if d.chance(0.5) else f"{dob} in {d.fake.city()}"),
    ]
    extras = [keys["nationality"], (keys["marital"][0], d.pick(keys["marital"][1])), keys["licence"]]
    kv += d.pick(extras, d.rng.randint(1, 3))
    if d.chance(0.5):
        d.header_hint["Contact Information"] = phrases.LOCAL_HEADERS.get(d.locale, {}).get(
            "Contact Information", ["Personal Details"]
        )[0]
    return "\n".join(f"{k}{sep}{v}" for k, v in kv)


def _date_of_birth(d: Draft) -> str:
    from ..person import date_of_birth

    dob = date_of_birth(d.fake, 21 + d.person.years, 26 + d.person.years)
    month = MONTHS[dob.month - 1]  # not strftime's %B, which follows the machine's locale
    return d.pick(
        [
            f"{dob.day:02d}/{dob.month:02d}/{dob.year}",
            f"{dob.day:02d}-{dob.month:02d}-{dob.year}",
            f"{dob.day:02d} {month} {dob.year}",
            f"{dob.day:02d}.{dob.month:02d}.{dob.year}",
            f"{dob.day:02d} {month[:3]} {dob.year}",
        ]
    )


def personal_details(d: Draft) -> str:
    """An Indian CV's closing block: date of birth, languages known, a declaration, place and date."""
    kv = [("Date of Birth", _date_of_birth(d)), ("Nationality", d.person.nationality)]
    kv += d.pick([[("Gender", "Female" if d.female else "Male")], []])
    kv += [("Marital Status", d.pick(["Single", "Married", "Unmarried"]))]
    if d.chance(0.6):
        kv.append((d.pick(["Father's Name", "Father’s Name"]), f"Mr. {d.fake.first_name_male()} {d.person.last}"))
    if d.chance(0.6):
        kv.append(("Languages Known", ", ".join(d.pick(phrases.SPOKEN[d.locale], d.rng.randint(2, 4)))))
    if d.chance(0.4):
        kv.append(("Passport", d.pick(["Available", "Yes", "Valid till 2031"])))
    if d.chance(0.5):
        kv.append(("Permanent Address", _address(d)))
    if d.chance(0.4):
        kv.append(("Hobbies", ", ".join(d.pick(phrases.HOBBIES, 3))))
    d.rng.shuffle(kv)
    sep = d.pick([": ", " : ", "\t: ", " - ", "  "])
    lines = [f"{k}{sep}{v}" for k, v in kv]
    if d.chance(0.65):
        signature = d.pick(["", f"({d.person.name})", "Signature"])
        lines += [
            "",
            d.pick(phrases.DECLARATIONS),
            f"Place: {d.person.city}",
            "Date:" + d.pick(["", " ", "  /  /"]),
            signature,
        ]
    return "\n".join(lines).strip()


FORMS = {
    "stacked lines": Form(3, stacked_lines, "Word templates, US and UK resumes: one detail a line"),
    "separator line": Form(3, separator_line, "Jake's resume, Awesome-CV, JSON Resume themes: details on one line"),
    "key: value": Form(2.5, key_value, "Indian CVs and Word tables: Mobile / Email ID / Address"),
    "details without the name": Form(1.5, details_without_name, "any resume whose name a splitter took as its title"),
    "two columns run together": Form(1.5, two_columns_run_together, "a PDF header in two columns, read line by line"),
    "icon line": Form(1, icon_line, "moderncv, Awesome-CV and CV builders: icon-font glyphs before each detail"),
    "LinkedIn export": Form(1, linkedin_export, "LinkedIn's PDF export: Contact sidebar, or name, headline, place"),
    "Europass": Form(5, europass, "Europass CV: PERSONAL INFORMATION, sex, date of birth", ("europe", "academic")),
    "local-language details": Form(
        6, local_details, "German, French, Dutch CVs: Anschrift, Geburtsdatum, Nom", ("europe",)
    ),
}
# Written as a section of its own at the end of most Indian CVs (assemble.py), besides the form drawn above.
EXTRA_FORMS = {
    "personal details and declaration": Form(
        0, personal_details, "Indian CVs: date of birth, languages known, declaration, place", ("india",)
    ),
}
