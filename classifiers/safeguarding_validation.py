"""How the safeguarding head's thresholds are chosen from held-out scores, and the figures kept.

Every training row is scored by a head that never saw its source (cross-validation grouped by
source: each writer's or each writing round's rows held out in turn), or, with one source, by
stratified k-fold. From those scores:

- the default threshold is the highest at which recall on the unseen sources is at least
  DEFAULT_RECALL pooled over the rows and on average over the sources (so one large, easy
  source cannot carry the rest) and at least SOURCE_RECALL on every source; when reaching
  every source would cost more than FPR_BUDGET false positives (pooled), it is the lowest
  threshold within that budget, but never above the threshold that meets the pooled and
  average recall;
- the ceiling, which a council's calibrated threshold may never pass, is the highest at which
  pooled and average recall are still CEILING_RECALL.

The budget is below the 0.15 goal because fresh writing has run about 0.05 above its
cross-validated false-positive rate (MODEL_CARD.md).
"""
import math

import numpy as np

DEFAULT_RECALL = 0.98
SOURCE_RECALL = 0.97
FPR_BUDGET = 0.10
CEILING_RECALL = 0.95
FIRM_FACTOR = 0.5


def flagged_at(scores, firm, threshold):
    """Flag at `threshold`, or at FIRM_FACTOR of it with firm pattern evidence."""
    scores, firm = np.asarray(scores), np.asarray(firm, dtype=bool)
    return (scores >= threshold) | (firm & (scores >= threshold * FIRM_FACTOR))


def _source_recalls(flagged, y, groups, names):
    return [flagged[(groups == g) & (y == 1)].mean() for g in names]


def _candidates(scores):
    return sorted(set(np.round(np.asarray(scores), 3)) | {0.0}, reverse=True)


def threshold_at_recall(scores, firm, y, recall, groups=None, each=None):
    """The highest threshold at which the rule flags at least `recall` of the risky rows and,
    with `groups` (each row's source), at least `recall` on average over the sources and, with
    `each`, at least `each` on every source."""
    y = np.asarray(y)
    groups = None if groups is None else np.asarray(groups)
    names = [] if groups is None else [g for g in sorted(set(groups)) if (y[groups == g] == 1).any()]
    for candidate in _candidates(scores):
        flagged = flagged_at(scores, firm, candidate)
        if flagged[y == 1].mean() < recall:
            continue
        per_source = _source_recalls(flagged, y, groups, names) if names else []
        if per_source and np.mean(per_source) < recall:
            continue
        if each is not None and per_source and min(per_source) < each:
            continue
        return float(candidate)
    return 0.0


def false_positive_rate(scores, firm, y, threshold):
    y = np.asarray(y)
    return float(flagged_at(scores, firm, threshold)[y == 0].mean()) if (y == 0).any() else 0.0


def choose_threshold(scores, firm, y, groups=None):
    """The default threshold (see the module's docstring), rounded down to 3 places."""
    base = threshold_at_recall(scores, firm, y, DEFAULT_RECALL, groups)
    if groups is None:
        return floor(base)
    every = threshold_at_recall(scores, firm, y, DEFAULT_RECALL, groups, each=SOURCE_RECALL)
    if false_positive_rate(scores, firm, y, every) <= FPR_BUDGET:
        return floor(every)
    within = [t for t in _candidates(scores)
              if every <= t <= base and false_positive_rate(scores, firm, y, t) <= FPR_BUDGET]
    return floor(min(within) if within else base)


def choose_ceiling(scores, firm, y, groups, threshold):
    return max(threshold, floor(threshold_at_recall(scores, firm, y, CEILING_RECALL, groups)))


def floor(value, places=3):
    """Rounded down, so the threshold never passes the score it was chosen at."""
    return math.floor(value * 10 ** places) / 10 ** places


def rates(scores, firm, y, threshold):
    flagged, y = flagged_at(scores, firm, threshold), np.asarray(y)
    return {"recall": round(float(flagged[y == 1].mean()), 4) if (y == 1).any() else None,
            "false_positive_rate": round(float(flagged[y == 0].mean()), 4) if (y == 0).any() else None}


def figures(oof, firm, y, threshold, ceiling, kfold, groups, folds, repeats):
    """The figures kept in the head's meta: by source when there were sources, and k-fold."""
    found = {"method": "by source" if groups is not None else "k-fold", "folds": folds, "repeats": repeats,
             "rule": {"recall": DEFAULT_RECALL, "each_source": SOURCE_RECALL, "fpr_budget": FPR_BUDGET,
                      "ceiling_recall": CEILING_RECALL},
             "at_threshold": rates(oof, firm, y, threshold), "at_ceiling": rates(oof, firm, y, ceiling),
             "k_fold": {"at_threshold": rates(kfold, firm, y, threshold),
                        "at_ceiling": rates(kfold, firm, y, ceiling)}}
    if groups is not None:
        groups = np.asarray(groups)
        found["sources"] = {name: {"risk": int(y[groups == name].sum()), "none": int((y[groups == name] == 0).sum()),
                                   **rates(oof[groups == name], firm[groups == name], y[groups == name], threshold)}
                            for name in sorted(set(groups))}
        for key, value in (("at_threshold", threshold), ("at_ceiling", ceiling)):
            per_source = [rates(oof[groups == g], firm[groups == g], y[groups == g], value)["recall"]
                          for g in sorted(set(groups))]
            per_source = [r for r in per_source if r is not None]
            found[key]["recall_source_average"] = round(float(np.mean(per_source)), 4)
            found[key]["recall_source_lowest"] = round(float(min(per_source)), 4)
    return found
