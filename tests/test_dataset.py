"""Tokenised datasets, dynamic padding and length-grouped batches (resume_bert.dataset)."""

from transformers import AutoTokenizer

from resume_bert.dataset import (
    ClassificationDataset,
    DynamicPaddingCollator,
    ShuffledBatchSampler,
    sorted_batches,
    suggest_max_length,
    token_lengths,
)


def _tokenizer(tiny_model_dir):
    return AutoTokenizer.from_pretrained(tiny_model_dir)


def test_items_carry_cls_sep_ids_mask_and_label(tiny_model_dir):
    tok = _tokenizer(tiny_model_dir)
    ds = ClassificationDataset(["Bachelor of Science", "python"], [1, 0], tok, max_length=32)
    item = ds[0]
    assert item["input_ids"][0] == tok.cls_token_id and item["input_ids"][-1] == tok.sep_token_id
    assert item["attention_mask"].tolist() == [1] * len(item["input_ids"])
    assert item["labels"].item() == 1
    assert len(ds) == 2


def test_long_texts_are_truncated_and_counted(tiny_model_dir):
    tok = _tokenizer(tiny_model_dir)
    ds = ClassificationDataset(["word " * 500, "short"], [0, 1], tok, max_length=16)
    assert ds.lengths[0] == 16 and ds.lengths[1] < 16
    assert ds[0]["input_ids"][-1] == tok.sep_token_id


def test_a_text_of_megabytes_is_cut_before_it_is_tokenised(tiny_model_dir):
    from resume_bert.dataset import CHARS_PER_TOKEN, tokenize

    tok = _tokenizer(tiny_model_dir)
    seen = []

    class Spy:
        def __call__(self, texts, **options):
            seen.extend(len(t) for t in texts)
            return tok(texts, **options)

    ids = tokenize(Spy(), ["skills " * 1_500_000, "python"], max_length=32)
    assert max(seen) <= 32 * CHARS_PER_TOKEN
    # The cut loses nothing: the same ids as tokenising a text far past the cut whole.
    long = "skills " * 20_000
    assert ids == tok([long, "python"], truncation=True, max_length=32)["input_ids"]


def test_collator_pads_to_longest_in_batch_not_max_length(tiny_model_dir):
    tok = _tokenizer(tiny_model_dir)
    ds = ClassificationDataset(["a b c d e", "a"], [0, 1], tok, max_length=128)
    batch = DynamicPaddingCollator(tok.pad_token_id)([ds[0], ds[1]])
    assert batch["input_ids"].shape == (2, 7)
    assert batch["attention_mask"].sum(1).tolist() == [7, 3]
    assert (batch["input_ids"][1, 3:] == tok.pad_token_id).all()
    assert batch["labels"].tolist() == [0, 1]
    wide = DynamicPaddingCollator(tok.pad_token_id, pad_to_multiple_of=8)([ds[0], ds[1]])
    assert wide["input_ids"].shape == (2, 8)


def test_length_grouped_batches_cover_everything_once_and_reshuffle_per_epoch():
    lengths = [(i * 37) % 101 for i in range(250)]
    sampler = ShuffledBatchSampler(lengths, batch_size=16, seed=3)
    first = list(sampler)
    assert sorted(i for b in first for i in b) == list(range(250))
    assert len(first) == len(sampler) == 16
    # Batches hold similar lengths: far less spread than random batches would have.
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in first) / len(first)
    assert spread < 20
    assert list(sampler) == first  # same epoch, same order
    sampler.set_epoch(1)
    assert list(sampler) != first


def test_plain_shuffle_when_grouping_is_off():
    lengths = list(range(100))
    batches = list(ShuffledBatchSampler(lengths, 10, seed=0, group_by_length=False))
    assert sorted(i for b in batches for i in b) == lengths
    assert any(max(b) - min(b) > 50 for b in batches)


def test_sorted_batches_and_suggested_length():
    assert sorted_batches([3, 9, 1, 5], 2) == [[1, 3], [0, 2]]
    assert suggest_max_length([10] * 99 + [400]) == 16
    assert suggest_max_length([1000] * 10) == 512


def test_token_lengths_count_special_tokens(tiny_model_dir):
    tok = _tokenizer(tiny_model_dir)
    assert token_lengths(tok, ["hello world", ""]).tolist() == [4, 2]
