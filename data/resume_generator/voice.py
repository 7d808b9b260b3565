"""O*NET task statements rewritten in resume voice: tense, no first person, numbers where a resume has them.

A task statement is an imperative sentence ("Plan, direct, or coordinate the work of
staff."). A resume line keeps its content but inflects the leading verbs for the job it
describes: past for a finished job ("Planned, directed and coordinated ..."), the bare
form or the third person for the current one ("Plan ...", "Plans ..."), a gerund after
"Responsible for". The functions here are pure; the caller passes the random draws.
"""

from __future__ import annotations

import random
import re

# Past tense of the irregular verbs that lead O*NET task statements (and their prefixed forms).
IRREGULAR_PAST = {
    "be": "was",
    "bear": "bore",
    "beat": "beat",
    "become": "became",
    "begin": "began",
    "bend": "bent",
    "bid": "bid",
    "bind": "bound",
    "bite": "bit",
    "bleed": "bled",
    "blow": "blew",
    "break": "broke",
    "breed": "bred",
    "bring": "brought",
    "broadcast": "broadcast",
    "build": "built",
    "burn": "burned",
    "countersink": "countersank",
    "crossbreed": "crossbred",
    "buy": "bought",
    "cast": "cast",
    "catch": "caught",
    "choose": "chose",
    "cling": "clung",
    "come": "came",
    "cost": "cost",
    "creep": "crept",
    "cut": "cut",
    "deal": "dealt",
    "dig": "dug",
    "do": "did",
    "draw": "drew",
    "drink": "drank",
    "drive": "drove",
    "eat": "ate",
    "fall": "fell",
    "feed": "fed",
    "feel": "felt",
    "fight": "fought",
    "find": "found",
    "fit": "fitted",
    "fly": "flew",
    "forecast": "forecast",
    "foresee": "foresaw",
    "forget": "forgot",
    "freeze": "froze",
    "get": "got",
    "give": "gave",
    "go": "went",
    "grind": "ground",
    "grow": "grew",
    "hang": "hung",
    "have": "had",
    "hear": "heard",
    "hide": "hid",
    "hit": "hit",
    "hold": "held",
    "hurt": "hurt",
    "input": "input",
    "interweave": "interwove",
    "keep": "kept",
    "know": "knew",
    "lay": "laid",
    "lead": "led",
    "lean": "leaned",
    "leave": "left",
    "lend": "lent",
    "let": "let",
    "lie": "lay",
    "light": "lit",
    "lose": "lost",
    "make": "made",
    "mean": "meant",
    "meet": "met",
    "mislead": "misled",
    "outdo": "outdid",
    "oversee": "oversaw",
    "pay": "paid",
    "proofread": "proofread",
    "put": "put",
    "quit": "quit",
    "read": "read",
    "relay": "relayed",
    "rid": "rid",
    "ride": "rode",
    "ring": "rang",
    "rise": "rose",
    "run": "ran",
    "say": "said",
    "see": "saw",
    "seek": "sought",
    "sell": "sold",
    "send": "sent",
    "set": "set",
    "sew": "sewed",
    "shake": "shook",
    "shear": "sheared",
    "shed": "shed",
    "shoot": "shot",
    "show": "showed",
    "shrink": "shrank",
    "shut": "shut",
    "sing": "sang",
    "sink": "sank",
    "sit": "sat",
    "sleep": "slept",
    "slide": "slid",
    "sling": "slung",
    "slit": "slit",
    "speak": "spoke",
    "spend": "spent",
    "spin": "spun",
    "spit": "spat",
    "split": "split",
    "spread": "spread",
    "spring": "sprang",
    "stand": "stood",
    "steal": "stole",
    "stick": "stuck",
    "sting": "stung",
    "strike": "struck",
    "string": "strung",
    "strive": "strove",
    "swear": "swore",
    "sweep": "swept",
    "swim": "swam",
    "swing": "swung",
    "take": "took",
    "teach": "taught",
    "tear": "tore",
    "tell": "told",
    "troubleshoot": "troubleshot",
    "typeset": "typeset",
    "think": "thought",
    "throw": "threw",
    "thrust": "thrust",
    "understand": "understood",
    "upset": "upset",
    "wake": "woke",
    "wear": "wore",
    "weave": "wove",
    "weep": "wept",
    "wet": "wet",
    "win": "won",
    "wind": "wound",
    "withdraw": "withdrew",
    "withhold": "withheld",
    "withstand": "withstood",
    "wring": "wrung",
    "write": "wrote",
}
PREFIXES = ("re", "un", "over", "under", "out", "up", "pre", "co", "mis", "sub")
# Regular verbs that double their final consonant, beyond the one-syllable rule below.
DOUBLES = {
    "admit",
    "commit",
    "compel",
    "control",
    "equip",
    "expel",
    "extol",
    "excel",
    "format",
    "kidnap",
    "occur",
    "omit",
    "patrol",
    "permit",
    "prefer",
    "propel",
    "refer",
    "regret",
    "submit",
    "transfer",
    "transmit",
    "unplug",
    "acquit",
    "confer",
    "defer",
    "deter",
    "enrol",
    "incur",
    "infer",
    "instil",
    "outfit",
    "recur",
    "remit",
    "repel",
    "retrofit",
    "handicap",
    "unwrap",
    "unzip",
    "emit",
    "abet",
    "befit",
    "program",
    "debug",
    "embed",
}
# One-syllable stems that keep doubling behind a prefix (rewrap → rewrapped); "cover", "render" do not.
PREFIXED_STEMS = {
    "wrap",
    "plug",
    "fit",
    "pin",
    "zip",
    "tap",
    "cap",
    "map",
    "ship",
    "stop",
    "lap",
    "rig",
    "trim",
    "plan",
    "step",
    "set",
    "cut",
    "run",
    "put",
    "get",
}
VOWELS = set("aeiou")
# Words after a verb that belong to it ("Set up", "Carry out").
PARTICLES = {"up", "out", "off", "down", "back", "over", "away", "in", "on"}


