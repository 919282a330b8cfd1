"""The encoder on ONNX Runtime (classifiers.fast_encoder), on the tiny random encoder: the
same embeddings as torch, one cached graph per weights and precision, and torch fp32 whenever
the fast path cannot be trusted."""
import logging
import os
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from classifiers import fast_encoder
from classifiers.encoder import load_encoder
from classifiers.settings import cache_setting

TEXTS = ["a much longer text about the potholes on the road by the school and the park, "
         "and the bins that were not collected for three weeks",
         "short", "", "medium text about bins", "thank you so much"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLASSIFIER_CACHE", str(folder))
    return folder


def graphs(folder):
    return sorted(p.name for p in Path(folder).glob("*.onnx"))


def test_onnx_gives_the_torch_embeddings_in_input_order(tiny_encoder_path, cache):
    encoder = load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    assert encoder.runs_as == "onnx"
    fast = encoder.encode(TEXTS, batch_size=2)
    reference = encoder.encode(TEXTS, precision="fp32", sort_by_length=False)
    assert fast.dtype == np.float32 and fast.shape == (len(TEXTS), encoder.dim)
    assert np.allclose(fast, reference, atol=1e-4)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, encoder.dim)


def test_loading_builds_the_graph_once_and_later_loads_reuse_it(tiny_encoder_path, cache, monkeypatch):
    load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    built = graphs(cache)
    assert len(built) == 1 and built[0].endswith("-onnx.onnx")

    def no_export(*args):
        raise AssertionError("exported again")

    monkeypatch.setattr(fast_encoder, "_export", no_export)
    again = load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    assert again.runs_as == "onnx" and graphs(cache) == built
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_int8_is_a_separate_graph_close_to_fp32(tiny_encoder_path, cache):
    encoder = load_encoder(tiny_encoder_path, verify=False, precision="int8")
    int8 = encoder.encode(TEXTS)
    reference = encoder.encode(TEXTS, precision="fp32")
    cosine = (int8 * reference).sum(axis=1)
    if encoder.runs_as == "int8":
        assert cosine.min() >= fast_encoder.PROBE_FLOOR["int8"] - 0.05
        assert any(name.endswith("-int8.onnx") for name in graphs(cache))
    else:  # the random tiny model may stray past the probe's floor: then it is torch fp32
        assert np.allclose(int8, reference, atol=1e-6)


def test_a_graph_that_strays_from_torch_is_not_used(tiny_encoder_path, cache, monkeypatch, caplog):
    monkeypatch.setitem(fast_encoder.PROBE_FLOOR, "onnx", 1.01)  # nothing can pass
    with caplog.at_level(logging.WARNING, logger="classifiers.encoder"):
        encoder = load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    assert encoder.runs_as == "fp32"
    assert "running on torch fp32" in caplog.text and "stray" in caplog.text
    assert np.array_equal(encoder.encode(TEXTS), encoder.encode(TEXTS, precision="fp32"))


def test_without_onnxruntime_the_encoder_runs_on_torch(tiny_encoder_path, cache, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails
    with caplog.at_level(logging.WARNING, logger="classifiers.encoder"):
        encoder = load_encoder(tiny_encoder_path, verify=False, precision="int8")
    assert encoder.runs_as == "fp32" and "onnxruntime is not installed" in caplog.text
    assert encoder.encode(TEXTS).shape == (len(TEXTS), encoder.dim)
    assert graphs(cache) == []


def test_a_failed_export_falls_back_and_leaves_nothing_behind(tiny_encoder_path, cache, monkeypatch):
    def broken(encoder, out):
        Path(out).write_bytes(b"half a graph")
        raise RuntimeError("exporter crashed")

    monkeypatch.setattr(fast_encoder, "_export", broken)
    encoder = load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    assert encoder.runs_as == "fp32"
    assert list(cache.iterdir()) == []


def test_a_corrupt_cached_graph_is_built_again(tiny_encoder_path, cache):
    load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    (path,) = cache.glob("*.onnx")
    path.write_bytes(b"\x00" * 100)  # truncated by a full disk, say
    encoder = load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    assert encoder.runs_as == "onnx" and path.stat().st_size > 100
    assert np.allclose(encoder.encode(TEXTS), encoder.encode(TEXTS, precision="fp32"), atol=1e-4)


def test_a_fine_tuned_encoder_gets_its_own_graph(tiny_encoder_path, cache):
    from classifiers.tuning import fine_tune, tuned_encoder

    base = load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    texts = ["the bins were late", "thank you, lovely staff", "rude and slow", "great help"] * 4
    adapter = fine_tune(base, texts, [0, 1, 0, 1] * 4, n_outputs=2, multi_label=False,
                        config={"epochs": 1, "batch_size": 8})
    tuned = tuned_encoder(base, adapter)
    assert tuned.runs_as == "onnx" and len(graphs(cache)) == 2
    fast = tuned.encode(TEXTS)
    assert np.allclose(fast, tuned.encode(TEXTS, precision="fp32"), atol=1e-4)
    assert not np.allclose(fast, base.encode(TEXTS), atol=1e-3)  # the adapter is in the graph


def test_the_cache_keeps_the_most_recently_used_graphs(tiny_encoder_path, cache, monkeypatch):
    monkeypatch.setattr(fast_encoder, "CACHE_KEEP", 2)
    old = cache / "encoder-0000-onnx.onnx"
    cache.mkdir()
    old.write_bytes(b"a graph nobody has used for a long time")
    os.utime(old, (1, 1))
    load_encoder(tiny_encoder_path, verify=False, precision="int8")
    assert len(graphs(cache)) == 2  # within the limit: nothing removed
    int8 = graphs(cache)[0] if graphs(cache)[0] != old.name else graphs(cache)[1]
    load_encoder(tiny_encoder_path, verify=False, precision="onnx")
    assert not old.exists() and len(graphs(cache)) == 2 and int8 in graphs(cache)


def test_two_threads_loading_at_once_share_one_graph(tiny_encoder_path, cache):
    encoders, errors = [], []

    def load():
        try:
            encoders.append(load_encoder(tiny_encoder_path, verify=False, precision="onnx"))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and [e.runs_as for e in encoders] == ["onnx", "onnx"]
    assert len(graphs(cache)) == 1


def test_the_cache_folder_setting(tmp_path):
    assert cache_setting({"CLASSIFIER_CACHE": str(tmp_path)}) == tmp_path
    assert cache_setting({"HEARD_INSTANCE_PATH": str(tmp_path)}) == tmp_path / "classifier-cache"
    assert cache_setting({}).parts[-2:] == ("instance", "classifier-cache")
