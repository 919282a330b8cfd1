"""How each version was measured, as the models page shows it: the method, per-label scores,
the confusion matrix, calibration in words, and the service-area check.

Reads the figures quality.evaluate stored in ModelVersion.metrics. A version measured before
a figure was kept (no confusion matrix or calibration) shows what it has and says what it
lacks; nothing here is recomputed.
"""
from dataclasses import dataclass, field

from app.learning import loop, quality
from app.learning.models import SENTIMENTS, Topic

METHODS = {"fine-tuned": "Fine-tuned encoder (LoRA)", "head": "Frozen encoder with a trained head",
           "zero-shot": "Zero-shot", "shipped": "Shipped model"}
MEASURES = {"sentiment": "Macro-F1", "service": "F1", "theme": "Micro-F1"}  # quality.HEADLINE, as a heading


@dataclass
class LabelRow:
    name: str
    precision: float
    recall: float
    f1: float
    support: int
    counts: tuple = None  # themes: (found, wrongly given, missed), when recorded


@dataclass
class CalibrationRow:
    sure: str  # "80 to 90%"
    n: int
    right: str  # "84%"


@dataclass
class Measurement:
    task: str
    version: str
    method: str
    per_label: list
    confusion_names: list = field(default_factory=list)
    confusion: list = field(default_factory=list)  # [(officers' label, [(count, on the diagonal)])]
    calibration: list = field(default_factory=list)
    ece: float = None
    by_service: list = field(default_factory=list)  # [(service area, items, score)]
    regressions: list = None  # None: no check was made (measured on its own); []: passed
    champion_version: str = ""

    @property
    def measure(self):
        return MEASURES[self.task]

    @property
    def measure_words(self):
        return quality.HEADLINE[self.task]

    @property
    def has_counts(self):
        return any(row.counts for row in self.per_label)

    @property
    def missing(self):
        """What this version's measurement did not keep (it was made before they were)."""
        lacks = [] if self.confusion or self.task == "theme" else ["a confusion matrix"]
        return lacks + ([] if self.ece is not None else ["calibration"])


def method(version):
    """How a version's model was made, in words ("Not recorded" for a version that never said)."""
    m = version.metrics_dict
    if not getattr(version, "has_blob", True):
        return "Not trained"
    key = m.get("method") or m.get("source")
    if key is None and "champion_macro_f1" in m:
        key = "head"  # every version trained before methods were recorded had a frozen encoder
    return METHODS.get(key, "Not recorded")


def label_names(task):
    """{label key: the name officers know} for one head (a removed topic keeps its key)."""
    if task == "sentiment":
        return dict(SENTIMENTS)
    return dict(Topic.select(Topic.key, Topic.name).tuples())


def measurement(version, names):
    """A Measurement of one version, or None when it was never measured."""
    m = version.metrics_dict
    per_label = m.get("per_label")
    if "macro_f1" not in m or not isinstance(per_label, dict):
        return None
    order = [label for label in (m.get("labels") or []) if label in per_label]
    order += [label for label in per_label if label not in order]
    found = Measurement(task=version.task, version=version.version, method=method(version),
                        per_label=[_label_row(names, label, per_label[label]) for label in order
                                   if _worth_a_row(per_label[label])],
                        champion_version=m.get("champion_version", ""))
    if m.get("confusion") and m.get("labels"):
        found.confusion_names = [_name(names, label) for label in m["labels"]]
        found.confusion = [(_name(names, label), [(count, i == j) for j, count in enumerate(row)])
                           for i, (label, row) in enumerate(zip(m["labels"], m["confusion"]))]
    if isinstance(m.get("calibration"), dict):
        found.ece = m["calibration"].get("ece")
        found.calibration = [CalibrationRow(f"{round(b['low'] * 100)} to {round(b['high'] * 100)}%",
                                            b["n"], f"{round(b['accuracy'] * 100)}%")
                             for b in m["calibration"]["bins"]]
    areas = m.get("by_service") or {}
    found.by_service = sorted(((entry.get("name") or key, entry["n"], entry["score"])
                               for key, entry in areas.items() if key != quality.NO_SERVICE),
                              key=lambda row: (-row[1], row[0]))
    if quality.NO_SERVICE in areas:  # shown last; never part of the service-area check
        entry = areas[quality.NO_SERVICE]
        found.by_service.append((entry.get("name") or "No service area", entry["n"], entry["score"]))
    if "regressions" in m:
        found.regressions = m["regressions"]
    return found


def _label_row(names, label, row):
    counts = (row["tp"], row["fp"], row["fn"]) if "tp" in row else None
    return LabelRow(_name(names, label), row.get("precision", 0.0), row.get("recall", 0.0),
                    row.get("f1", 0.0), int(row.get("support", 0)), counts)


def _worth_a_row(row):
    """A theme officers never gave and the model never gave says nothing."""
    return row.get("support", 0) or ("tp" not in row) or row["tp"] + row["fp"]


def _name(names, label):
    return names.get(label, label) if label else "No choice"


@dataclass
class Row:
    version: object  # a loop.history() row
    quality: quality.Quality
    method: str
    measurement: Measurement = None


def rows(task):
    """The models page's rows for one head, newest first."""
    names = label_names(task)
    return [Row(version, quality.describe(version, loop.MIN_LABELS), method(version),
                measurement(version, names)) for version in loop.history(task)]


def rules():
    """The promotion rules' figures, for the page's words."""
    return {"min_labels": loop.MIN_LABELS, "min_gain": loop.MIN_GAIN, "min_holdout": loop.MIN_HOLDOUT,
            "area_min_holdout": loop.AREA_MIN_HOLDOUT, "area_max_drop": loop.AREA_MAX_DROP}
