"""Measure the language identifiers Heard could use (lingua, py3langid) on the labelled set
(tests/learning/language_samples.py) and on the NHS Friends and Family Test comments (English,
../shared/data, MIT): accuracy per language, how often English is called another language,
texts per second, load time and memory. Each backend runs in its own process.

    .venv/bin/python -m tests.benchmarks.measure_language [--fft PATH] [--raw]

--raw measures the bare libraries (no minimum length, no confidence bar); without it the
rules of classifiers.language apply (what Heard stores)."""
import argparse
import collections
import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

FFT = Path(__file__).resolve().parents[3] / "shared" / "data" / "fft-v6.csv"


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(backend):
    if backend == "lingua":
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def detect(text):
            values = detector.compute_language_confidence_values(text)
            if not values or values[0].value == 0:
                return "", 0.0
            return values[0].language.iso_code_639_1.name.lower(), values[0].value
        return detect
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return identifier.classify


def _heard(backend):
    from classifiers import language

    rank = None
    if backend == "lingua":  # lazily loaded models: only the languages a text could be in
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def rank(text):
            return [(v.language.iso_code_639_1.name.lower(), v.value)
                    for v in lingua.compute_language_confidence_values(text)] or [("zxx", 1.0)]
    detector = language.LanguageDetector(rank).load()

    def detect(text):
        found = detector.detect(text)
        return found.code, found.confidence
    return detect


def run_one(backend, raw, fft_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.learning.language_samples import SAMPLES, SHORT_ENGLISH

    before = _rss_mb()
    started = time.perf_counter()
    detect = _bare(backend) if raw else _heard(backend)
    detect("warm up")
    load = time.perf_counter() - started
    per_language = {}
    confusions = collections.Counter()
    for code, texts in SAMPLES.items():
        right = 0
        for text in texts:
            found, _ = detect(text)
            right += found == code
            if found != code:
                confusions[f"{code}->{found or '?'}"] += 1
        per_language[code] = (right, len(texts))
    short_wrong = [t for t in SHORT_ENGLISH if detect(t)[0] not in ("en", "")]
    fft = [row["text"] for row in csv.DictReader(open(fft_path, encoding="utf-8")) if row["text"].strip()]
    started = time.perf_counter()
    found = [detect(text)[0] for text in fft]
    speed = len(fft) / (time.perf_counter() - started)
    fft_wrong = [(t, f) for t, f in zip(fft, found) if f not in ("en", "")]
    fft_short = [t for t in fft if len(t) < 30]
    fft_short_wrong = [t for t, f in zip(fft, found) if len(t) < 30 and f not in ("en", "")]
    fft_unknown = sum(f == "" for f in found)
    return {"backend": backend, "raw": raw, "load_s": round(load, 2), "rss_mb": round(_rss_mb(), 1),
            "rss_added_mb": round(_rss_mb() - before, 1), "texts_per_s": round(speed),
            "per_language": per_language, "confusions": dict(confusions.most_common(12)),
            "short_english_wrong": short_wrong, "short_english": len(SHORT_ENGLISH),
            "fft": len(fft), "fft_not_english": len(fft_wrong), "fft_unknown": fft_unknown,
            "fft_short": len(fft_short), "fft_short_not_english": len(fft_short_wrong),
            "fft_examples": fft_wrong[:12]}


def report(result):
    print(f"== {result['backend']} ({'bare library' if result['raw'] else 'Heard rules'})")
    print(f"load {result['load_s']} s, peak RSS {result['rss_mb']} MB (+{result['rss_added_mb']} MB), "
          f"{result['texts_per_s']} texts/s")
    total = [0, 0]
    for code, (right, n) in result["per_language"].items():
        total[0] += right
        total[1] += n
        print(f"  {code}: {right}/{n}")
    print(f"  all: {total[0]}/{total[1]} ({100 * total[0] / total[1]:.0f}%)")
    print(f"  confusions: {result['confusions']}")
    print(f"  short English called another language: {len(result['short_english_wrong'])}/"
          f"{result['short_english']} {result['short_english_wrong']}")
    fft, wrong = result["fft"], result["fft_not_english"]
    print(f"  FFT English called another language: {wrong}/{fft} ({100 * wrong / fft:.2f}%), "
          f"under 30 characters {result['fft_short_not_english']}/{result['fft_short']}; "
          f"unknown {result['fft_unknown']}")
    print(f"  e.g. {result['fft_examples']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fft", default=str(FFT))
    parser.add_argument("--raw", action="store_true")
    parser.add_argument("--backend", choices=("lingua", "py3langid"))
    args = parser.parse_args()
    if args.backend:
        print(json.dumps(run_one(args.backend, args.raw, args.fft)))
        return
    for backend in ("py3langid", "lingua"):
        command = [sys.executable, "-m", "tests.benchmarks.measure_language", "--backend", backend, "--fft", args.fft]
        out = subprocess.run(command + (["--raw"] if args.raw else []), capture_output=True, text=True, check=True)
        report(json.loads(out.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
