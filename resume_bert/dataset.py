"""Tokenised examples (`ClassificationDataset`), batches padded to their longest chunk, shuffled batches (notebook 02)."""

import math
from collections.abc import Iterator, Sequence

import numpy as np
import torch
from torch.utils.data import Dataset, Sampler

# WordPiece tokens average 4 to 5 characters of resume text, so this many characters per
# token leave a wide margin: longer texts are cut before the tokenizer sees them, which would
# otherwise tokenise a whole 9 MB text only to keep its first `max_length` tokens.
CHARS_PER_TOKEN = 24


def tokenize(tokenizer, texts: Sequence[str], max_length: int) -> list[list[int]]:
    """Token ids of each text with [CLS] and [SEP], cut to `max_length` tokens (notebook 02)."""
    texts = [text[: max_length * CHARS_PER_TOKEN] for text in texts]
    return tokenizer(texts, truncation=True, max_length=max_length)["input_ids"] if texts else []


def token_lengths(tokenizer, texts: Sequence[str]) -> np.ndarray:
    """Number of tokens of each text, [CLS] and [SEP] included, before any truncation."""
    # verbose=False: the tokenizer would warn about every text longer than the model takes.
    return np.array([len(ids) for ids in tokenizer(list(texts), verbose=False)["input_ids"]])


def suggest_max_length(lengths: Sequence[int], quantile: float = 0.99, limit: int = 512, multiple: int = 8) -> int:
    """Smallest multiple of `multiple` covering `quantile` of the texts, at most `limit`.

    Padding and attention cost grow with length, so covering the long tail of rare
    very long chunks costs more than truncating them.
    """
    needed = float(np.quantile(np.asarray(lengths), quantile))
    return int(min(limit, max(multiple, multiple * math.ceil(needed / multiple))))


class ClassificationDataset(Dataset):
    """Texts and label ids, tokenised once up front, as in the post (notebook 02).

    Each item is a dict of `input_ids`, `attention_mask` and `labels` tensors, unpadded:
    the collator pads each batch to its own longest chunk.
    """

    def __init__(self, texts: Sequence[str], labels: Sequence[int], tokenizer, max_length: int):
        self.input_ids = tokenize(tokenizer, texts, max_length)
        self.labels = list(labels)
        self.lengths = [len(ids) for ids in self.input_ids]
        self.pad_token_id = tokenizer.pad_token_id

    def __len__(self) -> int:
        return len(self.input_ids)

    def __getitem__(self, i: int) -> dict[str, torch.Tensor]:
        input_ids = torch.tensor(self.input_ids[i])
        return {
            "input_ids": input_ids,
            "attention_mask": (input_ids != self.pad_token_id).long(),  # 1 = a real token, 0 = [PAD]
            "labels": torch.tensor(self.labels[i]),
        }


class DynamicPaddingCollator:
    """Pad a batch to its own longest member rather than to `max_length`.

    It pads as `transformers.DataCollatorWithPadding` does (notebook 02 checks that) without going
    through `tokenizer.pad`, which is several times slower per batch and warns on every run.
    """

    def __init__(self, pad_token_id: int, pad_to_multiple_of: int | None = None):
        self.pad_token_id = pad_token_id
        self.pad_to_multiple_of = pad_to_multiple_of

    def __call__(self, items: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
        width = max(len(item["input_ids"]) for item in items)
        if self.pad_to_multiple_of:
            width = self.pad_to_multiple_of * math.ceil(width / self.pad_to_multiple_of)
        input_ids = torch.full((len(items), width), self.pad_token_id, dtype=torch.long)
        attention_mask = torch.zeros((len(items), width), dtype=torch.long)
        for row, item in enumerate(items):
            n = len(item["input_ids"])
            input_ids[row, :n] = item["input_ids"]
            attention_mask[row, :n] = item.get("attention_mask", 1)  # an item padded already keeps its zeros
        batch = {"input_ids": input_ids, "attention_mask": attention_mask}
        if "labels" in items[0]:
            batch["labels"] = torch.stack([item["labels"] for item in items])
        return batch


class ShuffledBatchSampler(Sampler[list[int]]):
    """Batches of indices in a new random order each epoch; by default, of similar-length examples.

    Each epoch: shuffle all indices; with `group_by_length`, sort each mega-batch of `group_size` batches
    by length, so little compute goes to padding; cut into batches, then shuffle the batches. The order
    depends only on (`seed`, epoch), which makes `--resume` replay it exactly.
    """

    def __init__(
        self,
        lengths: Sequence[int],
        batch_size: int,
        seed: int = 42,
        group_by_length: bool = True,
        group_size: int = 50,
    ):
        self.lengths = np.asarray(lengths)
        self.batch_size = batch_size
        self.seed = seed
        self.group_by_length = group_by_length
        self.group_size = group_size
        self.epoch = 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self) -> int:
        return math.ceil(len(self.lengths) / self.batch_size)

    def __iter__(self) -> Iterator[list[int]]:
        rng = np.random.default_rng([self.seed, self.epoch])
        order = rng.permutation(len(self.lengths))
        if self.group_by_length:
            span = self.batch_size * self.group_size
            order = np.concatenate(
                [
                    chunk[np.argsort(-self.lengths[chunk], kind="stable")]
                    for chunk in np.split(order, range(span, len(order), span))
                ]
            )
        batches = [order[i : i + self.batch_size].tolist() for i in range(0, len(order), self.batch_size)]
        for b in rng.permutation(len(batches)):
            yield batches[b]


def sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Batches of indices in order of length, longest first, for evaluation and inference."""
    order = np.argsort(-np.asarray(lengths), kind="stable")
    return [order[i : i + batch_size].tolist() for i in range(0, len(order), batch_size)]
