"""The recipe study's analysis: source groups of the dev part, per-epoch scores, leave-one-source-out choice, seed noise.

A candidate is a (recipe, epoch) pair; its score on a group is the share of that group's
dev chunks it labels rightly (the mean over seeds where several ran). Groups are weighted
alike, so the largest group does not decide alone.
"""

from __future__ import annotations

import math
import statistics

import numpy as np
from sklearn.metrics import f1_score

from resume_bert.calibration import expected_calibration_error, fit_temperature
from resume_bert.inference import softmax
from resume_bert.training import TrainingConfig

# Where each dev resume comes from, by the prefix of its `source` id (data/real_resumes/SOURCES.md).
# The first matching group wins, so the resumes outside software are one group whatever their markup.
SOURCE_GROUPS = {
    "non-software": (
        "resumes outside software, whatever their markup: textbooks' and a handbook's samples, a nurse's, an "
        "accountant's, teachers', a recruiter's, scientists', a youth-policy manager's",
        # whole source ids where a template's network also holds software resumes
        ("openstax-", "18f-", "cv-boilerplate-", "killercao-", "computer-apps-", "europasscv-en-project-manager")
        + ("deedy-resume-am", "deedy-resume-df", "deedy-resume-il", "deedy-resume-sh"),
    ),
    "json": (
        "JSON/YAML resume builders: JSON Resume, its themes, FRESH, Reactive Resume, RenderCV",
        ("jsonresume-", "elegant-theme-", "wilson-theme-", "a11y-theme-", "fresh-", "reactive-resume-", "rendercv-"),
    ),
    "latex": ("one-column LaTeX: sb2nov's and Jake's templates and their users'", ("sb2nov-", "jakegut-")),
    "awesome-cv": ("Awesome-CV, moderncv and AltaCV resumes and single sections", ("awesomecv-", "altacv-")),
    "deedy": ("Deedy two-column resumes", ("deedy-",)),
    "markdown": ("Markdown resumes (pandoc_resume)", ("pandoc-",)),
    "federal": ("the U.S. Digital Corps' sample resumes (GSA): design, product, data, security", ("gsa-",)),
}


def source_group(source: str) -> str:
    for group, (_, prefixes) in SOURCE_GROUPS.items():
        if source.startswith(prefixes):
            return group
    raise ValueError(
        f"dev source {source!r} belongs to no group; add its prefix to SOURCE_GROUPS in benchmarks/recipe_analysis.py"
    )


def accuracy_by(correct: np.ndarray, keys) -> dict:
    """The share of right answers among the chunks of each key (a source group, a label), keys in order of first appearance."""
    keys = np.asarray(keys)
    return {k: round(float(correct[keys == k].mean()), 4) for k in dict.fromkeys(keys.tolist())}


def dev_scores(logits: np.ndarray, gold: np.ndarray, groups: np.ndarray, label_names) -> dict:
    """Accuracy, macro-F1 over the labels present, per-label and per-group accuracy, ECE, and every chunk's label id."""
    predicted = logits.argmax(axis=1)
    correct = predicted == gold
    present = sorted(set(gold.tolist()))
    per_group = accuracy_by(correct, groups)
    return {
        "accuracy": round(float(correct.mean()), 4),
        "macro_f1": round(float(f1_score(gold, predicted, labels=present, average="macro", zero_division=0)), 4),
        "per_label": {label_names[k]: share for k, share in sorted(accuracy_by(correct, gold).items())},
        "per_group": per_group,
        "group_mean": round(statistics.mean(per_group.values()), 4),
        "worst_group": min(per_group.values()),
        "ece": round(expected_calibration_error(softmax(logits), gold), 4),
        "predicted": "".join(str(k) for k in predicted),  # label ids in dev row order, for any later regrouping
    }


def cross_fitted_ece(logits: np.ndarray, gold: np.ndarray, groups: np.ndarray) -> float:
    """ECE with each group's temperature fitted on the other groups: how a temperature fitted on dev does on a new source."""
    probs = np.empty_like(logits)
    for g in dict.fromkeys(groups):
        inside = groups == g
        probs[inside] = softmax(logits[inside] / fit_temperature(logits[~inside], gold[~inside]))
    return round(expected_calibration_error(probs, gold), 4)


