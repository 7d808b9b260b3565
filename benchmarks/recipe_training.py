"""One run of the recipe study: notebook 03's loop with a recipe's knobs, every epoch scored on the real-resume dev part.

The knobs the package's `TrainingConfig` does not have yet live here as small functions:
layer-wise learning-rate decay (`layer_decayed`), label smoothing (in `train_one_epoch`),
dropout (`set_dropout`), the head fitted before fine-tuning (`fit_head`), weights averaged
over epochs (`running_average`), the encoder's weights moved back toward the pretrained
ones (`interpolated`), the head reading the mean of the token vectors (`use_mean_pooling`),
and the generator settings (`subsample_resumes`: fewer generated resumes or more of them,
another mix of rendered and plain ones).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from benchmark_setup import GeneratorMismatch, generator_rows

from resume_bert.dataset import ClassificationDataset, DynamicPaddingCollator, sorted_batches
from resume_bert.evaluation import predict_logits
from resume_bert.training import TrainingConfig, build_optimizer, build_scheduler, make_loaders, set_seed, validate

LATER_KNOBS = ("head_warmup", "average_epochs", "pooling", "interpolation")


@dataclass(frozen=True)
class Recipe:
    """What one run changes; the defaults are the package's default run (`resume-bert train`)."""

    num_train_epochs: int = 4
    learning_rate: float = 1e-4
    freeze_layers: int = 0  # the embeddings and this many lower layers frozen (`freeze_lower_layers`)
    layer_decay: float = 1.0  # each layer below the head learns at this factor of the one above
    label_smoothing: float = 0.0
    dropout: float | None = None  # every dropout of the encoder and head; None keeps the model's own (0.1)
    train_resumes: float = 1.0  # share of the training split's resumes kept; above 1, the generator's next ones added
    rendered_share: float | None = None  # share of the kept resumes that were drawn as PDF/DOCX; None: as generated
    head_warmup: bool = False  # LP-FT: the head fitted by logistic regression first (`fit_head`)
    average_epochs: bool = False  # each epoch scored with the mean of the weights after every epoch so far
    pooling: str = "cls"  # what the head reads: "cls" (BERT's pooler on [CLS]) or "mean" (`use_mean_pooling`)
    interpolation: float = 1.0  # each epoch scored with the encoder this far from the pretrained one (`interpolated`)

    def changes(self) -> dict:
        """The fields that differ from the default run."""
        default = Recipe()
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != getattr(default, f.name)
        }

    def cache_fields(self) -> dict:
        """The fields that name a run in the cache; the knobs added last count only when set, so earlier runs keep their names."""
        return {k: v for k, v in asdict(self).items() if k not in LATER_KNOBS or v != getattr(Recipe(), k)}

    def key(self) -> str:
        return hashlib.sha256(json.dumps(self.cache_fields(), sort_keys=True).encode()).hexdigest()[:12]


def set_dropout(model, p: float | None) -> None:
    """Set every dropout of `model` (embeddings, attention, feed-forward, head) to `p`.

    BERT's attention reads its rate from its `Dropout` module's `p` at each call, so this
    covers the attention weights too; the config follows, so a saved model says what trained.
    """
    if p is None:
        return
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = p
    for name in ("hidden_dropout_prob", "attention_probs_dropout_prob"):
        if hasattr(model.config, name):
            setattr(model.config, name, p)


class MeanPooler(torch.nn.Module):
    """The mean of the last layer's token vectors over the attention mask (`use_mean_pooling` sets the mask)."""

    def __init__(self):
        super().__init__()
        self.mask: torch.Tensor | None = None

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        mask = self.mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)


def use_mean_pooling(model) -> None:
    """The head reads the masked mean of the token vectors instead of BERT's pooler on [CLS].

    The bundled encoder (all-MiniLM-L6-v2) was trained by sentence-transformers on that mean, so
    the head starts from the vector its last training shaped, which did not use [CLS] or the
    pooler. BERT's pooler sees only the hidden states, so a hook hands it the attention mask.
    """
    pooler = MeanPooler()

    def remember_mask(module, args, kwargs):
        pooler.mask = kwargs["attention_mask"]

    model.base_model.register_forward_pre_hook(remember_mask, with_kwargs=True)
    model.base_model.pooler = pooler


def layer_depths(model) -> dict[int, int]:
    """id(parameter) -> depth: 0 the embeddings, i + 1 encoder layer i, n_layers + 1 everything above (pooler, head)."""
    base = model.base_model
    layers = base.encoder.layer
    depth = {id(p): len(layers) + 1 for p in model.parameters()}
    depth.update({id(p): 0 for p in base.embeddings.parameters()})
    for i, layer in enumerate(layers):
        depth.update({id(p): i + 1 for p in layer.parameters()})
    return depth