def _prefixed(verb: str, table: dict[str, str]) -> str | None:
    """The irregular form of a verb, of its last hyphenated part (shrink-fit) or of its stem (rebuild)."""
    if verb in table:
        return table[verb]
    if "-" in verb:
        head, _, last = verb.rpartition("-")
        found = _prefixed(last, table)
        return f"{head}-{found}" if found else None
    for prefix in PREFIXES:
        if verb.startswith(prefix) and verb[len(prefix) :] in table and len(verb) - len(prefix) >= 3:
            return prefix + table[verb[len(prefix) :]]
    return None


def _doubles(verb: str) -> bool:
    """True when the final consonant doubles before -ed/-ing: plan → planned, refer → referred."""
    if verb in DOUBLES or any(verb.endswith(d) and len(d) >= 4 for d in DOUBLES):
        return True
    if "-" in verb:
        return _doubles(verb.rpartition("-")[2])
    for prefix in PREFIXES:  # rewrap, unplug, refit: a short stem that doubles alone
        if verb.startswith(prefix) and verb[len(prefix) :] in PREFIXED_STEMS:
            return True
    syllables = re.findall(r"[aeiouy]+", verb)
    return (
        len(syllables) == 1
        and len(verb) >= 3
        and verb[-1] not in VOWELS | {"w", "x", "y"}
        and verb[-2] in VOWELS
        and verb[-3] not in VOWELS
    )


def past(verb: str) -> str:
    """Simple past of a verb in its bare form, keeping its capitalisation: Lead → Led, Plan → Planned."""
    lower = verb.lower()
    irregular = _prefixed(lower, IRREGULAR_PAST)
    if irregular:
        out = irregular
    elif lower.endswith("e"):
        out = lower + "d"
    elif lower.endswith("y") and lower[-2:-1] not in VOWELS:
        out = lower[:-1] + "ied"
    elif lower.endswith("c"):
        out = lower + "ked"  # traffic → trafficked
    elif _doubles(lower):
        out = lower + lower[-1] + "ed"
    else:
        out = lower + "ed"
    return _same_case(verb, out)


