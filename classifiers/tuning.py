"""Fine-tuning the encoder on labelled texts with LoRA adapters, on the CPU, reproducibly.

A LoRA adapter adds a small trainable low-rank update (B·A, rank r) beside each chosen linear
layer of the frozen encoder; training moves only the adapters and a classification head, so a
fine-tuned version stores a few hundred kilobytes instead of the whole encoder, and merging
B·A into the weights at load time gives a plain encoder that runs exactly as fast as the
original (and takes the same int8/bf16 acceleration).

    adapter = fine_tune(encoder, texts, targets, n_outputs=3)           # single-label
    adapter = fine_tune(encoder, texts, label_sets, n_outputs=12, multi_label=True)
    tuned = tuned_encoder(encoder, adapter)                             # an Encoder
    tuned.encode(["..."])

Training is seeded (torch, the batch order and the adapters' initial values), so the same data,
encoder and config give the same adapter. torch is imported inside functions: the web process
never loads it.
"""
import copy
import hashlib
import io
import json
import logging
import threading
import time

import numpy as np

log = logging.getLogger(__name__)

FORMAT = "heard-lora/1"
DEFAULTS = {
    "rank": 8, "alpha": 16, "dropout": 0.1,
    "targets": ["attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense", "intermediate.dense", "output.dense"],
    "epochs": 3, "batch_size": 16, "lr": 1e-3, "weight_decay": 0.01, "warmup": 0.1,
    "max_tokens": 128, "scale": 20.0, "seed": 0, "balanced": True, "max_seconds": 1500,
}
_cache_lock = threading.Lock()
_tuned_cache = {}  # (base version, adapter digest) -> tuned Encoder
CACHE_SIZE = 4


class Adapter:
    """Trained LoRA weights: {layer name: (A (r, in), B (out, r))} and the config."""

    def __init__(self, weights, config, meta=None):
        self.weights = weights
        self.config = {**DEFAULTS, **(config or {})}
        self.meta = dict(meta or {})

    @property
    def digest(self):
        digest = hashlib.sha256(json.dumps(self.config, sort_keys=True).encode())
        for name in sorted(self.weights):
            a, b = self.weights[name]
            digest.update(name.encode() + np.asarray(a, np.float32).tobytes()
                          + np.asarray(b, np.float32).tobytes())
        return digest.hexdigest()

    @property
    def scaling(self):
        return float(self.config["alpha"]) / float(self.config["rank"])

    def merge_into(self, model):
        """Add scaling·B·A to each adapted layer's weight of `model` (in place)."""
        import torch

        modules = dict(model.named_modules())
        with torch.no_grad():
            for name, (a, b) in self.weights.items():
                layer = modules[name]
                delta = torch.from_numpy(np.asarray(b, np.float32) @ np.asarray(a, np.float32))
                layer.weight += self.scaling * delta.to(layer.weight.dtype)
        return model

    def to_arrays(self, prefix="lora"):
        names = sorted(self.weights)
        header = {"format": FORMAT, "names": names, "config": self.config, "meta": self.meta}
        arrays = {f"{prefix}_header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)}
        for i, name in enumerate(names):
            arrays[f"{prefix}_a{i}"] = np.asarray(self.weights[name][0], np.float32)
            arrays[f"{prefix}_b{i}"] = np.asarray(self.weights[name][1], np.float32)
        return arrays

    @classmethod
    def from_arrays(cls, arrays, prefix="lora"):
        header = json.loads(bytes(arrays[f"{prefix}_header"]).decode("utf-8"))
        if header.get("format") != FORMAT:
            raise ValueError("not a Heard LoRA adapter")
        weights = {name: (arrays[f"{prefix}_a{i}"], arrays[f"{prefix}_b{i}"])
                   for i, name in enumerate(header["names"])}
        return cls(weights, header["config"], header.get("meta"))

    def to_bytes(self):
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **self.to_arrays())
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data):
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            return cls.from_arrays({name: archive[name] for name in archive.files})


