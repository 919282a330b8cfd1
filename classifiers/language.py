"""Which language a piece of feedback is written in, offline, with py3langid (4.5 MB of model;
measured against lingua in tests/benchmarks/measure_language.py).

`detect(text)` gives a Detected(code, confidence): `code` is a BCP 47 language ("en", "cy",
"pl", "ur"...) only when the identifier is sure (CONFIDENT or more), else "" (unknown). Texts
too short to tell ("ok", "A&E", a postcode, a name: under MIN_WORDS words or MIN_LETTERS
letters) are unknown with confidence None: the sentiment and topic models, trained on English,
read unknown text as they always did, so a false "not English" never hides a short complaint.

`is_foreign(code)` is what the learning step asks: written confidently in another language,
so the models say they are unsure rather than guess.

Pure: no database, no web. The identifier loads on first use (about 0.5 s, about 120 MB with
numpy), in the worker only.
"""
import re
import threading
import unicodedata
from dataclasses import dataclass

ENGLISH = "en"
UNKNOWN = ""
CONFIDENT = 0.6  # English comments never scored over 0.35 as another language (measured)
MIN_WORDS = 3
MIN_LETTERS = 12
# The identifier's varieties that Heard names by their language.
VARIETIES = {"ary": "ar", "arz": "ar", "uzs": "uz", "wuu": "zh", "yue": "zh", "gug": "gn", "nn": "no"}
NOT_LANGUAGE = "zxx"  # the identifier's "no linguistic content" (numbers, postcodes)
NAMES = {"cy": "Cymraeg / Welsh"}  # shown in both languages (Welsh Language Standards)

_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")


@dataclass(frozen=True)
class Detected:
    code: str  # BCP 47, or "" when not sure
    confidence: float = None  # the identifier's probability of its best guess (None: too short)


def _letters(token):
    """How many letters `token` has (a script's vowel signs count: Gurmukhi, Bengali...)."""
    return sum(1 for c in token if c.isalpha() or unicodedata.category(c).startswith("M"))


def language_name(code):
    """"Polish", "Cymraeg / Welsh", "" for unknown; the code itself when Babel has no name."""
    if not code:
        return ""
    if code in NAMES:
        return NAMES[code]
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


def is_foreign(code):
    return bool(code) and code != ENGLISH


class LanguageDetector:
    """Wraps one identifier: `classify(text) -> [(code, probability)]`, best first. The default
    is py3langid's shipped model, loaded on first use."""

    def __init__(self, rank=None):
        self._rank = rank
        self._lock = threading.Lock()

    def load(self):
        with self._lock:
            if self._rank is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                self._rank = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True).rank
        return self

    def detect(self, text):
        text = _NOISE.sub(" ", text or "")
        words = [n for n in (_letters(token) for token in text.split()) if n >= 2]
        if len(words) < MIN_WORDS or sum(words) < MIN_LETTERS:
            return Detected(UNKNOWN)
        self.load()
        merged = {}
        for code, probability in self._rank(text):
            code = VARIETIES.get(code, code)
            merged[code] = merged.get(code, 0.0) + float(probability)
        code, probability = max(merged.items(), key=lambda pair: pair[1])
        probability = round(min(probability, 1.0), 4)
        if code == NOT_LANGUAGE or probability < CONFIDENT:
            return Detected(UNKNOWN, probability)
        return Detected(code, probability)

    def detect_batch(self, texts):
        return [self.detect(text) for text in texts]


_shared = LanguageDetector()


def detect(text):
    """The language of `text` with the shared py3langid identifier."""
    return _shared.detect(text)


def detect_batch(texts):
    return _shared.detect_batch(texts)
