"""Save → load → predict, the plain Hugging Face folder contract, and resume splitting."""

import numpy as np
import pytest
import transformers
from conftest import make_toy_frame
from transformers import AutoTokenizer

from resume_bert.app.classifiers import load_classifier
from resume_bert.app.model_loading import load_model, save_model
from resume_bert.errors import ParameterError
from resume_bert.inference import SectionClassifier
from resume_bert.preparation import LabelMap
from resume_bert.resumes.header_words import is_header, label_resume, split_resume
from resume_bert.training import set_seed

TEXTS = ["university bachelor degree", "python sql excel", "phone email street", "x", "managed company " * 40]


@pytest.fixture(scope="module")
def saved_model(tiny_model_dir, tmp_path_factory):
    set_seed(0)
    labels = LabelMap.from_labels(make_toy_frame(1)["label"])
    model, _ = load_model(str(tiny_model_dir), labels)
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    folder = tmp_path_factory.mktemp("saved") / "model"
    save_model(model, tokenizer, folder, max_length=24)
    return model, tokenizer, folder


def test_save_load_predict_gives_the_same_predictions(saved_model):
    model, tokenizer, folder = saved_model
    in_memory = SectionClassifier(model, tokenizer, device="cpu", max_length=24).predict_proba(TEXTS)
    loaded = SectionClassifier.from_pretrained(folder, device="cpu").predict_proba(TEXTS)
    np.testing.assert_allclose(loaded, in_memory, atol=1e-6)
    assert SectionClassifier.from_pretrained(folder).max_length == 24


def test_predictions_come_back_in_input_order_whatever_the_batch_size(saved_model):
    _, _, folder = saved_model
    clf = SectionClassifier.from_pretrained(folder, device="cpu")
    one_by_one = np.vstack([clf.predict_proba([t]) for t in TEXTS])
    np.testing.assert_allclose(clf.predict_proba(TEXTS, batch_size=2), one_by_one, atol=1e-5)


def test_the_classifiers_batched_logits_equal_notebook_04s_prediction_loop(saved_model):
    """`evaluation.predict_logits` is notebook 04's cell (test_notebooks holds them equal); the package labels through
    `SectionClassifier.logits`: the two loops give the same logits."""
    from torch.utils.data import DataLoader

    from resume_bert.dataset import ClassificationDataset, DynamicPaddingCollator, sorted_batches
    from resume_bert.evaluation import predict_logits

    model, tokenizer, _ = saved_model
    classifier = SectionClassifier(model, tokenizer, device="cpu", max_length=24, batch_size=2)
    chunks = ClassificationDataset(TEXTS, [0] * len(TEXTS), tokenizer, 24)
    batches = sorted_batches(chunks.lengths, 2)
    loader = DataLoader(chunks, batch_sampler=batches, collate_fn=DynamicPaddingCollator(tokenizer.pad_token_id))
    logits, _ = predict_logits(model, loader, "cpu")
    in_order = np.empty_like(logits)
    in_order[np.concatenate(batches)] = logits
    np.testing.assert_allclose(classifier.logits(classifier.encode(TEXTS)), in_order, atol=1e-5)


def test_batch_size_defaults_to_16_on_cpu_and_keeps_a_given_one(saved_model):
    _, _, folder = saved_model
    assert SectionClassifier.from_pretrained(folder, device="cpu").batch_size == 16
    assert load_classifier(folder, device="cpu").batch_size == 16
    assert load_classifier(folder, device="cpu", batch_size=5).batch_size == 5
    with pytest.raises(ParameterError, match="batch_size"):
        load_classifier(folder, device="cpu", batch_size=0)


def test_predict_returns_label_score_and_all_probabilities(saved_model):
    _, _, folder = saved_model
    clf = SectionClassifier.from_pretrained(folder)
    predictions = clf.predict(TEXTS)
    assert len(predictions) == len(TEXTS)
    for p in predictions:
        assert p.label in clf.labels and set(p.scores) == set(clf.labels)
        assert p.score == max(p.scores.values()) and sum(p.scores.values()) == pytest.approx(1, abs=1e-5)
    assert clf.predict("one string") and clf.predict([]) == []


def test_saved_folder_works_with_transformers_pipeline(saved_model):
    _, _, folder = saved_model
    classify = transformers.pipeline("text-classification", model=str(folder), device="cpu")
    out = classify(["bachelor of science", "python"])
    assert {o["label"] for o in out} <= set(make_toy_frame(1)["label"])
    assert all(0 <= o["score"] <= 1 for o in out)


RESUME = """Priya Sharma
priya.sharma@example.com | +1 555 0100

PROFESSIONAL SUMMARY
Registered nurse with 6 years of experience.

Experience
Staff Nurse, General Hospital (2019 - Present)
• Cared for 8 patients per shift

EDUCATION:
B.Sc. Nursing, 2018

Skills
Patient assessment, IV therapy
"""


def test_split_resume_cuts_at_headers_and_keeps_the_contact_block():
    sections = split_resume(RESUME)
    assert [s.header for s in sections] == [None, "PROFESSIONAL SUMMARY", "Experience", "EDUCATION", "Skills"]
    assert sections[0].text.startswith("Priya Sharma")
    assert "Staff Nurse" in sections[2].text


def test_header_detection():
    assert is_header("WORK EXPERIENCE") and is_header("Academic Background:") and is_header("Career Objective")
    # A bar some templates draw before a heading is decoration; one between items is a list.
    assert is_header("| SKILLS & ABILITIES") and not is_header("Skills | Python")
    assert is_header("CURRICULUM VITAE") and is_header("Resume") and not is_header("Curriculum design")
    assert not is_header("• Led a team of 5") and not is_header("B.Sc. Nursing, 2018")
    assert not is_header("priya.sharma@example.com")


def test_resume_without_headers_is_cut_at_blank_lines():
    sections = split_resume("Jane Doe\njane@example.com\n\nSold 200 cars in 2020\n\nFrench, German")
    assert len(sections) == 3 and all(s.header is None for s in sections)


def test_label_resume_gives_one_row_per_section(saved_model):
    _, _, folder = saved_model
    table = label_resume(SectionClassifier.from_pretrained(folder), RESUME)
    assert list(table.columns) == ["header", "text", "label", "probability"]
    assert len(table) == 5