def layer_decayed(optimizer: torch.optim.Optimizer, model, decay: float) -> torch.optim.Optimizer:
    """The same optimizer with layer-wise learning-rate decay: a parameter `k` layers below the head learns at lr × decay^k.

    Built from `build_optimizer`'s groups, so which weights decay (no biases, no LayerNorm) stays decided there.
    """
    depth = layer_depths(model)
    top = max(depth.values())
    groups = []
    for group in optimizer.param_groups:
        settings = {k: v for k, v in group.items() if k != "params"}
        by_depth: dict[int, list] = {}
        for p in group["params"]:
            by_depth.setdefault(depth[id(p)], []).append(p)
        for d, params in sorted(by_depth.items()):
            groups.append({**settings, "params": params, "lr": group["lr"] * decay ** (top - d)})
    # AdamW's defaults hold settings its constructor fixes itself (decoupled_weight_decay): pass on only what it takes.
    accepted = inspect.signature(type(optimizer)).parameters
    return type(optimizer)(groups, **{k: v for k, v in optimizer.defaults.items() if k in accepted})


def pooled_features(
    model, dataset: ClassificationDataset, pad_token_id: int, device, batch_size: int = 64
) -> np.ndarray:
    """What the classification head reads for each item (the pooled [CLS] vector), in the dataset's order."""
    batches = sorted_batches(dataset.lengths, batch_size)
    collate = DynamicPaddingCollator(pad_token_id)
    model.eval()
    out = np.empty((len(dataset), model.config.hidden_size), dtype=np.float32)
    with torch.no_grad():
        for batch in batches:
            items = collate([dataset[i] for i in batch])
            hidden = model.base_model(
                input_ids=items["input_ids"].to(device), attention_mask=items["attention_mask"].to(device)
            )
            out[batch] = hidden.pooler_output.float().cpu().numpy()
    return out


def fit_head(model, dataset: ClassificationDataset, pad_token_id: int, device, seed: int) -> None:
    """LP-FT's first step (Kumar et al., 2022): the head starts from a logistic regression on the encoder's features.

    A random head sends large, arbitrary gradients into the pretrained encoder in the first
    steps; starting from a fitted head, fine-tuning changes the features less, which is meant
    to hold better on data unlike the training set.
    """
    from sklearn.linear_model import LogisticRegression

    features = pooled_features(model, dataset, pad_token_id, device)
    probe = LogisticRegression(max_iter=2000, random_state=seed).fit(features, dataset.labels)
    head = model.classifier
    weight = np.zeros((head.out_features, features.shape[1]), dtype=np.float32)
    bias = np.zeros(head.out_features, dtype=np.float32)
    weight[probe.classes_], bias[probe.classes_] = probe.coef_, probe.intercept_
    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(weight))
        head.bias.copy_(torch.from_numpy(bias))


def running_average(average: dict | None, weights: dict, n_before: int) -> dict:
    """The mean of the weights after each of `n_before` + 1 epochs, from the mean of the first `n_before` and `weights`.

    Neither dict is changed: the mean is new tensors (the first one is `weights` itself).
    """
    if average is None:
        return weights
    return {
        k: (a + (weights[k] - a) / (n_before + 1)) if a.is_floating_point() else weights[k] for k, a in average.items()
    }


def interpolated(pretrained: dict, weights: dict, alpha: float, encoder_prefix: str) -> dict:
    """WiSE-FT (Wortsman et al., 2022): the encoder at `alpha` of the way from its pretrained weights to `weights`.

    Fine-tuning moves the encoder toward what tells the training data apart; stepping part of
    the way back keeps more of what pretraining learnt from other text, which is meant to hold
    better on data unlike the training set. The new head has no pretrained weights, so it stays
    as trained. Neither dict is changed.
    """
    return {
        k: pretrained[k] + alpha * (w - pretrained[k]) if k.startswith(encoder_prefix) and w.is_floating_point() else w
        for k, w in weights.items()
    }


def train_one_epoch(model, loader, optimizer, scheduler, device, max_grad_norm: float, label_smoothing: float) -> float:
    """`training.train_epoch`'s steps with the loss computed here, so it can be label-smoothed; returns the mean loss."""
    model.train()
    total, steps = 0.0, 0
    for batch in loader:
        batch = {name: tensor.to(device) for name, tensor in batch.items()}
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        loss = torch.nn.functional.cross_entropy(logits, batch["labels"], label_smoothing=label_smoothing)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        total, steps = total + loss.item(), steps + 1
    return total / max(steps, 1)


