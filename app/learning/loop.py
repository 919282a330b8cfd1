"""The learning loop, one head at a time (sentiment, service area, themes): train a challenger
from officers' labels for that head, evaluate it against that head's champion on a held-out
slice of those labels (macro-F1; for themes at their thresholds), promote it only if it is
better and no worse on any service area, keep every version, and let an administrator roll
back."""
import json
import logging
import random
from collections import defaultdict

from app.audit import services as audit
from app.db import utcnow
from app.learning import quality
from app.learning.labels import training_data
from app.learning.models import TASKS, ModelVersion
from app.queue import transaction

log = logging.getLogger(__name__)

MIN_LABELS = 10
HOLDOUT = 0.2
MIN_GAIN = 0.005
# A challenger replaces the champion only when measured on at least this many held-out labels:
# on a handful, one lucky item decides (a demo challenger trained on 31 labels "won" 1.000 to
# 0.286 on 7 items and then called a fifth of the complaints positive). Below it, the
# challenger is kept, measured and shown, but not promoted.
MIN_HOLDOUT = 30
# Nor when it is more than AREA_MAX_DROP worse than the champion on any one service area with
# at least AREA_MIN_HOLDOUT held-out items, however much better its average: a council cannot
# trade one service's residents for another's (quality.regressions).
AREA_MIN_HOLDOUT = 5
AREA_MAX_DROP = 0.05
ADAPT_MIN_TEXTS = 100
SEED = 0
TOPIC_HEADS = ("service", "theme")


class LoopError(ValueError):
    pass


def stratified_split(examples, holdout=HOLDOUT, seed=SEED):
    """(train, test): about `holdout` of each first label's examples go to test (at least one
    from any label with two or more examples; items with no theme count as one label)."""
    by_label = defaultdict(list)
    for example in examples:
        by_label[example[2][0] if example[2] else ""].append(example)
    rng = random.Random(seed)
    train, test = [], []
    for label in sorted(by_label):
        group = sorted(by_label[label], key=lambda e: e[0])
        rng.shuffle(group)
        n_test = max(1, round(len(group) * holdout)) if len(group) >= 2 else 0
        test.extend(group[:n_test])
        train.extend(group[n_test:])
    return train, test


def _train(task, train, encoder, tax):
    """A challenger from officers' labels, by the recipe `classifiers evaluate --train` uses."""
    from app.learning.predictions import recent_embeddings
    from classifiers import recipes

    unlabelled = recent_embeddings(encoder.version) if task in TOPIC_HEADS else None
    return recipes.train(task, [text for _, text, _ in train],
                         [labels if task == "theme" else labels[0] for _, _, labels in train],
                         encoder, taxonomy=tax, unlabelled=unlabelled)


def _record(task, status, *, training_count=0, metrics=None, blob=None, encoder_version="", notes=""):
    from app.learning.runtime import next_version

    version = ModelVersion.create(
        task=task, version=next_version(task), training_count=training_count,
        metrics=json.dumps(metrics or {}, sort_keys=True), blob=blob, encoder_version=encoder_version,
        status=status, notes=notes)
    details = {"task": task, "metrics": {k: v for k, v in (metrics or {}).items()
                                         if k in ("macro_f1", "micro_f1", "champion_macro_f1", "n")}}
    if metrics and "regressions" in metrics:
        details["regressions"] = len(metrics["regressions"])  # how many service areas; names are in the note
    audit.record("learning.challenger_" + status, obj=version,
                 summary=f"{TASKS[task]} challenger {version.version}: {notes}"[:2000], details=details)
    return version


def train_challenger(task):
    """Train, evaluate and perhaps promote one head. Returns the ModelVersion recorded."""
    from app.learning import runtime

    if task not in TASKS:
        raise LoopError(f"unknown task {task!r}")
    examples = training_data(task)
    if len(examples) < MIN_LABELS:
        return _too_few(task, len(examples))
    tax = runtime.classifier_taxonomy(task) if task in TOPIC_HEADS else None
    if task in TOPIC_HEADS and not tax:
        with transaction():
            return _record(task, "rejected", training_count=len(examples),
                           notes=f"Not trained: the taxonomy has no {TASKS[task].lower()} in use")
    encoder = runtime.encoder()
    champion = runtime.ensure_champions()[task]
    train, test = stratified_split(examples)
    try:
        challenger = _train(task, train, encoder, tax)
    except ValueError as error:
        with transaction():
            return _record(task, "rejected", training_count=len(train), notes=f"Not trained: {error}")
    new_scores = quality.evaluate(task, challenger, test, encoder)
    old_scores = quality.evaluate(task, runtime.load(champion, tax), test, encoder)
    worse = quality.regressions(new_scores, old_scores, min_items=AREA_MIN_HOLDOUT, max_drop=AREA_MAX_DROP)
    metrics = {**new_scores, "champion_macro_f1": old_scores["macro_f1"], "champion_version": champion.version,
               "holdout": len(test), "regressions": worse,
               "method": getattr(challenger, "meta", {}).get("method", "head")}
    better = (new_scores["macro_f1"] >= old_scores["macro_f1"] + MIN_GAIN and len(test) >= MIN_HOLDOUT
              and not worse)
    notes = (f"macro-F1 {new_scores['macro_f1']:.3f} against {old_scores['macro_f1']:.3f} for "
             f"{champion.version} on {len(test)} held-out items")
    if len(test) < MIN_HOLDOUT:
        notes += (f"; at least {MIN_HOLDOUT} held-out items are needed before a challenger can "
                  f"replace the champion")
    if worse:
        notes = _worse_on(worse, champion.version) + "; " + notes
    with transaction() as tx:
        version = _record(task, "challenger" if better else "rejected", training_count=len(train),
                          metrics=metrics, blob=challenger.to_bytes(), encoder_version=encoder.version,
                          notes=("Promoted: " if better else "Not promoted: ") + notes)
        if better:
            _make_champion(version, tx)
    return version


