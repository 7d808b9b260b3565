"""Faster dropout for training on a CPU: `TrainingConfig(fast_dropout=True)`, `resume-bert train --fast-dropout` (training_run).

Same distribution as torch's dropout, other random numbers: a run differs from notebook 03's loop, so it is off by default.
"""

import contextlib
from collections.abc import Iterator

import torch
from torch import nn
from transformers import AttentionInterface
from transformers.integrations.sdpa_attention import sdpa_attention_forward
from transformers.masking_utils import AttentionMaskInterface, sdpa_mask

ATTENTION = "resume_bert_fast_dropout"  # the name `fast_dropout` registers its attention function under


def scaled_keep_mask(like: torch.Tensor, p: float) -> torch.Tensor:
    """Dropout's multiplier for `like`: 1 / (1 - p) with probability 1 - p, else 0 (p rounded to 1/65536)."""
    # torch's CPU dropout draws one double per value from a single-threaded Mersenne Twister, a
    # large share of a bf16 step on a CPU (benchmarks/README.md, resume_bert_torch_dropout); one
    # full-range 64-bit draw gives four independent 16-bit uniforms, so the mask needs a
    # quarter of the draws and no floating point.
    n = like.numel()
    bits = torch.empty((n + 3) // 4, dtype=torch.int64, device=like.device).random_(-(2**63), None)
    keep = bits.view(torch.int16)[:n] >= round(p * 65536) - 32768
    return keep.view(like.shape).to(like.dtype).mul_(1.0 / (1.0 - p))


def _applies(training: bool, p: float, x: torch.Tensor) -> bool:
    return training and 0.0 < p < 1.0 and x.device.type == "cpu"  # CUDA's own dropout is already fast


class FastDropout(nn.Dropout):
    """`nn.Dropout` whose CPU training masks come from `scaled_keep_mask`."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if _applies(self.training, self.p, x):
            return x * scaled_keep_mask(x, self.p)
        return super().forward(x)


def attention(module, query, key, value, attention_mask, dropout: float = 0.0, scaling=None, **kwargs):
    """Attention with `scaled_keep_mask` on its weights in CPU training; SDPA otherwise (evaluation, GPUs)."""
    plain = not getattr(module, "is_causal", False) and getattr(module, "num_key_value_groups", 1) == 1  # encoders
    if not (plain and _applies(module.training, dropout, query)):
        return sdpa_attention_forward(
            module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs
        )
    scores = torch.matmul(query, key.transpose(2, 3)) * (query.size(-1) ** -0.5 if scaling is None else scaling)
    if attention_mask is not None:
        scores = (
            scores.masked_fill(~attention_mask, torch.finfo(scores.dtype).min)  # SDPA's mask: True = attend
            if attention_mask.dtype == torch.bool
            else scores + attention_mask
        )
    weights = torch.softmax(scores, dim=-1)
    weights = weights * scaled_keep_mask(weights, dropout)
    return torch.matmul(weights, value).transpose(1, 2).contiguous(), None


AttentionInterface.register(ATTENTION, attention)
AttentionMaskInterface.register(ATTENTION, sdpa_mask)  # the same masks as "sdpa", which it falls back to


@contextlib.contextmanager
def fast_dropout(model: nn.Module) -> Iterator[nn.Module]:
    """Within the block, `model` draws its dropout masks with `scaled_keep_mask` when training on a CPU.

    Swaps the class of each `nn.Dropout` and the SDPA attention function; both go back on leaving the block.
    """
    dropouts = [m for m in model.modules() if type(m) is nn.Dropout]
    implementation = getattr(getattr(model, "config", None), "_attn_implementation", None)
    switch = implementation == "sdpa" and model._can_set_attn_implementation()
    for m in dropouts:
        m.__class__ = FastDropout
    if switch:
        model.set_attn_implementation(ATTENTION)
    try:
        yield model
    finally:
        for m in dropouts:
            m.__class__ = nn.Dropout
        if switch:
            model.set_attn_implementation(implementation)