def _lora_layer_class():
    import torch

    class LoRALinear(torch.nn.Module):
        """A frozen linear layer plus a trainable low-rank update."""

        def __init__(self, base, rank, alpha, dropout, generator):
            super().__init__()
            self.base = base
            self.scaling = alpha / rank
            self.dropout = torch.nn.Dropout(dropout)
            bound = 1.0 / np.sqrt(base.in_features)
            a = (torch.rand((rank, base.in_features), generator=generator) * 2 - 1) * bound
            self.lora_a = torch.nn.Parameter(a)
            self.lora_b = torch.nn.Parameter(torch.zeros((base.out_features, rank)))

        def forward(self, x):
            update = self.dropout(x) @ self.lora_a.T @ self.lora_b.T
            return self.base(x) + self.scaling * update

    return LoRALinear


def _inject(model, config, generator):
    """Replace the target linear layers of `model` with LoRA layers; returns {name: layer}."""
    import torch

    layer_class = _lora_layer_class()
    wanted = tuple(config["targets"])
    names = [name for name, module in model.named_modules()
             if isinstance(module, torch.nn.Linear) and name.endswith(wanted)]
    # "output.dense" matches the attention's and the feed-forward block's: both are targets.
    injected = {}
    for name in names:
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name)
        layer = layer_class(getattr(parent, child), config["rank"], config["alpha"],
                            config["dropout"], generator)
        setattr(parent, child, layer)
        injected[name] = layer
    if not injected:
        raise ValueError("the encoder has none of the layers to adapt")
    return injected


def _batches(lengths, batch_size, rng):
    """Index batches of similar length (little padding), in a seeded random order."""
    order = rng.permutation(len(lengths))
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        block = sorted(order[start:start + chunk], key=lambda i: lengths[i])
        batches += [block[i:i + batch_size] for i in range(0, len(block), batch_size)]
    rng.shuffle(batches)
    return batches


def _targets_tensor(targets, n_outputs, multi_label):
    import torch

    if multi_label:
        matrix = torch.zeros((len(targets), n_outputs))
        for row, indices in enumerate(targets):
            for index in indices:
                matrix[row, int(index)] = 1.0
        return matrix
    return torch.tensor([int(t) for t in targets], dtype=torch.long)


def _loss_function(targets, n_outputs, multi_label, balanced):
    import torch

    if multi_label:
        positives = targets.sum(0)
        weight = ((len(targets) - positives) / positives.clamp(min=1)).clamp(max=10.0) if balanced else None
        return torch.nn.BCEWithLogitsLoss(pos_weight=weight)
    counts = torch.bincount(targets, minlength=n_outputs).float()
    weight = (counts.sum() / (n_outputs * counts.clamp(min=1))) if balanced else None
    if weight is not None:
        weight[counts == 0] = 0.0
    return torch.nn.CrossEntropyLoss(weight=weight)


