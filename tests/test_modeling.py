"""Model sources (bundled, local folder, hub id; no silent swap) and device choice (resume_bert.modeling, resume_bert.app.model_loading)."""

import socket

import pytest
import torch

from resume_bert import modeling
from resume_bert.app.model_loading import hub_reachable, load_model, load_tokenizer
from resume_bert.errors import ModelError
from resume_bert.modeling import BUNDLED, bundled_model_path, select_device
from resume_bert.preparation import LabelMap

LABELS = LabelMap(["Education", "Skills", "Summary"])


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails, as on a machine without internet."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_bundled_model_loads_offline_with_local_files_only(no_network):
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(
        bundled_model_path(), local_files_only=True, num_labels=3
    )
    assert model.config.model_type == "bert" and model.config.hidden_size == 384
    assert (bundled_model_path() / "model.safetensors").exists()


def test_bundled_tokenizer_is_uncased_wordpiece(no_network):
    tokenizer, used = load_tokenizer(BUNDLED)
    assert used == BUNDLED
    tokens = tokenizer.tokenize("Curriculum Vitae")
    assert tokens == [t.lower() for t in tokens] and any(t.startswith("##") for t in tokenizer.tokenize("vitae"))
    assert tokenizer.vocab_size == 30522  # the bert-base-uncased vocabulary


def test_model_gets_labels_in_its_config(tiny_model_dir):
    model, used = load_model(str(tiny_model_dir), LABELS)
    assert used == str(tiny_model_dir)
    assert model.config.num_labels == 3
    assert model.config.id2label == {0: "Education", 1: "Skills", 2: "Summary"}
    assert model.config.label2id["Summary"] == 2
    assert next(model.parameters()).dtype == torch.float32


def test_unreachable_hub_id_stops_with_one_line_naming_bundled(no_network):
    with pytest.raises(ModelError) as caught:
        load_model("bert-base-uncased", LABELS)
    message = str(caught.value)
    assert "could not load 'bert-base-uncased'" in message and "'bundled'" in message and "\n" not in message


def test_without_a_model_named_the_offline_bundled_model_loads_and_trains(no_network):
    from resume_bert.app import cli

    tokenizer, used = load_tokenizer()
    assert used == BUNDLED and tokenizer.vocab_size == 30522
    args = cli.build_parser().parse_args(["train", "--data-path", "d.csv", "--output-dir", "o"])
    assert args.model_name_or_path == BUNDLED


def test_hub_reachability_respects_offline_mode(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert hub_reachable() is False


@pytest.mark.parametrize("cuda, mps, device", [(True, True, "cuda"), (False, True, "mps"), (False, False, "cpu")])
def test_the_device_is_a_cuda_gpu_then_apple_mps_then_the_cpu(monkeypatch, cuda, mps, device):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
    assert select_device() == torch.device(device)


def test_the_lesson_loader_and_the_app_loader_build_the_same_model(tiny_model_dir):
    torch.manual_seed(0)
    plain = modeling.load_model(str(tiny_model_dir), LABELS)
    torch.manual_seed(0)
    guarded, _ = load_model(str(tiny_model_dir), LABELS)
    assert plain.config.id2label == guarded.config.id2label
    for (name, a), (_, b) in zip(plain.state_dict().items(), guarded.state_dict().items()):
        assert torch.equal(a, b), name