def generator_data(
    data_path: Path, kinds: bool, n_more: int
) -> tuple[dict[str, str] | None, str, pd.DataFrame | None, str]:
    """What one rerun of the generator tells the study: (kinds, why not, more, why not).

    `kinds` (if asked): resume_id -> "text", "pdf" or "docx"; the CSV does not say which resumes
    were drawn as files, the generator's rows do (`_source`). `more` (if `n_more` > 0): the rows of
    the `n_more` resumes the generator draws after the data file's, none of them in its validation
    or test split. The generator's first resumes are the same whatever the count, and they must be
    the data file's, or what its rows say would belong to other resumes. A "why not" is "" when
    the item is there and "not needed" when it was not asked for.
    """
    from resume_bert.preparation import clean_dataset

    if not kinds and n_more <= 0:
        return None, "not needed", None, "not needed"
    why = ""
    try:
        own, after = generator_rows(data_path, n_more)
    except GeneratorMismatch as err:
        why = str(err)
    except Exception as err:  # an older or newer generator: the recipes that need it are skipped, the rest still run
        why = f"the generator could not be rerun ({type(err).__name__}: {err})"
    kinds_note, more_note = (why if kinds else "not needed"), (why if n_more > 0 else "not needed")
    if why:
        return None, kinds_note, None, more_note
    kind_of = None
    if kinds and any("_source" not in r for r in own):
        kinds_note = "the generator's rows do not say which resumes were drawn as files (`_source`)"
    elif kinds:
        kind_of = {r["resume_id"]: r["_source"].split(":")[0] for r in own}
    more = clean_dataset(pd.DataFrame(after, columns=["text", "label", "resume_id"]))[0] if n_more > 0 else None
    return kind_of, kinds_note, more, more_note


class DataRecipeError(ValueError):
    """A recipe asks for training resumes the split does not have."""


