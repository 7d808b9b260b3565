"""O*NET wording into resume wording: verb inflection, task statements as bullets, product names, spelling."""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from resume_generator import voice  # noqa: E402
from resume_generator.occupations import known_verbs, load_occupations  # noqa: E402


@pytest.mark.parametrize(
    "verb, past, third, gerund",
    [
        ("Plan", "Planned", "Plans", "Planning"),
        ("Direct", "Directed", "Directs", "Directing"),
        ("Prepare", "Prepared", "Prepares", "Preparing"),
        ("Supply", "Supplied", "Supplies", "Supplying"),
        ("Teach", "Taught", "Teaches", "Teaching"),
        ("Lead", "Led", "Leads", "Leading"),
        ("Oversee", "Oversaw", "Oversees", "Overseeing"),
        ("Set", "Set", "Sets", "Setting"),
        ("Reset", "Reset", "Resets", "Resetting"),
        ("Rebuild", "Rebuilt", "Rebuilds", "Rebuilding"),
        ("Refer", "Referred", "Refers", "Referring"),
        ("Control", "Controlled", "Controls", "Controlling"),
        ("Cover", "Covered", "Covers", "Covering"),
        ("Render", "Rendered", "Renders", "Rendering"),
        ("Rewrap", "Rewrapped", "Rewraps", "Rewrapping"),
        ("Tie", "Tied", "Ties", "Tying"),
        ("Relay", "Relayed", "Relays", "Relaying"),
        ("Troubleshoot", "Troubleshot", "Troubleshoots", "Troubleshooting"),
        ("Shrink-fit", "Shrink-fitted", "Shrink-fits", "Shrink-fitting"),
        ("Debug", "Debugged", "Debugs", "Debugging"),
        ("Write", "Wrote", "Writes", "Writing"),
    ],
)
def test_verb_inflection(verb, past, third, gerund):
    assert (voice.past(verb), voice.third_person(verb), voice.gerund(verb)) == (past, third, gerund)


KNOWN = {"plan", "direct", "coordinate", "set", "operate", "load", "review", "approve", "order", "requisition"}


@pytest.mark.parametrize(
    "task, adverb, verbs, rest",
    [
        ("Plan, direct, or coordinate the work of staff.", "", ["Plan", "direct", "coordinate"], "the work of staff."),
        ("Set up and operate drills.", "", ["Set up", "operate"], "drills."),
        ("Manually load trucks.", "Manually", ["load"], "trucks."),
        ("Review budgets and plans.", "", ["Review"], "budgets and plans."),
        ("Review and approve budgets.", "", ["Review", "approve"], "budgets."),
    ],
)
def test_leading_verbs(task, adverb, verbs, rest):
    assert voice.leading_verbs(task, KNOWN) == (adverb, verbs, rest)


def test_a_task_becomes_a_past_tense_bullet_without_first_person():
    rng = random.Random(0)
    line = voice.resume_line(
        "Direct or coordinate an organization's financial or budget activities.", "past", KNOWN, rng
    )
    assert line == "Directed and coordinated the organization's financial or budget activities"
    gerund = voice.resume_line("Plan, direct, or coordinate the work of staff.", "gerund", KNOWN, random.Random(3))
    assert gerund.startswith("planning") and gerund.endswith("the work of staff")


def test_later_verbs_take_the_tense_and_counts_go_before_countable_objects():
    rng = random.Random(0)
    line = voice.resume_line(
        "Answer routine inquiries, and refer calls to appropriate departments.", "past", known_verbs(), rng, keep_tail=1
    )
    assert line == "Answered routine inquiries, and referred calls to appropriate departments"
    assert (
        voice.resume_line("Supervise workers on site.", "past", known_verbs(), rng, count=12)
        == "Supervised 12 workers on site"
    )
    assert (
        voice.resume_line("Supervise the work of crews.", "past", known_verbs(), rng, count=12)
        == "Supervised the work of crews"
    )


def test_every_task_statement_gets_an_inflected_first_verb():
    """All 18,796 O*NET task statements: the past-tense bullet does not open with the bare verb (unless it is its own past)."""
    rng = random.Random(1)
    same = {"Set", "Cut", "Put", "Read", "Spread", "Split", "Shut", "Input", "Broadcast", "Forecast", "Reset", "Upset"}
    same |= {
        "Typeset",
        "Proofread",
        "Precast",
        "Let",
        "Hit",
        "Slit",
        "Wet",
        "Cost",
        "Thrust",
        "Hurt",
        "Cast",
        "Bid",
        "Sight-read",
    }
    failures = []
    for occ in load_occupations():
        for task in occ.tasks:
            adverb, verbs, _ = voice.leading_verbs(task.text, known_verbs())
            line = voice.resume_line(task.text, "past", known_verbs(), rng)
            first = line.split(" ")[1 if adverb else 0].rstrip(",")
            if first == verbs[0].split(" ")[0] and first.capitalize() not in same:
                failures.append(line)
    assert not failures, failures[:10]
    assert "I " not in " ".join(
        voice.resume_line(t.text, "past", known_verbs(), rng) for t in load_occupations()[0].tasks
    )


def test_british_spelling():
    assert voice.british("Organized labor at the laboratory center; analyzed colors; sized up") == (
        "Organised labour at the laboratory centre; analysed colours; sized up"
    )


@pytest.mark.parametrize(
    "example, expected",
    [
        ("Structured query language SQL", "SQL"),
        ("Customer relationship management CRM software", "CRM"),
        ("Extensible markup language XML", "XML"),
        ("Global positioning system GPS devices", "GPS devices"),
        ("Cerner Millennium", "Cerner Millennium"),
    ],
)
def test_product_names(example, expected):
    assert voice.product_name(example, random.Random(0)) == expected


def test_vendor_names_are_dropped_now_and_then():
    names = {voice.product_name("Oracle Java", random.Random(seed)) for seed in range(20)}
    assert names == {"Java", "Oracle Java"}


def test_activity_phrase():
    assert voice.activity_phrase("Examine financial records.") == "examining financial records"
    assert (
        voice.activity_phrase("Interview witnesses, suspects, or claimants.")
        == "interviewing witnesses, suspects, and claimants"
    )
