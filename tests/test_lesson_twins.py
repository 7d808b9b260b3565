"""Steps a notebook writes in its cells with other arguments than the package's twin: both run on one tiny input, same result.

(Twins written alike are compared as code in test_notebooks.py.)
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from conftest import REPO, make_toy_frame

from resume_bert import dataset, evaluation, training
from resume_bert.app.lesson_code import lesson_definitions
from resume_bert.modeling import load_model, load_tokenizer
from resume_bert.preparation import LabelMap

NOTEBOOKS = REPO / "notebooks"


@pytest.fixture(scope="module")
def lesson_03():
    return lesson_definitions(NOTEBOOKS / "03_training.ipynb")


@pytest.fixture(scope="module")
def toy_sets(tiny_model_dir):
    frame = make_toy_frame(n_per_label=12)
    label_map = LabelMap.from_labels(frame["label"])
    tokenizer = load_tokenizer(str(tiny_model_dir))
    half = len(frame) // 2
    make = [
        dataset.ClassificationDataset(part["text"].tolist(), label_map.encode(part["label"]), tokenizer, 16)
        for part in (frame[:half], frame[half:])
    ]
    return make, tokenizer, label_map


def batches(loader):
    return [{name: tensor.clone() for name, tensor in batch.items()} for batch in loader]


def test_03s_loaders_give_the_batches_of_training_make_loaders(lesson_03, toy_sets):
    (train_set, val_set), tokenizer, _ = toy_sets
    ours = lesson_03["make_loaders"](train_set, val_set, 5, tokenizer.pad_token_id, 7, "cpu")
    theirs = training.make_loaders(
        train_set, val_set, training.TrainingConfig(per_device_train_batch_size=5, seed=7), tokenizer.pad_token_id
    )
    for epoch in (0, 1):  # a new shuffle each epoch, the same on both sides
        for loader in (ours[0], theirs[0]):
            loader.batch_sampler.set_epoch(epoch)
        mine, package = batches(ours[0]), batches(theirs[0])
        assert len(mine) == len(package) == math.ceil(len(train_set) / 5)
        for a, b in zip(mine, package):
            assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    for a, b in zip(batches(ours[1]), batches(theirs[1]), strict=True):
        assert all(torch.equal(a[k], b[k]) for k in a)
    epoch_0 = [b["labels"].tolist() for b in mine]
    ours[0].batch_sampler.set_epoch(0)
    assert [b["labels"].tolist() for b in batches(ours[0])] != epoch_0  # epoch 1 was shuffled otherwise


def test_03s_optimizer_groups_and_warm_up_schedule_are_the_packages(lesson_03, tiny_model_dir, toy_sets):
    _, _, label_map = toy_sets
    model = load_model(str(tiny_model_dir), label_map)
    ours = lesson_03["build_optimizer"](model, 1e-3, 0.05, "cpu")
    theirs = training.build_optimizer(model, 1e-3, 0.05, "cpu")
    for mine, package in zip(ours.param_groups, theirs.param_groups, strict=True):
        assert [id(p) for p in mine["params"]] == [id(p) for p in package["params"]]
        assert mine["weight_decay"] == package["weight_decay"] and mine["lr"] == package["lr"]
    assert {g["weight_decay"] for g in ours.param_groups} == {0.05, 0.0}

    config = training.TrainingConfig(num_train_epochs=3, warmup_ratio=0.2, learning_rate=1e-3)
    steps_per_epoch = 7
    schedules = [
        lesson_03["build_scheduler"](ours, config.warmup_ratio, steps_per_epoch * config.num_train_epochs),
        training.build_scheduler(theirs, config, steps_per_epoch),
    ]
    rates = [[], []]
    for _ in range(steps_per_epoch * config.num_train_epochs):
        for scheduler, seen in zip(schedules, rates):
            seen.append(scheduler.get_last_lr()[0])
            scheduler.optimizer.step()
            scheduler.step()
    assert rates[0] == rates[1]
    warmup = math.ceil(0.2 * 21)
    assert rates[0][0] == 0 and rates[0][warmup] == pytest.approx(1e-3) and schedules[0].get_last_lr()[0] == 0


def test_04s_tfidf_baseline_is_evaluations():
    lesson = lesson_definitions(NOTEBOOKS / "04_evaluation.ipynb")
    frame = make_toy_frame(n_per_label=10)
    train, test = frame[::2], frame[1::2]
    labels = sorted(set(frame["label"]))
    args = (train["text"], train["label"], test["text"], test["label"], labels)
    assert lesson["tfidf_baseline"](*args) == evaluation.tfidf_baseline(*args)


def test_06s_best_path_and_cut_costs_agree_with_segment_lines():
    """06's cells on a resume's lines cut where `segmentation.segment_lines` cuts (a keyword model, no wrapped lines)."""
    from resume_files import KeywordClassifier

    from resume_bert.resumes import segmentation
    from resume_bert.resumes.lines import Line

    lesson = lesson_definitions(NOTEBOOKS / "06_resume_files.ipynb")
    texts = [
        "Jane Roe",
        "jane@example.com phone 555",
        "EDUCATION",
        "Bachelor degree, State University",
        "graduated from school 2019",
        "python sql excel",
        "Experience",
        "managed a team at the company",
        "led the engineer group",
    ]
    lines = [Line(text=t, page=1, line=i + 1) for i, t in enumerate(texts)]
    classifier, config = KeywordClassifier(), segmentation.SegmentationConfig()
    headings, gaps = segmentation.heading_lines(lines), segmentation.gaps_before(lines)
    headed = segmentation.section_headings(lines, headings) >= config.min_headings
    costs = lesson["cut_costs"](headings, gaps, config, headed)
    assert np.array_equal(costs, segmentation.cut_costs(headings, gaps, config, headed))
    probs = segmentation.line_probabilities(classifier, lines, config)
    path = lesson["best_label_path"](np.log(probs + 1e-9), costs)
    assert path == segmentation.best_label_path(np.log(probs + 1e-9), costs)
    starts = [i for i in range(len(path)) if i == 0 or path[i] != path[i - 1] or headings[i]]
    found = segmentation.segment_lines(classifier, lines, config)
    assert [s.first_line - 1 for s in found] == starts