def subsample_resumes(
    train: pd.DataFrame, recipe: Recipe, kinds: dict[str, str] | None, seed: int, more: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The training rows of `recipe.train_resumes` of the resumes, `recipe.rendered_share` of them rendered ones.

    Whole resumes are kept or dropped, in a seeded order; above 1, the first resumes of
    `more` (`generator_data`) are added. The validation split is left as it is.
    """
    ids = np.array(sorted(train["resume_id"].unique()))
    rng = np.random.default_rng(seed)
    n_keep = round(recipe.train_resumes * len(ids))
    if recipe.train_resumes > 1:
        n_more = n_keep - len(ids)
        more_ids = [] if more is None else list(dict.fromkeys(more["resume_id"]))
        if recipe.rendered_share is not None or n_more > len(more_ids):
            raise DataRecipeError(
                f"{recipe.train_resumes}x the training resumes needs {n_more} more generated resumes "
                f"(and no rendered share); there are {len(more_ids)}"
            )
        added = more[more["resume_id"].isin(set(more_ids[:n_more]))]
        return pd.concat([train, added], ignore_index=True)
    if recipe.rendered_share is None:
        keep = rng.permutation(ids)[:n_keep]
    else:
        if kinds is None:
            raise DataRecipeError("rendered_share needs each resume's kind (generator_data)")
        rendered = rng.permutation([i for i in ids if kinds[i] != "text"])
        plain = rng.permutation([i for i in ids if kinds[i] == "text"])
        n_rendered = round(recipe.rendered_share * n_keep)
        if n_rendered > len(rendered) or n_keep - n_rendered > len(plain):
            raise DataRecipeError(
                f"{n_keep} resumes with {recipe.rendered_share:.0%} rendered needs {n_rendered} rendered and "
                f"{n_keep - n_rendered} plain; the training split has {len(rendered)} and {len(plain)}"
            )
        keep = np.concatenate([rendered[:n_rendered], plain[: n_keep - n_rendered]])
    return train[train["resume_id"].isin(set(keep))].reset_index(drop=True)


def ordered_logits(
    model, dataset: ClassificationDataset, pad_token_id: int, device, batch_size: int = 64
) -> np.ndarray:
    """Logits for every item of `dataset`, in the dataset's order (the batches go longest first)."""
    batches = sorted_batches(dataset.lengths, batch_size)
    # A generator of its own: a DataLoader without one draws its seed from torch's global generator, which
    # would shift the dropout masks of the epochs after and part this loop from `train_classifier`'s.
    loader = torch.utils.data.DataLoader(
        dataset, batch_sampler=batches, collate_fn=DynamicPaddingCollator(pad_token_id), generator=torch.Generator()
    )
    logits, _ = predict_logits(model, loader, device)
    out = np.empty_like(logits)
    out[[i for batch in batches for i in batch]] = logits
    return out


@dataclass
class StudyData:
    """What every run shares: the splits, the dev part, the tokenised validation and dev sets."""

    train: pd.DataFrame
    val_dataset: ClassificationDataset
    dev_dataset: ClassificationDataset
    label_map: object
    tokenizer: object
    max_length: int
    kinds: dict[str, str] | None
    more: pd.DataFrame | None = None  # resumes beyond the data file, for recipes with train_resumes above 1


def train_and_score(recipe: Recipe, seed: int, data: StudyData, model_name_or_path: str, score_epoch) -> dict:
    """Train with `recipe` from `seed`; after every epoch call `score_epoch(val_logits, val_labels, dev_logits)`.

    Returns the run's record: its data, its per-epoch validation scores and whatever `score_epoch` returned.
    """
    from resume_bert.app.model_loading import freeze_lower_layers, load_model

    device = torch.device("cpu")
    start = time.perf_counter()
    train = subsample_resumes(data.train, recipe, data.kinds, seed, data.more)
    config = TrainingConfig(num_train_epochs=recipe.num_train_epochs, learning_rate=recipe.learning_rate, seed=seed)
    set_seed(seed)  # before the model: the new head is drawn from this seed, as in `resume-bert train`
    model, _ = load_model(model_name_or_path, data.label_map)
    set_dropout(model, recipe.dropout)
    if recipe.pooling == "mean":
        use_mean_pooling(model)
    freeze_lower_layers(model, recipe.freeze_layers)
    train_dataset = ClassificationDataset(
        train["text"].tolist(), data.label_map.encode(train["label"]), data.tokenizer, data.max_length
    )
    pad = data.tokenizer.pad_token_id or 0
    train_loader, val_loader = make_loaders(train_dataset, data.val_dataset, config, pad, device)
    optimizer = build_optimizer(model, config.learning_rate, config.weight_decay, device)
    if recipe.layer_decay != 1.0:
        optimizer = layer_decayed(optimizer, model, recipe.layer_decay)
    scheduler = build_scheduler(optimizer, config, len(train_loader.batch_sampler))
    if recipe.head_warmup:
        fit_head(model, train_dataset, pad, device, seed)
    if recipe.interpolation != 1.0:
        pretrained = {k: v.detach().clone() for k, v in model.state_dict().items()}
        encoder_prefix = model.base_model_prefix + "."
    epochs, average = [], None
    for epoch in range(config.num_train_epochs):
        began, began_cpu = time.perf_counter(), time.process_time()
        train_loader.batch_sampler.set_epoch(epoch)
        loss = train_one_epoch(
            model, train_loader, optimizer, scheduler, device, config.max_grad_norm, recipe.label_smoothing
        )
        trained = None
        if recipe.average_epochs or recipe.interpolation != 1.0:
            trained = scored = {k: v.detach().clone() for k, v in model.state_dict().items()}
            if recipe.average_epochs:
                average = scored = running_average(average, trained, epoch)
            if recipe.interpolation != 1.0:
                scored = interpolated(pretrained, scored, recipe.interpolation, encoder_prefix)
            model.load_state_dict(scored)
        val = validate(model, val_loader, device)
        val_logits, val_labels = predict_logits(model, val_loader, device)
        dev_logits = ordered_logits(model, data.dev_dataset, pad, device)
        if trained is not None:
            model.load_state_dict(trained)  # training goes on from its own weights, not the ones scored
        epochs.append(
            {
                "epoch": epoch + 1,
                "train_loss": round(loss, 5),
                **{k: round(v, 5) for k, v in val.items()},
                **score_epoch(val_logits, val_labels, dev_logits),
                "seconds": round(time.perf_counter() - began, 1),
                "cpu_seconds": round(time.process_time() - began_cpu, 1),  # all threads: the cost on a busy machine
            }
        )
        print(
            f"    epoch {epoch + 1}: loss {loss:.4f}, val macro-F1 {val['val_macro_f1']:.4f}, "
            f"dev accuracy {epochs[-1]['dev']['accuracy']:.4f}, mean of groups {epochs[-1]['dev']['group_mean']:.4f}, "
            f"{epochs[-1]['seconds']:.0f} s",
            flush=True,
        )
    return {
        "n_train": len(train),
        "n_train_resumes": int(train["resume_id"].nunique()),
        "train_tokens": int(sum(train_dataset.lengths)),
        "epochs": epochs,
        "seconds": round(time.perf_counter() - start, 1),
    }
