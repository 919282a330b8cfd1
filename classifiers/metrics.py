"""Classification metrics: accuracy, per-label precision/recall/F1, macro-F1, confusion, and
calibration (how often a stated confidence was right; expected calibration error)."""
from dataclasses import dataclass, field


@dataclass
class Scores:
    labels: list
    n: int
    accuracy: float
    macro_f1: float
    per_label: dict = field(default_factory=dict)  # label -> {precision, recall, f1, support}
    confusion: list = field(default_factory=list)  # rows: true label, columns: predicted label

    def as_dict(self):
        return {"n": self.n, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "per_label": self.per_label}


def _ratio(a, b):
    return a / b if b else 0.0


def score(true, predicted, labels=None):
    """Scores for single-label predictions. Macro-F1 averages over labels present in `true`
    (a label never seen in the truth cannot be recalled, so it would only add noise)."""
    true, predicted = list(true), list(predicted)
    if len(true) != len(predicted):
        raise ValueError("true and predicted differ in length")
    if labels is None:
        labels = sorted(set(true) | set(predicted))
    index = {label: i for i, label in enumerate(labels)}
    confusion = [[0] * len(labels) for _ in labels]
    for t, p in zip(true, predicted):
        if t in index and p in index:
            confusion[index[t]][index[p]] += 1
    per_label = {}
    for label, i in index.items():
        tp = confusion[i][i]
        predicted_as = sum(row[i] for row in confusion)
        support = sum(confusion[i])
        precision, recall = _ratio(tp, predicted_as), _ratio(tp, support)
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_label[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                            "f1": round(f1, 4), "support": support}
    present = [label for label in labels if per_label[label]["support"] > 0]
    macro = sum(per_label[label]["f1"] for label in present) / len(present) if present else 0.0
    correct = sum(1 for t, p in zip(true, predicted) if t == p)
    return Scores(labels=list(labels), n=len(true), accuracy=round(_ratio(correct, len(true)), 4),
                  macro_f1=round(macro, 4), per_label=per_label, confusion=confusion)


def format_report(scores, title=""):
    """A plain-text report: per-label table and the confusion matrix."""
    width = max([len(str(label)) for label in scores.labels] + [10])
    lines = [title] if title else []
    lines.append(f"{'label':<{width}}  precision  recall     f1  support")
    for label in scores.labels:
        row = scores.per_label[label]
        lines.append(f"{str(label):<{width}}  {row['precision']:9.3f}  {row['recall']:6.3f}  "
                     f"{row['f1']:5.3f}  {row['support']:7d}")
    lines.append(f"{'accuracy':<{width}}  {scores.accuracy:.3f}   macro-F1 {scores.macro_f1:.3f}   "
                 f"n {scores.n}")
    lines.append("")
    lines.append("confusion (rows: true label, columns: predicted label)")
    short = [str(label)[:8] for label in scores.labels]
    lines.append(" " * (width + 2) + " ".join(f"{s:>8}" for s in short))
    for label, row in zip(scores.labels, scores.confusion):
        lines.append(f"{str(label):<{width}}  " + " ".join(f"{n:8d}" for n in row))
    return "\n".join(lines)


def score_multilabel(true_sets, predicted_sets, labels):
    """Scores for multi-label predictions (a set of labels per item, possibly empty): micro and
    macro precision/recall/F1 and per-label figures (with tp/fp/fn/tn counts). Macro-F1
    averages over labels present in the truth; `exact` is the share of items whose whole set
    was right (an empty set included)."""
    true_sets, predicted_sets = [set(s) for s in true_sets], [set(s) for s in predicted_sets]
    if len(true_sets) != len(predicted_sets):
        raise ValueError("true and predicted differ in length")
    per_label, tp_all, predicted_all, true_all = {}, 0, 0, 0
    for label in labels:
        tp = sum(1 for t, p in zip(true_sets, predicted_sets) if label in t and label in p)
        predicted_as = sum(1 for p in predicted_sets if label in p)
        support = sum(1 for t in true_sets if label in t)
        precision, recall = _ratio(tp, predicted_as), _ratio(tp, support)
        per_label[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                            "f1": round(_ratio(2 * precision * recall, precision + recall), 4),
                            "support": support, "tp": tp, "fp": predicted_as - tp, "fn": support - tp,
                            "tn": len(true_sets) - predicted_as - support + tp}
        tp_all, predicted_all, true_all = tp_all + tp, predicted_all + predicted_as, true_all + support
    present = [label for label in labels if per_label[label]["support"] > 0]
    macro = sum(per_label[label]["f1"] for label in present) / len(present) if present else 0.0
    micro_p, micro_r = _ratio(tp_all, predicted_all), _ratio(tp_all, true_all)
    exact = sum(1 for t, p in zip(true_sets, predicted_sets) if t == p)
    return {"n": len(true_sets), "macro_f1": round(macro, 4),
            "micro_f1": round(_ratio(2 * micro_p * micro_r, micro_p + micro_r), 4),
            "micro_precision": round(micro_p, 4), "micro_recall": round(micro_r, 4),
            "exact": round(_ratio(exact, len(true_sets)), 4), "per_label": per_label}


def calibration(confidences, outcomes, bins=10):
    """How far stated confidence is from how often it was right: `confidences` in [0, 1] and
    `outcomes` (True when that prediction was right, or for a multi-label score, when the label
    applies). Equal-width bins over [0, 1] (1.0 falls in the last); returns {"ece", "bins"}
    where "bins" lists only bins with items, each {low, high, n, confidence, accuracy} (the
    mean confidence and the share right), and "ece" is the expected calibration error: the
    item-weighted mean of |accuracy - confidence| over the bins (0 is perfectly calibrated)."""
    confidences, outcomes = [float(c) for c in confidences], [bool(o) for o in outcomes]
    if len(confidences) != len(outcomes):
        raise ValueError("confidences and outcomes differ in length")
    groups = [[] for _ in range(bins)]
    for confidence, outcome in zip(confidences, outcomes):
        clipped = min(max(confidence, 0.0), 1.0)
        groups[min(int(clipped * bins), bins - 1)].append((clipped, outcome))
    rows, gap = [], 0.0
    for i, group in enumerate(groups):
        if not group:
            continue
        confidence = sum(c for c, _ in group) / len(group)
        accuracy = sum(1 for _, o in group if o) / len(group)
        gap += len(group) * abs(accuracy - confidence)
        rows.append({"low": round(i / bins, 4), "high": round((i + 1) / bins, 4), "n": len(group),
                     "confidence": round(confidence, 4), "accuracy": round(accuracy, 4)})
    return {"ece": round(_ratio(gap, len(confidences)), 4), "bins": rows}


def binary_f1(true, predicted, label):
    """F1 of one label treated as yes/no over paired single-label lists (0.0 when the label
    is neither true nor predicted anywhere)."""
    tp = sum(1 for t, p in zip(true, predicted) if t == label and p == label)
    predicted_as = sum(1 for p in predicted if p == label)
    support = sum(1 for t in true if t == label)
    precision, recall = _ratio(tp, predicted_as), _ratio(tp, support)
    return round(_ratio(2 * precision * recall, precision + recall), 4)
