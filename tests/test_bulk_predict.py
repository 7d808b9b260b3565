"""`predict --input/--output` on large files: streamed in chunks, input order kept, atomic, shards merged in order."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_toy_frame

from resume_bert.app.bulk_predict import label_csv, merge_shards, shard_dir, write_shard
from resume_bert.app.classifiers import load_classifier
from resume_bert.errors import DataError


@pytest.fixture(scope="module")
def model_dir(separated_classifier_dir):
    return separated_classifier_dir


@pytest.fixture(scope="module")
def classifier(model_dir):
    return load_classifier(model_dir, device="cpu", batch_size=4)


@pytest.fixture
def big_csv(tmp_path):
    """23 rows (not a multiple of the chunk sizes used), with awkward values that must come back unchanged."""
    frame = make_toy_frame(n_per_label=6).head(23).reset_index(drop=True)
    frame["row"] = [f"{i:03d}" for i in range(len(frame))]
    frame.loc[2, "text"] = 'two lines,\n"quoted" and, commas'
    frame.loc[5, "resume_id"] = "NA"  # a string, not a missing value
    frame.loc[7, "resume_id"] = ""  # missing
    path = tmp_path / "big.csv"
    frame.to_csv(path, index=False)
    return path


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_streamed_output_keeps_input_order_and_values(classifier, big_csv, tmp_path):
    out = tmp_path / "out.csv"
    assert label_csv(classifier, big_csv, out, chunk_rows=5, show_progress=False) == 23
    source, labelled = read(big_csv), read(out)
    assert list(labelled.columns) == list(source.columns) + ["predicted_label", "probability"]
    pd.testing.assert_frame_equal(labelled[source.columns], source)
    # Chunking changes nothing: the labels are those of one call on every text, in input order.
    probs = classifier.predict_proba(source["text"].tolist())
    assert labelled["predicted_label"].tolist() == [classifier.labels[k] for k in probs.argmax(1)]
    assert label_csv(classifier, big_csv, tmp_path / "one_chunk.csv", chunk_rows=1000, show_progress=False) == 23
    assert (tmp_path / "one_chunk.csv").read_bytes() == out.read_bytes()


def test_a_failure_midway_leaves_the_old_output(classifier, big_csv, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old results\n")

    class FailsOnSecondChunk:
        labels, calls = classifier.labels, 0

        def predict_proba(self, texts):
            FailsOnSecondChunk.calls += 1
            if FailsOnSecondChunk.calls == 2:
                raise RuntimeError("interrupted")
            return classifier.predict_proba(texts)

    with pytest.raises(RuntimeError, match="interrupted"):
        label_csv(FailsOnSecondChunk(), big_csv, out, chunk_rows=5, show_progress=False)
    assert out.read_text() == "old results\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != big_csv.name] == ["out.csv"], "a temporary file was left"


def test_missing_column_is_a_one_line_error(classifier, big_csv, tmp_path):
    with pytest.raises(DataError, match="column 'body' not found"):
        label_csv(classifier, big_csv, tmp_path / "out.csv", text_column="body", show_progress=False)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("world_size", [3, 7])  # 7 processes for 5 chunks: two write empty shards
def test_shards_merge_in_input_order(classifier, big_csv, tmp_path, world_size):
    single = tmp_path / "single.csv"
    label_csv(classifier, big_csv, single, chunk_rows=5, show_progress=False)
    out = tmp_path / "sharded.csv"
    for rank in reversed(range(world_size)):  # the order processes finish in does not matter
        write_shard(classifier, big_csv, out, rank, world_size, chunk_rows=5)
    assert merge_shards(out, world_size, chunk_rows=5) == 23
    assert out.read_bytes() == single.read_bytes()
    assert not shard_dir(out).exists()


@pytest.mark.subprocess
def test_torchrun_two_processes_label_one_file_in_order(model_dir, big_csv, tmp_path, classifier):
    from test_distributed import torchrun

    out = tmp_path / "out.csv"
    command = ["predict", "--model-dir", model_dir, "--input", big_csv, "--output", out]
    proc = torchrun("-m", "resume_bert", *map(str, command), "--chunk-rows", "4", "--batch-size", "4")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.count("labelled 23 rows") == 1, "only the first process reports the merged file"
    single = tmp_path / "single.csv"
    label_csv(classifier, big_csv, single, chunk_rows=4, show_progress=False)
    assert out.read_bytes() == single.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "out.csv", "single.csv"]
