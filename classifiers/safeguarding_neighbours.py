"""Evidence from the nearest labelled examples, for the safeguarding head.

A text's closeness to the risks and to the ordinary messages the head was trained on, in the
encoder's space: for its K nearest risk rows and its K nearest ordinary rows, the mean cosine
similarity of each, and the difference. The head weighs these three numbers beside the text's
embedding, so an ordinary complaint that sits among ordinary complaints ("my elderly mum's bin
was missed") is pulled down even when it shares risky words, and a risk said in a new way can
still sit nearest to other risks.

Honest features while training: a training row's neighbours are never from its own source
(each writer's or each writing round's rows), as a new council's text will have no
near-twin written by the same hand. The shipped head keeps its training rows' embeddings
(float16) as the reference for new texts.
"""
import numpy as np

K = 3
N_FEATURES = 3  # mean similarity to the K nearest risks, to the K nearest ordinary rows, their difference


def evidence(vectors, reference, labels, k=None):
    """(len(vectors), 3): per vector, the nearest-risk mean, the nearest-ordinary mean and the
    difference. `reference` holds L2-normalised rows, `labels` 1 (risk) or 0 for each."""
    k = k or K
    vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, np.asarray(reference).shape[1])
    reference, labels = np.asarray(reference, dtype=np.float32), np.asarray(labels)
    sims = vectors @ reference.T
    out = np.zeros((len(vectors), N_FEATURES), dtype=np.float32)
    for column, label in ((0, 1), (1, 0)):
        chosen = sims[:, labels == label]
        if chosen.shape[1]:
            top = min(k, chosen.shape[1])
            out[:, column] = np.sort(chosen, axis=1)[:, -top:].mean(axis=1)
    out[:, 2] = out[:, 0] - out[:, 1]
    return out


def text_evidence(embedding, reference, labels):
    """(3,): the whole text's evidence. Its lone sentences are left out: a stock sentence ("I
    want someone to ring me back this time") sits as close to the risks, which end the same way,
    as to ordinary rows, and its best match lifted whole complaints. Each window of two
    sentences gets its own evidence when the head scores it (SafeguardingHead.unit_features)."""
    return evidence(np.asarray(embedding, dtype=np.float32).reshape(1, -1), reference, labels)[0]


def blocks(rows, embeddings, windows, y, reference_rows):
    """For the texts `rows`, their evidence against the texts `reference_rows`: (whole-text
    rows (len(rows), 3), [each text's windows' rows, or None])."""
    reference, labels = embeddings[reference_rows], np.asarray(y)[reference_rows]
    whole = np.array([text_evidence(embeddings[i], reference, labels) for i in rows],
                     dtype=np.float32).reshape(len(rows), N_FEATURES)
    per_window = [None if windows[i] is None else evidence(windows[i], reference, labels) for i in rows]
    return whole, per_window


def grouped_blocks(rows, embeddings, windows, y, groups):
    """blocks() for training rows, each against the other rows of `rows` from other groups."""
    rows, groups = np.asarray(rows), np.asarray(groups)
    whole = np.zeros((len(rows), N_FEATURES), dtype=np.float32)
    per_window = [None] * len(rows)
    for name in sorted(set(groups[rows])):
        mine = np.flatnonzero(groups[rows] == name)
        found, found_windows = blocks(rows[mine], embeddings, windows, y, rows[groups[rows] != name])
        whole[mine] = found
        for at, block in zip(mine, found_windows):
            per_window[at] = block
    return whole, per_window
