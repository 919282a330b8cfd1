"""A tiny random BERT for tests: the real encoder code path, in well under a second.

    path = build_tiny_encoder(tmp_path)
    encoder = load_encoder(path, verify=False)

The vocabulary is generated (special tokens, letters, digits, punctuation, common English and
feedback words, and ## suffixes), so any text tokenises. The weights are random but seeded, so
embeddings are deterministic across runs.
"""
from pathlib import Path

WORDS = (
    "the a an and or but not no is was were are be been it this that to of in on for with at by "
    "from as i we you they he she my our your their me us them very so too really just all "
    "good great lovely kind helpful friendly excellent thank thanks brilliant amazing fab nice "
    "bad awful terrible rude poor slow late wait waited waiting hours days weeks never again "
    "staff nurse doctor crew driver council road roads pothole potholes bin bins rubbish waste "
    "collection housing repair repairs rent noise parking street light lights park school "
    "library website online phone call email letter form complaint service care time help "
    "appointment transport food clean dirty safe unsafe communication information delay "
    "nothing everything better worse could would should improve more less".split())
SUFFIXES = ("s", "ed", "ing", "ly", "er", "est", "ment", "ness", "ion", "able")


def tiny_vocab():
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = list("abcdefghijklmnopqrstuvwxyz0123456789") + list(".,!?;:'\"()-/&£%@#*+=")
    pieces = [f"##{c}" for c in "abcdefghijklmnopqrstuvwxyz0123456789"] + [f"##{s}" for s in SUFFIXES]
    vocab = list(dict.fromkeys(specials + chars + list(WORDS) + pieces))
    return vocab


def build_tiny_encoder(directory, hidden=32, layers=2, heads=2, seed=0):
    """Write a config-built random BERT + WordPiece tokenizer to `directory`; return its path."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    directory = Path(directory)
    if directory.is_dir() and (directory / "config.json").exists():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    vocab = tiny_vocab()
    (directory / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(directory / "vocab.txt"), do_lower_case=True)
    tokenizer.save_pretrained(str(directory))
    config = BertConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=layers,
                        num_attention_heads=heads, intermediate_size=hidden * 2,
                        max_position_embeddings=512, pad_token_id=0)
    torch.manual_seed(seed)
    model = BertModel(config)
    model.save_pretrained(str(directory), safe_serialization=True)
    return directory


TINY_SENTIMENT = [
    ("The staff were lovely and kind, thank you", "positive"),
    ("Brilliant service, really helpful and friendly", "positive"),
    ("Great, quick and clean", "positive"),
    ("Rude staff and an awful wait of hours", "negative"),
    ("Terrible service, the bins were never collected", "negative"),
    ("Poor communication and a slow repair", "negative"),
    ("The letter came on Tuesday", "neutral"),
    ("It was ok, some good some bad", "neutral"),
    ("I phoned about the form", "neutral"),
]


def build_tiny_sentiment(encoder):
    """A SentimentModel trained on a handful of texts, matching a tiny encoder's dimension."""
    from classifiers.sentiment import SentimentModel

    texts, labels = zip(*TINY_SENTIMENT)
    return SentimentModel.train(list(texts), list(labels), encoder)
