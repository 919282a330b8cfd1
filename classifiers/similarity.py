"""Near-duplicates and emerging issues from sentence embeddings (cosine similarity).

    near_duplicates(embeddings, ids, threshold=0.9, groups=None) -> [(id_a, id_b, similarity)]
    emerging_clusters(embeddings, ids, timestamps, window_days=7, min_size=5, threshold=0.6, now=None)
        -> [Cluster]

Embeddings are rows of a (n, d) array; they are L2-normalised here as well, so
any encoder's output works. Both functions are pure and deterministic.
"""
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

BLOCK = 1024  # rows compared at a time, so memory stays at BLOCK x n


def _unit_rows(embeddings):
    matrix = np.asarray(embeddings, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1) if matrix.size else matrix.reshape(0, 0)
    if matrix.ndim != 2:
        raise ValueError("embeddings must be a 2-D array (n texts x d dimensions)")
    matrix = np.nan_to_num(matrix, nan=0.0, posinf=0.0, neginf=0.0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _check_lengths(matrix, *columns):
    for column in columns:
        if column is not None and len(column) != len(matrix):
            raise ValueError("embeddings and ids (and groups/timestamps) must have the same length")


def near_duplicates(embeddings, ids, threshold=0.9, groups=None):
    """Pairs (id_a, id_b, similarity) with cosine similarity >= threshold.

    With `groups` (one key per id, e.g. the person's id), only items sharing a
    key are compared, and an item whose key is None is never paired. id_a is the
    earlier of the two in the input order. Sorted by similarity (highest first),
    then input order.
    """
    ids = list(ids)
    matrix = _unit_rows(embeddings)
    _check_lengths(matrix, ids, groups)
    if len(ids) < 2:
        return []
    if groups is not None:
        by_group = {}
        for index, key in enumerate(groups):
            if key is not None:
                by_group.setdefault(key, []).append(index)
        index_sets = [np.asarray(members) for members in by_group.values() if len(members) > 1]
    else:
        index_sets = [np.arange(len(ids))]
    found = []
    for members in index_sets:
        found.extend(_pairs_within(matrix, members, threshold))
    # Rounded before sorting: a matrix product's last bits depend on the block size, and
    # pairs that tie at the precision we report must keep input order whatever the blocks.
    found = sorted((-round(similarity, 4), a, b) for a, b, similarity in found)
    return [(ids[a], ids[b], -negative) for negative, a, b in found]


def _pairs_within(matrix, members, threshold):
    """(a, b, similarity) for a < b among `members` (input indexes) at or above threshold."""
    sub = matrix[members]
    pairs = []
    for start in range(0, len(members), BLOCK):
        block = sub[start:start + BLOCK] @ sub.T
        rows, cols = np.nonzero(block >= threshold - 1e-6)
        for r, c in zip(rows.tolist(), cols.tolist()):
            a, b = int(members[start + r]), int(members[c])
            if a < b:
                pairs.append((a, b, float(min(block[r, c], 1.0))))
    return pairs


@dataclass(frozen=True)
class Cluster:
    """Similar items seen in the window. The representative is the item most like the rest."""
    ids: tuple
    representative_id: object
    representative_index: int  # index into the input arrays
    size: int
    first_seen: object
    last_seen: object
    mean_similarity: float

    @property
    def centroid_index(self):
        return self.representative_index


def emerging_clusters(embeddings, ids, timestamps, *, window_days=7, min_size=5, threshold=0.6, now=None):
    """Groups of at least `min_size` similar items whose timestamps fall in the
    `window_days` before `now` (default: the latest timestamp given).

    Greedy and deterministic: the item with the most unassigned neighbours
    (similarity >= threshold) seeds a cluster of itself and those neighbours;
    repeat until no seed has enough. Every member is within `threshold` of the
    representative. Largest clusters first.
    """
    ids = list(ids)
    timestamps = list(timestamps)
    matrix = _unit_rows(embeddings)
    _check_lengths(matrix, ids, timestamps)
    if not ids or min_size < 1:
        return []
    known = [t for t in timestamps if t is not None]
    if not known:
        return []
    now = now if now is not None else max(known)
    start = now - timedelta(days=window_days)
    window = np.asarray([i for i, t in enumerate(timestamps) if t is not None and start <= t <= now], dtype=int)
    if len(window) < min_size:
        return []
    similar = (matrix[window] @ matrix[window].T) >= threshold - 1e-6
    unassigned = np.ones(len(window), dtype=bool)
    clusters = []
    while True:
        counts = (similar & unassigned[None, :]).sum(axis=1) * unassigned
        seed = int(np.argmax(counts))  # the first of equals, so ties go to input order
        if counts[seed] < min_size:
            break
        members = np.nonzero(similar[seed] & unassigned)[0]
        unassigned[members] = False
        clusters.append(_cluster(matrix, window[members], ids, timestamps))
    clusters.sort(key=lambda c: (-c.size, c.first_seen, c.representative_index))
    return clusters


def _cluster(matrix, indexes, ids, timestamps):
    indexes = sorted(int(i) for i in indexes)
    vectors = matrix[indexes]
    pairwise = vectors @ vectors.T
    centre = int(np.argmax(pairwise.sum(axis=1)))
    n = len(indexes)
    mean = float((pairwise.sum() - np.trace(pairwise)) / (n * (n - 1))) if n > 1 else 1.0
    seen = [timestamps[i] for i in indexes]
    return Cluster(ids=tuple(ids[i] for i in indexes), representative_id=ids[indexes[centre]],
                   representative_index=indexes[centre], size=n, first_seen=min(seen),
                   last_seen=max(seen), mean_similarity=round(mean, 4))
