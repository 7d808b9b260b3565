"""Fast CPU dropout: torch's distribution from other random numbers, the same attention, undone after training (resume_bert.app.fast_dropout)."""

import math

import pytest
import torch
from test_training import _datasets
from torch import nn
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from resume_bert.app import fast_dropout as fd
from resume_bert.app.training_run import train_classifier
from resume_bert.training import TrainingConfig, set_seed


@pytest.mark.parametrize("p", [0.1, 0.5])
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_masks_keep_each_value_with_probability_one_minus_p_and_scale_it(p, dtype):
    torch.manual_seed(0)
    n = 400_003  # not a multiple of four: the last 64-bit draw is cut
    mask = fd.scaled_keep_mask(torch.empty(n, dtype=dtype), p)
    assert mask.shape == (n,) and mask.dtype == dtype
    assert mask.unique().float().tolist() == [0.0, pytest.approx(1 / (1 - p), rel=1e-2)]
    kept = (mask != 0).double()
    assert abs(kept.mean().item() - (1 - p)) < 5 * math.sqrt(p * (1 - p) / n)
    # each of the four 16-bit slices of a draw, and neighbouring values, are independent
    lanes = kept[: n // 4 * 4].view(-1, 4)
    for lane in lanes.T:
        assert abs(lane.mean().item() - (1 - p)) < 5 * math.sqrt(p * (1 - p) / len(lane))
    both = (lanes[:, 0] * lanes[:, 1]).mean().item()
    assert abs(both - (1 - p) ** 2) < 5 * math.sqrt((1 - p) ** 2 / len(lanes))


def test_masks_follow_torchs_seed():
    like = torch.empty(3, 50)
    torch.manual_seed(1)
    first = fd.scaled_keep_mask(like, 0.3)
    torch.manual_seed(1)
    assert torch.equal(fd.scaled_keep_mask(like, 0.3), first)
    assert not torch.equal(fd.scaled_keep_mask(like, 0.3), first)


def test_dropout_module_matches_torchs_in_evaluation_and_scales_its_gradient_in_training():
    layer = fd.FastDropout(0.25)
    x = torch.randn(64, 100, requires_grad=True)
    assert torch.equal(layer.eval()(x), x)
    torch.manual_seed(0)
    y = layer.train()(x)
    y.sum().backward()
    kept = y != 0
    assert torch.allclose(y[kept], x[kept] / 0.75)
    assert torch.allclose(x.grad, kept.float() / 0.75)
    assert abs(kept.float().mean().item() - 0.75) < 0.02


def _padded_batch(model_dir):
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    return tokenizer(
        ["email phone street", "university degree in computer science and a gpa of 3.9"],
        padding=True,
        return_tensors="pt",
    )


def test_training_forward_with_masks_of_ones_is_the_evaluation_forward(tiny_model_dir, monkeypatch):
    """The attention it uses in training (its own, padding mask included) computes what SDPA does."""
    torch.manual_seed(0)
    model = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, num_labels=3)
    batch = _padded_batch(tiny_model_dir)
    with torch.no_grad():
        expected = model.eval()(**batch).logits
    monkeypatch.setattr(fd, "scaled_keep_mask", lambda like, p: torch.ones_like(like))
    calls = []
    monkeypatch.setattr(fd, "sdpa_attention_forward", lambda *a, **k: calls.append(1))
    with fd.fast_dropout(model), torch.no_grad():
        got = model.train()(**batch).logits
    assert not calls  # its own attention ran, not SDPA
    assert torch.allclose(got, expected, atol=1e-5)


def test_the_model_is_restored_after_the_block_and_saves_as_before(tiny_model_dir, tmp_path):
    model = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, num_labels=3)
    assert model.config._attn_implementation == "sdpa"
    with fd.fast_dropout(model):
        assert model.config._attn_implementation == fd.ATTENTION
        assert all(type(m) is fd.FastDropout for m in model.modules() if isinstance(m, nn.Dropout))
    assert model.config._attn_implementation == "sdpa"
    assert not any(isinstance(m, fd.FastDropout) for m in model.modules())
    # config.json never records the attention implementation: load the saved model and compare
    # what it computes and which attention it gets.
    model.save_pretrained(tmp_path)
    reloaded = AutoModelForSequenceClassification.from_pretrained(tmp_path).eval()
    assert reloaded.config._attn_implementation == "sdpa"
    batch = _padded_batch(tiny_model_dir)
    with torch.no_grad():
        assert torch.equal(reloaded(**batch).logits, model.eval()(**batch).logits)


def test_training_with_it_is_reproducible_and_draws_other_masks_than_torch(tiny_model_dir):
    datasets, labels = _datasets(tiny_model_dir, 10)

    def run(fast):
        set_seed(0)
        model = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, num_labels=len(labels.labels))
        config = TrainingConfig(
            num_train_epochs=1, learning_rate=3e-3, per_device_train_batch_size=8, fast_dropout=fast
        )
        result = train_classifier(model, datasets["train"], datasets["val"], config, show_progress=False)
        assert result.model.config._attn_implementation == "sdpa"
        return [h["train_loss"] for h in result.history]

    fast = run(True)
    assert run(True) == fast
    assert run(False) != fast
