"""Service areas and themes, measured before and after they became separate heads.

Before: one softmax ranked service areas and themes together, and the item's service area was
its top topic (right only when that was the right service). After: a single-label service-area
head (softmax over service areas only) and an independent, thresholded head per theme.

Data (real, labelled): NHS Friends and Family Test comments (classifiers/data/fft-v6.csv), whose
`service` column says which of six services a comment is about (a single-label "service area"
question, as a council's is) and whose `topics` are multi-label themes (the 12 commonest). Also
the demo council's 12 service areas and 8 themes on its generated texts (5 seeds; optimistic:
we wrote them). Every model adapts to the unlabelled texts first, as the live one does.

Regimes: names (and descriptions) only; 20 officer labels per label; and all labels of the
training folds. With labels, 5-fold stratified cross-validation (seed 0); the mean over folds.

Not collected by pytest. Run (about 12 minutes of CPU time on this machine after encoding; the
cross-validated theme thresholds are most of it):

    .venv/bin/python tests/benchmarks/measure_topic_heads.py [--cache /tmp/heads] [--json]
"""
import argparse
import csv
import datetime
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FFT_SERVICES = {  # the FFT's service column: names and descriptions as an administrator would write
    "PTS\xa0 - Patient Transport": ("Patient transport", "Non-emergency patient transport: drivers "
                                    "collecting patients for hospital appointments and taking them home."),
    "See and Convey": ("Ambulance", "Emergency ambulance crews and paramedics who came out to the "
                       "patient and took them to hospital."),
    "111": ("NHS 111", "The NHS 111 phone line: call handlers, waiting on the phone, clinicians "
            "calling back, advice and being sent to other services."),
    "Local partnerships- MH": ("Community mental health", "Community mental health teams: care "
                               "coordinators, therapists, psychiatrists and mental health support."),
    "Community health services": ("Community health services", "District nurses, physiotherapy, "
                                  "podiatry, clinics and health visitors in the community."),
    "Forensic": ("Forensic mental health", "Secure mental health hospital wards for detained "
                 "patients: ward staff, activities, leave, food and the ward environment."),
}
FFT_NOT_THEMES = {"Labelling not possible", "Not assigned"}
FFT_THEMES = 12
PER_LABEL = 20
FOLDS = 5
ROUTE_AT = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
NOT_A_SERVICE = "(a theme came first)"


def fft_data():
    from classifiers.topics import Topic

    with open(ROOT / "classifiers" / "data" / "fft-v6.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["text"].strip() and r["service"] in FFT_SERVICES]
    counts = {}
    for row in rows:
        for topic in filter(None, (t.strip() for t in row["topics"].split(";"))):
            if topic not in FFT_NOT_THEMES:
                counts[topic] = counts.get(topic, 0) + 1
    themes = sorted(counts, key=lambda t: (-counts[t], t))[:FFT_THEMES]
    services = [Topic(f"s{i}", name, description) for i, (name, description) in enumerate(FFT_SERVICES.values())]
    key_of = {raw: services[i].key for i, raw in enumerate(FFT_SERVICES)}
    theme_topics = [Topic(f"t{i}", name) for i, name in enumerate(themes)]
    theme_key = {name: theme_topics[i].key for i, name in enumerate(themes)}
    return {"name": "NHS FFT (real): 6 services, 12 themes", "texts": [r["text"] for r in rows],
            "service": [key_of[r["service"]] for r in rows],
            "themes": [sorted({theme_key[t.strip()] for t in r["topics"].split(";") if t.strip() in theme_key})
                       for r in rows],
            "services": services, "theme_topics": theme_topics}


def demo_data():
    from classifiers.topics import Topic

    from app.demo.generate import generate
    from app.org.models import DEFAULT_SERVICE_AREAS

    sys.path.insert(0, str(ROOT / "migrations"))
    themes = __import__("0007_learning").THEMES
    items = []
    for seed in range(1, 6):
        items += generate(datetime.date(2025, 6, 1), seed=seed)["items"]
    return {"name": "Demo council (generated): 12 service areas, 8 themes",
            "texts": [i["text"] for i in items], "service": [i["service"] for i in items], "themes": None,
            "services": [Topic(slug, name, description) for slug, name, description in DEFAULT_SERVICE_AREAS],
            "theme_topics": [Topic(key, name, description) for key, name, description in themes]}


def embed(data, encoder, cache):
    path = Path(cache) / f"{data['name'].split(':')[0].replace(' ', '_')}.npy" if cache else None
    if path and path.exists():
        vectors = np.load(path)
        if len(vectors) == len(data["texts"]):
            return vectors
    vectors = encoder.encode(data["texts"])
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def folds(labels, seed=0):
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(labels)), labels))


def per_label(indices, labels, limit, seed=0):
    rng, taken, chosen = random.Random(seed), {}, []
    indices = list(indices)
    rng.shuffle(indices)
    for i in indices:
        if taken.get(labels[i], 0) < limit:
            taken[labels[i]] = taken.get(labels[i], 0) + 1
            chosen.append(i)
    return sorted(chosen)


def service_models(data, vectors, encoder, train, test, include_themes):
    """(before: top of the mixed list, after: the service-area head) predictions for `test`."""
    from classifiers.topics import TopicModel

    services = data["services"]
    mixed = services + data["theme_topics"]
    texts = [data["texts"][i] for i in train]
    single = [[data["service"][i]] for i in train]
    both = [[data["service"][i]] + (data["themes"][i] if include_themes and data["themes"] else [])
            for i in train]
    unlabelled = vectors
    if train:
        before = TopicModel.train(mixed, texts, both, encoder, embeddings=vectors[train])
        after = TopicModel.train(services, texts, single, encoder, embeddings=vectors[train])
    else:
        before, after = TopicModel.zero_shot(mixed, encoder), TopicModel.zero_shot(services, encoder)
    before.adapt(unlabelled)
    after.adapt(unlabelled)
    test_texts = [data["texts"][i] for i in test]
    service_keys = {s.key for s in services}
    ranked = before.predict(test_texts, encoder, top_k=len(mixed), embeddings=vectors[test])
    top_before = [p[0][0] if p[0][0] in service_keys else NOT_A_SERVICE for p in ranked]
    best_service = [next(k for k, _ in p if k in service_keys) for p in ranked]
    after_top = [p[0] for p in after.predict(test_texts, encoder, top_k=1, embeddings=vectors[test])]
    return top_before, best_service, after_top