def _worse_on(worse, champion_version):
    """"worse on Waste & Recycling by 0.190 (0.620 against 0.810 for sentiment-3 on its 6
    held-out items)", every service area named."""
    parts = [f"{row['name']} by {row['champion'] - row['challenger']:.3f} ({row['challenger']:.3f} "
             f"against {row['champion']:.3f} for {champion_version} on its {row['n']} held-out items)"
             for row in worse]
    return "worse on " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1])


def _too_few(task, count):
    last = _last_attempt(task)
    if last is not None and last.status == "rejected" and last.blob is None \
            and last.training_count == count:
        return last  # nothing new since the last attempt: do not clutter the history
    with transaction():
        return _record(task, "rejected", training_count=count, metrics={"labels": count, "needed": MIN_LABELS},
                       notes=f"Not trained: {count} labelled items, at least {MIN_LABELS} needed")


def _last_attempt(task):
    return (ModelVersion.select().where(ModelVersion.task == task)
            .order_by(ModelVersion.created_at.desc(), ModelVersion.id.desc()).first())


def adapt_zero_shot(task="service", min_new=ADAPT_MIN_TEXTS):
    """While no officer has labelled enough for a topic head, keep its zero-shot champion
    adapted to the council's own feedback: a new version (kept in the history, so it can be
    rolled back) once there are `min_new` more classified items than it was adapted on.
    Returns it, or None."""
    from app.learning import runtime
    from app.learning.predictions import recent_embeddings

    champion = runtime.ensure_champions()[task]
    tax = runtime.classifier_taxonomy(task)
    if champion is None or not tax:
        return None
    current = runtime.load_head(champion, tax)
    if current.training_count or champion.training_count:
        return None  # trained models adapt when the next challenger is trained
    encoder = runtime.encoder()
    vectors = recent_embeddings(encoder.version)
    if len(vectors) < int(current.meta.get("adapted_on", 0) or 0) + min_new:
        return None
    model = runtime.zero_shot(task, encoder, tax, vectors)
    metrics = {"source": "zero-shot", "adapted_on": len(vectors),
               **quality.measure_on_all_labels(task, model, encoder)}
    with transaction() as tx:
        version = _record(task, "challenger", blob=model.to_bytes(), encoder_version=encoder.version,
                          metrics=metrics,
                          notes=f"Zero-shot, adapted to {len(vectors)} items of the council's feedback")
        _make_champion(version, tx)
    return version


def _make_champion(version, tx, actor=None):
    from app.learning import tasks

    (ModelVersion.update(status="retired")
     .where(ModelVersion.task == version.task, ModelVersion.status == "champion",
            ModelVersion.id != version.id).execute())
    version.status, version.promoted_at = "champion", utcnow()
    version.save()
    audit.record("learning.model_promoted", actor=actor, obj=version,
                 summary=f"{TASKS[version.task]} model {version.version} is now in use")
    tx.on_commit(tasks.reclassify, version.task)


def roll_back(version, *, actor):
    """Make an earlier version of a head its champion again; existing items are re-classified."""
    if version.status == "champion":
        raise LoopError("That version is already in use")
    if not version.blob:
        raise LoopError("That attempt has no model to roll back to")
    with transaction() as tx:
        audit.record("learning.model_rolled_back", actor=actor, obj=version,
                     summary=f"{TASKS.get(version.task, version.task)} rolled back to {version.version}")
        _make_champion(version, tx, actor=actor)
    return version


def history(task):
    return list(ModelVersion.select(ModelVersion.id, ModelVersion.task, ModelVersion.version,
                                    ModelVersion.created_at, ModelVersion.training_count,
                                    ModelVersion.metrics, ModelVersion.status, ModelVersion.promoted_at,
                                    ModelVersion.notes, ModelVersion.encoder_version,
                                    (ModelVersion.blob.is_null(False)).alias("has_blob"))
                .where(ModelVersion.task == task).order_by(ModelVersion.created_at.desc(), ModelVersion.id.desc()))


def needs_training(task):
    """True when officers' labels could train a challenger the loop has not tried on them yet:
    at least MIN_LABELS labelled items, and no trained attempt on this many (a correction
    that keeps the count waits for the daily run)."""
    examples = training_data(task)
    if len(examples) < MIN_LABELS:
        return False
    train, _ = stratified_split(examples)
    tried = [version for version in history(task) if "champion_macro_f1" in version.metrics_dict]
    return not tried or tried[0].training_count != len(train)