def third_person(verb: str) -> str:
    """Plans, Directs, Teaches, Carries."""
    lower = verb.lower()
    if lower in ("be", "have", "do", "go"):
        out = {"be": "is", "have": "has", "do": "does", "go": "goes"}[lower]
    elif re.search(r"(s|x|z|ch|sh)$", lower):
        out = lower + "es"
    elif lower.endswith("y") and lower[-2:-1] not in VOWELS:
        out = lower[:-1] + "ies"
    else:
        out = lower + "s"
    return _same_case(verb, out)


def gerund(verb: str) -> str:
    """Planning, Making, Tying, Seeing."""
    lower = verb.lower()
    if lower.endswith("ie"):
        out = lower[:-2] + "ying"
    elif lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")) and lower != "be":
        out = lower[:-1] + "ing"
    elif lower.endswith("c"):
        out = lower + "king"
    elif _doubles(lower):
        out = lower + lower[-1] + "ing"
    else:
        out = lower + "ing"
    return _same_case(verb, out)


def _same_case(model: str, word: str) -> str:
    return word[0].upper() + word[1:] if model[:1].isupper() else word


INFLECT = {"past": past, "third": third_person, "gerund": gerund, "present": lambda v: v}


# Verbs ending in -ly: any other first word in -ly is an adverb ("Manually load ...").
LY_VERBS = {"apply", "supply", "comply", "fly", "rely", "reply", "multiply", "ally", "tally", "rally", "bully"}
# First words that O*NET writes as one word but a resume as two.
SPLIT_VERBS = {"Layout": "Lay out"}


def leading_verbs(task: str, known_verbs: set[str]) -> tuple[str, list[str], str]:
    """Split a task into an adverb, its leading verbs and the rest.

    "Plan, direct, or coordinate X" → ("", [Plan, direct, coordinate], "X"); "Manually load
    X" → ("Manually", [load], "X"). A word after the first verb counts as a verb when it is
    joined by a comma, "and" or "or" and is itself a verb that leads some task statement
    (`known_verbs`, lower case). A particle stays with its verb ("Set up").
    """
    words = task.split(" ")
    words[:1] = SPLIT_VERBS.get(words[0], words[0]).split(" ")
    adverb = ""
    if words[0].lower().endswith("ly") and words[0].lower() not in LY_VERBS and len(words) > 1:
        adverb, words = words[0], words[1:]
    verbs = [words[0].rstrip(",")]
    i = 1

    def take_particle() -> None:
        nonlocal i
        if i < len(words) and words[i].lower().rstrip(",") in PARTICLES and not words[i - 1].endswith(","):
            verbs[-1] += " " + words[i].rstrip(",")
            i += 1

    take_particle()
    while i < len(words):
        word = words[i]
        if word in ("and", "or") and i + 1 < len(words) and words[i + 1].lower().rstrip(",") in known_verbs:
            i += 1
            continue
        joined = words[i - 1].endswith(",") or words[i - 1] in ("and", "or")
        if joined and word.lower().rstrip(",") in known_verbs:
            verbs.append(word.rstrip(","))
            i += 1
            take_particle()
            continue
        break
    return adverb, verbs, " ".join(words[i:])


def inflect_phrase(verb_phrase: str, tense: str) -> str:
    """Inflect the verb of "Set up" or "Plan", keeping any particle."""
    head, _, particle = verb_phrase.partition(" ")
    out = INFLECT[tense](head)
    return f"{out} {particle}" if particle else out


def join_verbs(verbs: list[str], oxford: bool) -> str:
    """A, B and C (a resume claims all of them, so "or" becomes "and")."""
    if len(verbs) == 1:
        return verbs[0]
    return ", ".join(verbs[:-1]) + ("," if oxford and len(verbs) > 2 else "") + " and " + verbs[-1]


# Where a task ends in an example list or a purpose, a resume line often stops before it.
CUT_POINTS = (", such as ", ", including ", " in order to ", ", using ", " to ensure ", " to determine ")