def measure_services(data, vectors, encoder):
    from classifiers.metrics import score

    keys = [s.key for s in data["services"]] + [NOT_A_SERVICE]  # a theme on top is a wrong answer
    truth_all = data["service"]
    results = {}
    everything = list(range(len(truth_all)))
    regimes = [("names only", None)] + [(f"{PER_LABEL} labels per service area", PER_LABEL),
                                         ("all training-fold labels", 0)]
    for regime, limit in regimes:
        splits = [([], everything)] if limit is None else folds(truth_all)
        before, best, after, routed = [], [], [], {t: [0, 0] for t in ROUTE_AT}
        for train, test in splits:
            train = list(train) if limit in (None, 0) else per_label(train, truth_all, limit)
            top_before, best_service, after_top = service_models(data, vectors, encoder, train, list(test),
                                                                 include_themes=True)
            truth = [truth_all[i] for i in test]
            before.append(score(truth, top_before, labels=keys).macro_f1)
            best.append(score(truth, best_service, labels=keys).macro_f1)
            after.append(score(truth, [k for k, _ in after_top], labels=keys).macro_f1)
            for threshold in ROUTE_AT:
                chosen = [(k, t) for (k, c), t in zip(after_top, truth) if c >= threshold]
                routed[threshold][0] += len(chosen)
                routed[threshold][1] += sum(1 for k, t in chosen if k == t)
        n_test = sum(len(test) for _, test in splits)
        print(regime, "service area", np.mean(before), np.mean(best), np.mean(after), flush=True)
        results[regime] = {
            "before_top_topic": round(float(np.mean(before)), 3),
            "before_best_service": round(float(np.mean(best)), 3),
            "after": round(float(np.mean(after)), 3),
            "routing": {str(t): {"share_routed": round(r / n_test, 3),
                                 "precision": round(c / r, 3) if r else None}
                        for t, (r, c) in routed.items()}}
    return results


def mixed_top_themes(data, vectors, encoder, train, test):
    """Before: the one mixed list's top topic, when it was a theme (the only theme it gave)."""
    from classifiers.topics import TopicModel

    mixed = data["services"] + data["theme_topics"]
    theme_keys = {t.key for t in data["theme_topics"]}
    if train:
        labels = [[data["service"][i]] + data["themes"][i] for i in train]
        model = TopicModel.train(mixed, [data["texts"][i] for i in train], labels, encoder, embeddings=vectors[train])
    else:
        model = TopicModel.zero_shot(mixed, encoder)
    model.adapt(vectors)
    tops = model.predict([data["texts"][i] for i in test], encoder, top_k=1, embeddings=vectors[test])
    return [{p[0][0]} & theme_keys for p in tops]


def measure_themes(data, vectors, encoder):
    from classifiers.metrics import score_multilabel
    from classifiers.themes import ThemeModel

    if not data["themes"]:
        return None
    keys = [t.key for t in data["theme_topics"]]
    results = {}
    first = [labels[0] if labels else "" for labels in data["themes"]]
    for regime, limit in [("names only", None), (f"{PER_LABEL} labelled items per theme", PER_LABEL),
                          ("all training-fold labels", 0)]:
        splits = [([], list(range(len(first))))] if limit is None else folds(first)
        macro, micro, old_macro, old_micro = [], [], [], []
        for train, test in splits:
            train = list(train) if limit in (None, 0) else per_label(train, first, limit)
            old = mixed_top_themes(data, vectors, encoder, train, list(test))
            old_scores = score_multilabel([data["themes"][i] for i in test], old, keys)
            old_macro.append(old_scores["macro_f1"])
            old_micro.append(old_scores["micro_f1"])
            model = ThemeModel.train(data["theme_topics"], [data["texts"][i] for i in train],
                                     [data["themes"][i] for i in train], encoder,
                                     embeddings=vectors[train] if train else None, unlabelled=vectors)
            predicted = model.predict([data["texts"][i] for i in test], encoder, embeddings=vectors[list(test)])
            scores = score_multilabel([data["themes"][i] for i in test],
                                      [{k for k, _, on in row if on} for row in predicted], keys)
            macro.append(scores["macro_f1"])
            micro.append(scores["micro_f1"])
        results[regime] = {"before_macro_f1": round(float(np.mean(old_macro)), 3),
                           "before_micro_f1": round(float(np.mean(old_micro)), 3),
                           "after_macro_f1": round(float(np.mean(macro)), 3),
                           "after_micro_f1": round(float(np.mean(micro)), 3)}
        print(regime, results[regime], flush=True)
    return results


def main():
    from classifiers.encoder import load_encoder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=None, help="a folder to keep the embeddings in between runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    encoder = load_encoder()
    report = {"encoder": encoder.version}
    for data in (fft_data(), demo_data()):
        vectors = embed(data, encoder, args.cache)
        report[data["name"]] = {"n": len(data["texts"]),
                                "service_area": measure_services(data, vectors, encoder),
                                "themes": measure_themes(data, vectors, encoder)}
        print(json.dumps({data["name"]: report[data["name"]]}, indent=1), flush=True)
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