def epoch_kept(epochs: list[dict], score, patience: int = TrainingConfig.early_stopping_patience) -> int:
    """The epoch `train_classifier` keeps when `score(record)` judges the epochs: the first best, with its early stopping."""
    best, best_score = 0, -1.0
    for record in epochs:
        if (value := score(record)) > best_score:
            best, best_score = record["epoch"], value
        elif record["epoch"] - best >= patience and record["epoch"] < len(epochs):
            break
    return best


def epoch_kept_by_validation(epochs: list[dict], patience: int = TrainingConfig.early_stopping_patience) -> int:
    """The epoch kept when the validation split's macro-F1 chooses (no dev part)."""
    return epoch_kept(epochs, lambda record: record["val_macro_f1"], patience)


def epoch_kept_by_dev(epochs: list[dict], patience: int = TrainingConfig.early_stopping_patience) -> int:
    """The epoch the default run keeps: the real-resume dev part's accuracy chooses."""
    return epoch_kept(epochs, lambda record: record["dev"]["accuracy"], patience)


def candidates(runs: list[dict], recipes: list[str], seeds: list[int]) -> dict[tuple[str, int], dict[str, float]]:
    """(recipe, epoch) -> group -> accuracy, the mean over `seeds`; only pairs every seed ran, in recipe then epoch order."""
    table = {}
    for name in recipes:
        mine = [r for r in runs if r["recipe"] == name and r["seed"] in seeds]
        if len(mine) < len(seeds):
            continue
        for epoch in range(1, min(len(r["epochs"]) for r in mine) + 1):
            scores = [r["epochs"][epoch - 1]["dev"]["per_group"] for r in mine]
            table[(name, epoch)] = {g: round(statistics.mean(s[g] for s in scores), 4) for g in scores[0]}
    return table


def _best(table: dict, score) -> tuple[str, int]:
    """The key with the highest `score` (a number or a tuple); ties go to the earlier recipe, then the earlier epoch."""

    def rounded(key):  # float sums that differ in the last bits count as ties
        value = score(table[key])
        return tuple(round(v, 9) for v in value) if isinstance(value, tuple) else round(value, 9)

    return max(table, key=rounded)


def rank_key(groups: dict[str, float]) -> tuple[float, float]:
    """How a candidate holds across sources: its worst group first, then the mean of its groups."""
    return (min(groups.values()), statistics.mean(groups.values()))


def leave_one_source_out(table: dict, default_by_group: dict[str, float], default: str = "default") -> dict:
    """For each group, the candidate with the best mean over the other groups and its score on the group left out.

    Beside it: the default recipe at the epoch validation keeps (`default_by_group`), and the
    default recipe with only its epoch chosen without the group.
    """
    groups = list(next(iter(table.values())))
    defaults = {k: v for k, v in table.items() if k[0] == default}
    rows = []
    for g in groups:
        others = [h for h in groups if h != g]

        def mean_of_others(scores, others=others):
            return statistics.mean(scores[h] for h in others)

        chosen = _best(table, mean_of_others)
        row = {
            "group": g,
            "chosen": list(chosen),
            "chosen_others_mean": round(mean_of_others(table[chosen]), 4),
            "score": table[chosen][g],
            "default_validation_epoch": default_by_group.get(g),
        }
        if defaults:
            epoch_only = _best(defaults, mean_of_others)
            row["default_dev_epoch"] = [epoch_only[1], defaults[epoch_only][g]]
        rows.append(row)
    summary = {
        "score": _summarise([r["score"] for r in rows]),
        "default_validation_epoch": _summarise([r["default_validation_epoch"] for r in rows]),
    }
    if defaults:
        summary["default_dev_epoch"] = _summarise([r["default_dev_epoch"][1] for r in rows])
    return {"rows": rows, "summary": summary}


def _summarise(values: list) -> dict | None:
    if any(v is None for v in values):
        return None
    return {"mean": round(statistics.mean(values), 4), "worst": min(values)}