def shorten(rest: str, rng: random.Random, keep: float) -> str:
    """Drop a trailing example list, method or purpose, with probability 1 - keep for each cut point found."""
    for point in CUT_POINTS:
        at = rest.find(point)
        if at > 20 and rng.random() > keep:
            return rest[:at]
    return rest


# Plural nouns a resume puts a number in front of ("Supervised 12 technicians").
COUNTABLE = re.compile(
    r"^(new |junior |assigned |other |student |support |sales |clerical |kitchen |nursing |field )?"
    r"(staff members|employees|workers|staff|students|patients|clients|customers|volunteers|technicians|"
    r"trainees|interns|apprentices|subordinates|personnel|team members|accounts|vendors|suppliers|"
    r"contractors|projects|crews|teams|residents|children|members|agents|drivers|guests|cases|"
    r"classes|courses|reports|sites|stores|locations|branches|vehicles|machines|properties|units)\b"
)


def with_count(rest: str, count: int) -> str:
    """Put a number in front of a countable object at the start of the rest: "workers ..." → "14 workers ..."."""
    match = COUNTABLE.match(rest)
    if not match:
        return rest
    return f"{count} {rest}"


def tidy(rest: str) -> str:
    """An O*NET phrase as a resume writes it about their own employer."""
    rest = re.sub(r"\b(an|the) organization's\b", "the organization's", rest)
    rest = re.sub(r"\ban organization\b", "the organization", rest)
    rest = re.sub(r"\ba company's\b", "the company's", rest)
    rest = rest.rstrip(".").strip()
    return re.sub(r"(,|\s(or|and|such as|including))+$", "", rest).strip()


# US to British spelling for words O*NET spells with -ize/-yze; a few words keep their z.
_KEEP_Z = {"size", "seize", "prize", "capsize", "downsize", "oversize", "citizen", "maize", "baize", "assize"}


def british(text: str) -> str:
    """Organize → organise, analyze → analyse, center → centre, color → colour."""

    def ise(match: re.Match) -> str:
        word = match.group(0)
        stem = match.group(1)
        if word.lower() in _KEEP_Z or stem.lower() in ("s", "pr", "se", "ma", "ba"):
            return word
        return word.replace("iz", "is", 1) if "iz" in word[len(stem) :] else word

    text = re.sub(r"\b([A-Za-z]{3,}?)iz(e|ed|es|ing|ation|ations|er|ers)\b", ise, text)
    text = re.sub(r"\b([Aa]nal|[Pp]aral|[Cc]atal)yz(e|ed|es|ing|er|ers)\b", r"\1ys\2", text)
    for us, uk in (("center", "centre"), ("color", "colour"), ("behavior", "behaviour"), ("labor", "labour")):
        text = re.sub(rf"\b{us}(?=(s|ed|ing|al)?\b)", uk, text)
        text = re.sub(rf"\b{us.capitalize()}(?=(s|ed|ing|al)?\b)", uk.capitalize(), text)
    return text


# Words that open task statements but, after a comma or "and", are more often nouns ("review drawings and design").
NOUNISH = set(
    """plan design record report test process research document schedule display contact service support
    control estimate budget survey map model program file sample sign mark position place package monitor machine
    line list label interview picture present produce book cost price review change repair finish return transfer
    transport request project train store stock supply ship paint water feed seed iron oil cash check audit fax mail
    copy print type code tape wire pipe frame screen plant plot chart log track case claim clean dress cut set run
    lead light tie load wash spray deposit credit debit trade market form fit fix pack hand dry drill weld turn wrap
    lift hold pull push press call guide head visit use dispatch cover rate rent vote need act air age fire heat
    power waste sound ground lock hose pump saw mold bag box sand shop staple stamp tag tap tile tool vacuum chain
    clamp cap bolt brush cook glue hammer hoist mop nail pin plug rake screw shovel sponge
    finance staff police bill ticket time exercise equipment""".split()
)


