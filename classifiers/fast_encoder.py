"""The encoder on ONNX Runtime: the same transformer, pooling and normalisation, exported once
and run without torch's per-operator overhead; "int8" also quantises its matrix weights.

`backend_for(encoder, precision)` returns an `OnnxBackend`, or raises `AccelerationUnavailable`
(onnxruntime missing, export failed, or the result strays from the torch pass), and the
encoder then runs on torch in fp32.

The exported graph is cached on disk (CLASSIFIER_CACHE), one file per encoder fingerprint and
precision. The fingerprint names the weights' SHA-256 (and a fine-tuned one's adapter digest),
so a changed model never meets a stale graph. Files are written under a temporary
name and renamed, so two processes building the same graph at once cannot corrupt it.

Before a backend is used, a fixed set of probe sentences is embedded both ways: each must
point the same way as the torch fp32 embedding (cosine ≥ PROBE_FLOOR[precision]).
"""
import hashlib
import logging
import os
import tempfile
import threading
from pathlib import Path

import numpy as np

from classifiers.encoder import last_hidden, mean_pool, padded
from classifiers.settings import cache_setting

log = logging.getLogger(__name__)

FORMAT = "heard-onnx/1"  # bump when the export or quantisation recipe changes
OPSET = 17
CACHE_KEEP = 12  # graphs kept in the cache folder, most recently used first (~60 MB each at int8)
# Measured with all-MiniLM-L6-v2 on 900 NHS comments: per-channel int8 gave cosine mean 0.988,
# min 0.955 against fp32; ONNX fp32 gave 1.0000.
PROBE_FLOOR = {"onnx": 0.999, "int8": 0.93}
PROBE_TEXTS = (
    "The bin men missed our street again and nobody answered the phone.",
    "Thank you to the library staff, who were kind and patient with my father.",
    "Pothole on Mill Lane",
    "I waited six weeks for a repair to the boiler; the contractor never came, but the "
    "officer who finally rang me was helpful and apologised for the delay.",
    "ok",
    "Parking permits: the online form timed out three times before it took my payment.",
)


class AccelerationUnavailable(RuntimeError):
    """ONNX Runtime cannot run this encoder faithfully here; use torch."""


class OnnxBackend:
    """Runs token-id batches through an ONNX Runtime session; returns normalised embeddings."""

    def __init__(self, session, path, precision):
        self.session = session
        self.path = path
        self.precision = precision

    def __repr__(self):
        return f"<OnnxBackend {self.precision} {Path(self.path).name}>"

    def embed(self, batch_ids, pad_id):
        input_ids, mask = padded(batch_ids, pad_id)
        return self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]


_lock = threading.Lock()


def backend_for(encoder, precision, cache_dir=None):
    """An ONNX Runtime backend for `encoder` at `precision` ("onnx" or "int8")."""
    if precision not in PROBE_FLOOR:
        raise ValueError(f"no ONNX backend for precision {precision!r}")
    try:
        import onnxruntime  # noqa: F401
    except ImportError as error:
        raise AccelerationUnavailable("onnxruntime is not installed") from error
    path = graph_path(encoder, precision, cache_dir)
    with _lock:  # one build per process at a time; other processes are safe by the rename
        if not path.exists():
            _build(encoder, precision, path)
        try:
            session = _session(path)
        except AccelerationUnavailable:  # a truncated or foreign file: build it again, once
            _build(encoder, precision, path)
            session = _session(path)
        _touch(path)
    backend = OnnxBackend(session, path, precision)
    _probe(encoder, backend)
    return backend


def graph_path(encoder, precision, cache_dir=None):
    import onnxruntime
    import torch

    key = "|".join((FORMAT, encoder.fingerprint, precision, str(encoder.max_tokens),
                    torch.__version__, onnxruntime.__version__))
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return Path(cache_dir or cache_setting()) / f"encoder-{name}-{precision}.onnx"


def _build(encoder, precision, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, raw = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=".onnx")
    os.close(handle)
    quantised = raw.replace(".export-", ".int8-")
    try:
        _export(encoder, raw)
        if precision == "int8":
            _quantise(raw, quantised)
            os.replace(quantised, path)
        else:
            os.replace(raw, path)
    except Exception as error:  # the exporter's and quantiser's failures vary by version
        raise AccelerationUnavailable(f"could not build the {precision} graph: "
                                      f"{type(error).__name__}: {str(error)[:200]}") from error
    finally:
        for leftover in (raw, quantised):
            if os.path.exists(leftover):
                os.remove(leftover)
    log.info("encoder %s: built its %s ONNX graph (%s)", encoder.version, precision, path.name)
    _prune(path.parent, keep=path)


def _touch(path):
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(folder, keep):
    """Keep the CACHE_KEEP most recently used graphs (each challenger the learning loop trains
    brings one): an older one is rebuilt if it is ever wanted again. A process using a removed
    file is unaffected: ONNX Runtime read it whole when it opened it."""
    graphs = sorted(folder.glob("encoder-*.onnx"), key=_used_at, reverse=True)
    for old in [g for g in graphs if g != keep][CACHE_KEEP - 1:]:
        old.unlink(missing_ok=True)


def _used_at(path):
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _export(encoder, out):
    """Export transformer + mean pooling + L2 normalisation as one graph, with eager attention
    (plain MatMul and Softmax: the quantiser and every ONNX Runtime build understand it)."""
    import copy
    import warnings

    import torch

    model = copy.deepcopy(encoder.model)
    model.set_attn_implementation("eager")
    module = _pooled(model).eval()
    ids = torch.ones((2, 7), dtype=torch.long)
    with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, (ids, torch.ones_like(ids)), out,
                          input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"},
                                        "embedding": {0: "batch"}},
                          opset_version=OPSET, dynamo=False)


def _quantise(source, out):
    """Dynamic int8: MatMul weights quantised per output channel, activations at run time.
    Per-channel kept the embeddings' cosine to fp32 at 0.99 (per-tensor: 0.94)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    root.addFilter(_quiet_quantiser)
    try:
        quantize_dynamic(source, out, weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"])
    finally:
        root.removeFilter(_quiet_quantiser)


def _quiet_quantiser(record):
    """The quantiser advises (on the root logger) a pre-processing step for static image
    models; it does not apply to dynamic quantisation of a text encoder."""
    return not str(record.msg).startswith("Please consider to run pre-processing")


def _session(path):
    import onnxruntime as ort
    import torch

    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, torch.get_num_threads())
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # Idle threads sleep rather than spin: on shared cores spinning starves other processes
    # (the same reason classifiers sets OMP_WAIT_POLICY=PASSIVE for torch).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # a truncated or foreign file
        Path(path).unlink(missing_ok=True)
        raise AccelerationUnavailable(f"cannot open {Path(path).name}: {type(error).__name__}") from error


def _probe(encoder, backend):
    ids = encoder.tokenize(PROBE_TEXTS)
    reference = encoder.embed_torch(ids, "fp32")
    fast = backend.embed(ids, encoder.pad_id)
    cosine = (reference * fast).sum(axis=1)
    if not np.all(np.isfinite(cosine)) or float(cosine.min()) < PROBE_FLOOR[backend.precision]:
        raise AccelerationUnavailable(
            f"{backend.precision} embeddings stray from fp32 (cosine min {float(np.nanmin(cosine)):.3f})")


def _pooled(model):
    """The model with mean pooling and L2 normalisation on top, as one torch module."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            pooled = mean_pool(last_hidden(self.inner, input_ids, attention_mask), attention_mask)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return Pooled(model)