def seed_spread(runs: list[dict], recipes: list[str], seeds: list[int]) -> dict:
    """Standard deviation over seeds of each dev measure, pooled over `recipes` at their best dev epochs.

    Pooled at the epochs that are compared, not over every epoch: a first epoch, still far
    from converged, varies much more from seed to seed and is rarely the one chosen.
    """
    variances = {"accuracy": [], "group_mean": [], "worst_group": [], "ece": []}
    for name in recipes:
        summary = recipe_summary(runs, name, seeds)
        if summary is None or summary["n_seeds"] < 2:
            continue
        for measure, found in variances.items():
            found.append(summary["sd"][measure] ** 2)
    return {m: round(math.sqrt(statistics.mean(v)), 4) if v else None for m, v in variances.items()}


def noise_margin(sd: float | None, n_a: int, n_b: int) -> float | None:
    """Two standard errors of the difference of two means of `n_a` and `n_b` seeds: smaller differences are seed noise."""
    return None if sd is None else round(2 * sd * math.sqrt(1 / n_a + 1 / n_b), 4)


def recommend(table: dict, n_seeds: int, sd_worst: float | None, default: str = "default") -> dict:
    """The candidate with the best worst group (then the best mean of groups), unless the default recipe is within noise of it.

    The epoch is chosen on the dev part in both cases: the question is whether changing the
    recipe holds across sources by more than seed noise. Without a noise estimate (one seed)
    the best candidate is named and `within_noise` is None.
    """

    def summary(key):
        worst, mean = rank_key(table[key])
        return {"recipe": key[0], "epoch": key[1], "worst_group": worst, "group_mean": round(mean, 4)}

    best = _best(table, rank_key)
    margin = noise_margin(sd_worst, n_seeds, n_seeds)
    result = {
        "rule": (
            "highest worst-group accuracy (mean over seeds), then highest mean of group accuracies; the default "
            "recipe at its best dev epoch is kept unless the best is ahead on worst group by more than two "
            "standard errors of a difference of seed means"
        ),
        "best": summary(best),
        "noise_margin": margin,
        "within_noise": None,
    }
    chosen = best
    defaults = {k: v for k, v in table.items() if k[0] == default}
    if defaults:
        kept = _best(defaults, rank_key)
        result["default"] = summary(kept)
        if margin is not None:
            result["within_noise"] = rank_key(table[best])[0] - rank_key(table[kept])[0] <= margin
            chosen = kept if result["within_noise"] else best
    result["recipe"], result["epoch"] = chosen
    return result


def recipe_summary(runs: list[dict], name: str, seeds: list[int]) -> dict | None:
    """A recipe at its best dev epoch (`rank_key` of the seed means): each measure's mean and sd over `seeds`."""
    mine = [r for r in runs if r["recipe"] == name and r["seed"] in seeds]
    table = candidates(runs, [name], seeds)
    if not table:
        return None
    (_, epoch) = _best(table, rank_key)
    records = [r["epochs"][epoch - 1] for r in mine]
    measures = {
        "accuracy": [x["dev"]["accuracy"] for x in records],
        "macro_f1": [x["dev"]["macro_f1"] for x in records],
        "group_mean": [x["dev"]["group_mean"] for x in records],
        "worst_group": [x["dev"]["worst_group"] for x in records],
        "ece": [x["dev"]["ece"] for x in records],
        "ece_val_temperature": [x["dev"]["ece_val_temperature"] for x in records],
        "ece_dev_temperature_cross_fitted": [x["dev"]["ece_dev_temperature_cross_fitted"] for x in records],
        "val_macro_f1": [x["val_macro_f1"] for x in records],
    }
    return {
        "epoch": epoch,
        "n_seeds": len(mine),
        "per_group": table[(name, epoch)],
        "worst_of_group_means": min(table[(name, epoch)].values()),
        **{k: round(statistics.mean(v), 4) for k, v in measures.items()},
        "sd": {k: round(statistics.stdev(v), 4) if len(v) > 1 else None for k, v in measures.items()},
        "epochs_kept_by_validation": [r["epoch_kept_by_validation"] for r in mine],
        "group_mean_at_validation_epoch": round(
            statistics.mean(r["epochs"][r["epoch_kept_by_validation"] - 1]["dev"]["group_mean"] for r in mine), 4
        ),
    }