def inflect_later_verbs(rest: str, tense: str, known_verbs: set[str]) -> str:
    """Verbs of a later clause take the same tense: "..., prepare records, or issue orders" → "prepared", "issued"."""
    if tense == "present":
        return rest

    def one(match: re.Match) -> str:
        word = match.group(2)
        after_to = re.search(r"\bto \w+(?:,? \w+)*$", rest[: match.start()])  # "to determine, recommend, and plan"
        if word.lower() not in known_verbs or word.lower() in NOUNISH or after_to:
            return match.group(0)
        return match.group(1) + INFLECT[tense](word)

    return re.sub(r"((?:, and |, or | and | or |, ))([a-z]+)\b", one, rest)


def resume_line(
    task: str,
    tense: str,
    known_verbs: set[str],
    rng: random.Random,
    count: int | None = None,
    keep_tail: float = 0.6,
) -> str:
    """One task statement as a resume bullet in the given tense (past, present, third, gerund)."""
    adverb, verbs, rest = leading_verbs(task, known_verbs)
    if len(verbs) > 2 and rng.random() < 0.5:  # a resume names two of "plan, direct, or coordinate"
        verbs = verbs[:2]
    words = [inflect_phrase(verbs[0], tense)] + [inflect_phrase(v.lower(), tense) for v in verbs[1:]]
    rest = inflect_later_verbs(tidy(shorten(rest, rng, keep_tail)), tense, known_verbs)
    if count is not None:
        rest = with_count(rest, count)
    if adverb:
        words[0] = words[0].lower()
    line = f"{adverb} {join_verbs(words, oxford=rng.random() < 0.3)} {rest}".strip()
    if tense == "gerund":
        line = line[0].lower() + line[1:]
    return line


# ----- technology and tool names as a skills list writes them -----
VENDORS = (
    "Microsoft",
    "Oracle",
    "IBM",
    "Autodesk",
    "Adobe",
    "The MathWorks",
    "ESRI",
    "Apple",
    "Google",
    "Intuit",
    "SAP",
    "Amazon Web Services",
    "Dassault Systemes",
    "Bentley",
    "Trimble",
    "Atlassian",
)


def _collapse_acronym(words: list[str]) -> list[str]:
    """ "Structured query language SQL" → ["SQL"]: an acronym after the words it abbreviates replaces them."""
    for i, word in enumerate(words):
        letters = word.rstrip("s")
        if len(letters) >= 2 and letters.isupper() and letters.isalpha() and i >= len(letters):
            spelled = words[i - len(letters) : i]
            initials = "".join(w[0] for w in spelled[1:]).upper()
            # "Extensible markup language XML": the first letter may come from inside the first word
            if initials == letters[1:] and letters[0].lower() in spelled[0].lower():
                return words[: i - len(letters)] + words[i:]
    return words


def product_name(example: str, rng: random.Random) -> str:
    """An O*NET technology or tool example as a resume lists it: "Oracle Java" → "Java", "Microsoft Excel" → "MS Excel"."""
    name = " ".join(_collapse_acronym(example.split()))
    for vendor in VENDORS:
        rest = name[len(vendor) + 1 :]
        if name.startswith(vendor + " ") and rest[:1].isupper() and rng.random() < 0.6:
            name = ("MS " + rest) if vendor == "Microsoft" and rng.random() < 0.4 else rest
            break
    if name.endswith(" software") and name.split()[0][:1].isupper() and len(name.split()) > 1:
        generic = name.split()[0][1:].islower() and all(w.islower() for w in name.split()[1:-1])
        if not generic or rng.random() < 0.5:
            name = name[: -len(" software")]
    return name


def activity_phrase(dwa_title: str) -> str:
    """An O*NET detailed work activity as a gerund phrase: "Examine financial records." → "examining financial records"."""
    words = dwa_title.rstrip(".").split(" ")
    verbs = [words[0]]
    rest = words[1:]
    if len(rest) >= 2 and rest[0] in ("or", "and") and rest[1].islower():
        verbs.append(rest[1])
        rest = rest[2:]
    phrase = " and ".join(gerund(v).lower() for v in verbs) + " " + " ".join(rest)
    return phrase.replace(" or ", " and ").strip()
