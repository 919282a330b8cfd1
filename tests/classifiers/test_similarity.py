"""Near-duplicates and emerging clusters on synthetic embeddings (and the tiny encoder)."""
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from classifiers.similarity import Cluster, emerging_clusters, near_duplicates

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)


def around(direction, n, noise, seed):
    """n unit vectors scattered around `direction`."""
    rng = np.random.default_rng(seed)
    rows = np.asarray(direction, dtype=np.float32) + noise * rng.standard_normal((n, len(direction)))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def basis(i, d=16):
    vector = np.zeros(d, dtype=np.float32)
    vector[i] = 1.0
    return vector


def test_near_duplicates_finds_close_pairs_only():
    embeddings = np.stack([basis(0), basis(0) + 0.05 * basis(1), basis(2), basis(3), basis(3) * 5])
    pairs = near_duplicates(embeddings, ["a", "b", "c", "d", "e"], threshold=0.9)
    assert [(a, b) for a, b, _ in pairs] == [("d", "e"), ("a", "b")]
    assert pairs[0][2] == pytest.approx(1.0) and 0.9 <= pairs[1][2] < 1.0


def test_near_duplicates_respects_groups():
    embeddings = np.stack([basis(0), basis(0), basis(0), basis(0)])
    pairs = near_duplicates(embeddings, [1, 2, 3, 4], groups=["p1", "p2", "p1", None])
    assert pairs == [(1, 3, 1.0)]


def test_near_duplicates_edge_cases():
    assert near_duplicates(np.zeros((0, 4)), []) == []
    assert near_duplicates(np.ones((1, 4)), ["only"]) == []
    assert near_duplicates(np.zeros((2, 4)), ["a", "b"]) == []  # zero vectors match nothing
    with pytest.raises(ValueError):
        near_duplicates(np.ones((2, 4)), ["a"])


def test_near_duplicates_is_deterministic_and_blocked(monkeypatch):
    from classifiers import similarity

    embeddings = around(basis(0), 40, 0.05, seed=1)
    expected = near_duplicates(embeddings, list(range(40)), threshold=0.95)
    monkeypatch.setattr(similarity, "BLOCK", 7)
    assert near_duplicates(embeddings, list(range(40)), threshold=0.95) == expected
    assert all(a < b for a, b, _ in expected)


def test_emerging_cluster_of_five_similar_items_in_the_window():
    flood = around(basis(0), 6, 0.1, seed=2)
    others = np.stack([basis(i) for i in range(2, 10)])
    embeddings = np.vstack([flood, others])
    ids = [f"flood{i}" for i in range(6)] + [f"other{i}" for i in range(8)]
    times = [NOW - timedelta(days=i) for i in range(6)] + [NOW - timedelta(hours=i) for i in range(8)]
    clusters = emerging_clusters(embeddings, ids, times, now=NOW)
    assert len(clusters) == 1
    cluster = clusters[0]
    assert isinstance(cluster, Cluster)
    assert set(cluster.ids) == set(ids[:6]) and cluster.size == 6
    assert cluster.representative_id in cluster.ids
    assert cluster.representative_id == ids[cluster.centroid_index]
    assert cluster.first_seen == NOW - timedelta(days=5) and cluster.last_seen == NOW
    assert cluster.mean_similarity >= 0.6


def test_items_outside_the_window_do_not_count():
    embeddings = around(basis(0), 6, 0.05, seed=3)
    times = [NOW - timedelta(days=d) for d in (0, 1, 2, 3, 20, 30)]
    assert emerging_clusters(embeddings, list("abcdef"), times, now=NOW) == []
    assert emerging_clusters(embeddings, list("abcdef"), times, now=NOW, window_days=31)[0].size == 6
    assert emerging_clusters(embeddings, list("abcdef"), times, now=NOW, min_size=4)[0].ids == tuple("abcd")


def test_two_separate_issues_make_two_clusters_largest_first():
    embeddings = np.vstack([around(basis(0), 5, 0.05, seed=4), around(basis(1), 7, 0.05, seed=5)])
    ids = list(range(12))
    times = [NOW - timedelta(hours=i) for i in ids]
    clusters = emerging_clusters(embeddings, ids, times, now=NOW)
    assert [c.ids for c in clusters] == [tuple(range(5, 12)), tuple(range(5))]
    again = emerging_clusters(embeddings[::-1].copy(), ids[::-1], times[::-1], now=NOW)
    assert [set(c.ids) for c in again] == [set(c.ids) for c in clusters]


def test_default_now_is_the_latest_timestamp_and_none_timestamps_are_skipped():
    embeddings = around(basis(0), 6, 0.05, seed=6)
    times = [NOW - timedelta(days=i) for i in range(5)] + [None]
    clusters = emerging_clusters(embeddings, list(range(6)), times)
    assert clusters[0].ids == (0, 1, 2, 3, 4)
    assert emerging_clusters(embeddings, list(range(6)), [None] * 6) == []
    assert emerging_clusters(np.zeros((0, 3)), [], []) == []


def test_with_the_tiny_encoder_if_available(tmp_path):
    testing = pytest.importorskip("classifiers.testing")
    encoder_module = pytest.importorskip("classifiers.encoder")
    encoder = encoder_module.load_encoder(testing.build_tiny_encoder(tmp_path / "tiny"), verify=False)
    texts = ["green bin missed again", "green bin missed again", "lovely staff at the library"]
    embeddings = encoder.encode(texts)
    pairs = near_duplicates(embeddings, ["a", "b", "c"], threshold=0.99)
    assert ("a", "b") in [(a, b) for a, b, _ in pairs]
    clusters = emerging_clusters(np.vstack([embeddings[:1]] * 5), list("vwxyz"), [NOW] * 5, now=NOW)
    assert clusters and clusters[0].size == 5