def fine_tune(encoder, texts, targets, n_outputs, multi_label=False, config=None, sample_weights=None):
    """Fine-tune LoRA adapters (and a throw-away linear head) on `texts`.

    `targets`: a class index per text (single-label) or a list of indices per text
    (multi-label). Returns an Adapter; its meta has the rows, epochs, seconds and final loss."""
    import torch

    config = {**DEFAULTS, **(config or {})}
    if len(texts) != len(targets) or not texts:
        raise ValueError("fine-tuning needs labelled texts")
    started = time.perf_counter()
    torch.manual_seed(config["seed"])
    generator = torch.Generator().manual_seed(config["seed"])
    model = copy.deepcopy(encoder.model)
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    layers = _inject(model, config, generator)
    head = torch.nn.Linear(encoder.dim, n_outputs)
    torch.nn.init.normal_(head.weight, std=0.02, generator=generator)
    torch.nn.init.zeros_(head.bias)
    trainable = [p for layer in layers.values() for p in (layer.lora_a, layer.lora_b)] + list(head.parameters())
    ids = encoder.tokenizer([str(t) for t in texts], truncation=True, max_length=int(config["max_tokens"]),
                            padding=False, return_attention_mask=False,
                            return_token_type_ids=False)["input_ids"]
    y = _targets_tensor(targets, n_outputs, multi_label)
    loss_function = _loss_function(y, n_outputs, multi_label, config["balanced"])
    weights = None if sample_weights is None else torch.tensor(sample_weights, dtype=torch.float32)
    rng = np.random.default_rng(config["seed"])
    steps = int(config["epochs"]) * int(np.ceil(len(ids) / config["batch_size"]))
    optimiser = torch.optim.AdamW(trainable, lr=config["lr"], weight_decay=config["weight_decay"])
    warmup = max(1, int(steps * config["warmup"]))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / max(1, steps - warmup))))
    model.train()
    losses, step, stopped = [], 0, False
    for epoch in range(int(config["epochs"])):
        for batch in _batches([len(x) for x in ids], int(config["batch_size"]), rng):
            pooled = _pool(model, [ids[i] for i in batch], encoder.pad_id)
            logits = head(torch.nn.functional.normalize(pooled, dim=1) * config["scale"])
            loss = _batch_loss(loss_function, logits, y[batch], None if weights is None else weights[batch],
                               multi_label)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            losses.append(loss.item())
            step += 1
            if step % 50 == 0:
                log.info("fine-tuning: step %d of %d, loss %.4f, %.0f s", step, steps,
                         float(np.mean(losses[-50:])), time.perf_counter() - started)
            if time.perf_counter() - started > config["max_seconds"]:
                stopped = True
                break
        if stopped:
            log.warning("fine-tuning stopped after %d of %d steps: time limit", step, steps)
            break
    model.eval()
    adapter_weights = {name: (layer.lora_a.detach().numpy().copy(), layer.lora_b.detach().numpy().copy())
                       for name, layer in layers.items()}
    meta = {"rows": len(texts), "epochs": int(config["epochs"]), "steps": step, "planned_steps": steps,
            "seconds": round(time.perf_counter() - started, 1), "encoder": getattr(encoder, "version", ""),
            "final_loss": round(float(np.mean(losses[-20:])), 4) if losses else None,
            "stopped_early": stopped}
    return Adapter(adapter_weights, config, meta)


def _batch_loss(loss_function, logits, targets, weights, multi_label):
    if weights is None:
        return loss_function(logits, targets)
    import torch

    reduction = loss_function.reduction
    loss_function.reduction = "none"
    try:
        each = loss_function(logits, targets)
    finally:
        loss_function.reduction = reduction
    if multi_label:
        each = each.mean(dim=1)
    return (each * weights).sum() / torch.clamp(weights.sum(), min=1e-9)


def _pool(model, batch_ids, pad_id):
    import torch

    from classifiers.encoder import last_hidden, mean_pool, padded

    input_ids, mask = (torch.from_numpy(a) for a in padded(batch_ids, pad_id))
    return mean_pool(last_hidden(model, input_ids, mask), mask)


def tuned_encoder(base, adapter):
    """The base encoder with the adapter merged in (cached per process): an Encoder with the
    same tokenizer, precision and API, and a version naming the adapter."""
    from classifiers.encoder import Encoder

    key = (base.version, base.precision, adapter.digest)
    with _cache_lock:
        if key in _tuned_cache:
            return _tuned_cache[key]
    model = adapter.merge_into(copy.deepcopy(base.model))
    model.eval()
    tuned = Encoder(base.tokenizer, model, version=f"{base.version}+lora-{adapter.digest[:8]}",
                    precision=base.precision, max_tokens=base.max_tokens,
                    fingerprint=f"{base.fingerprint}+lora-{adapter.digest}").prepare()
    with _cache_lock:
        while len(_tuned_cache) >= CACHE_SIZE:
            _tuned_cache.pop(next(iter(_tuned_cache)))
        _tuned_cache[key] = tuned
    return tuned
