"""Key phrases for reports: what residents keep mentioning in a set of texts.

    key_phrases(texts, top_n=10, min_count=2, background=None) -> [(phrase, count)]

Texts are split into sentences and words with NLTK (classifiers.sentences, whose
punkt data is committed), lower-cased, and cut into candidate phrases at
stopwords, punctuation, numbers and redaction tokens such as "[email]"; every
1-3 word n-gram of a candidate is counted once per text (`count` is how many
texts mention it). Phrases are ranked by C-value, which favours multi-word
terms and discounts a phrase that mostly appears inside a longer one ("green
bin" rather than "green" and "bin"); with `background` texts (e.g. all feedback
in the period) the score is weighted by how unusual the phrase is there (idf).
Ties break on count, then alphabetically, so the output is deterministic.
"""
import math
import re
from collections import Counter

from classifiers.sentences import split_sentences, stopwords

MAX_N = 3
# Words that appear in almost every complaint and say nothing about its subject.
GENERIC = frozenset("""
please thanks thank would could also get got getting still one just really us im ive dont cant
wont didnt doesnt isnt wasnt council councils yet even since every many much told say said says
ask asked asking need needs needed want wanted like know knew think make made go going went gone
come came take took time times day days week weeks month months year years today yesterday
tomorrow again already ever never always nothing something anything everything someone anyone
nobody somebody thing things lot lots way back able new old well good bad etc dear sir madam
regards hi hello yes ok okay may might must shall will let lets see seen look looked put
""".split())
PLACEHOLDER = re.compile(r"\[[A-Za-z ]{2,20}\]")
WORD = re.compile(r"^[a-z][a-z'\-]*[a-z]$")


def _tokenizer():
    from nltk.tokenize import NLTKWordTokenizer  # what word_tokenize uses after sentence splitting

    return NLTKWordTokenizer()


def _candidates(text, tokenizer, stop):
    """Runs of content words (lists of tokens) in `text`."""
    text = PLACEHOLDER.sub(" . ", text or "")
    runs = []
    for sentence in split_sentences(text):
        run = []
        for token in tokenizer.tokenize(sentence.lower()):
            token = token.strip("'")
            if WORD.match(token) and token not in stop and len(token) > 1:
                run.append(token)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs


def _ngrams(runs, max_n=MAX_N):
    grams = set()
    for run in runs:
        for n in range(1, max_n + 1):
            grams.update(tuple(run[i:i + n]) for i in range(len(run) - n + 1))
    return grams


def _document_frequency(texts, tokenizer, stop):
    counts = Counter()
    for text in texts:
        counts.update(_ngrams(_candidates(text, tokenizer, stop)))
    return counts


def _c_values(counts):
    """C-value of each n-gram: log2(length + 1) * (freq - mean freq of longer n-grams holding it)."""
    nested = {}
    for gram, freq in counts.items():
        for n in range(1, len(gram)):
            for i in range(len(gram) - n + 1):
                sub = gram[i:i + n]
                if sub in counts:
                    nested.setdefault(sub, []).append(freq)
    scores = {}
    for gram, freq in counts.items():
        holders = nested.get(gram)
        penalty = sum(holders) / len(holders) if holders else 0.0
        scores[gram] = math.log2(len(gram) + 1) * max(freq - penalty, 0.0)
    return scores


def _idf(background, tokenizer, stop):
    background = [t for t in background or () if t]
    if not background:
        return None
    return _idf_of(_document_frequency(background, tokenizer, stop), len(background))


def _idf_of(counts, total):
    return lambda gram: math.log((total + 1) / (counts.get(gram, 0) + 1)) + 1.0


def key_phrases(texts, top_n=10, min_count=2, background=None):
    """The `top_n` most characteristic phrases in `texts` as (phrase, count) pairs."""
    texts = [t for t in texts or () if t and t.strip()]
    if not texts or top_n <= 0:
        return []
    tokenizer = _tokenizer()
    stop = stopwords() | GENERIC
    counts = _document_frequency(texts, tokenizer, stop)
    return _ranked(counts, top_n, min_count, _idf(background, tokenizer, stop))


def phrase_sets(texts):
    """Each text's set of candidate phrases (n-gram tuples), for key_phrases_of_sets: split
    and tokenised once however many groups the texts are then ranked in."""
    tokenizer, stop = _tokenizer(), stopwords() | GENERIC
    return [_ngrams(_candidates(text, tokenizer, stop)) if text and text.strip() else set() for text in texts]


def count_sets(sets):
    """How many of the texts (phrase_sets) hold each phrase."""
    counts = Counter()
    for grams in sets:
        counts.update(grams)
    return counts


def key_phrases_of_sets(own, top_n=10, min_count=2, background=None, background_total=0):
    """key_phrases for texts already cut by phrase_sets: `own` the group's sets, `background`
    the other texts' phrase counts (count_sets) and `background_total` how many they are."""
    if not own or top_n <= 0:
        return []
    idf = _idf_of(background, background_total) if background_total else None
    return _ranked(count_sets(own), top_n, min_count, idf)


def _ranked(counts, top_n, min_count, idf):
    counts = Counter({g: c for g, c in counts.items() if c >= max(min_count, 1)})
    scores = _c_values(counts)
    if idf is not None:
        scores = {g: s * idf(g) for g, s in scores.items()}
    ranked = sorted((g for g, s in scores.items() if s > 0),
                    key=lambda g: (-scores[g], -counts[g], " ".join(g)))
    chosen = []
    for gram in ranked:
        if _covered(gram, chosen, counts):
            continue
        chosen.append(gram)
        if len(chosen) == top_n:
            break
    return [(" ".join(g), counts[g]) for g in chosen]


def _covered(gram, chosen, counts):
    """True when an already chosen phrase contains `gram` (or the reverse) with the same count."""
    for other in chosen:
        small, big = (gram, other) if len(gram) < len(other) else (other, gram)
        if len(small) < len(big) and counts[small] == counts[big] and _inside(small, big):
            return True
    return False


def _inside(small, big):
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))
