"""`flask --app app classifiers train|evaluate`: train the shipped sentiment model, test models.

    flask --app app classifiers train --task sentiment [--csv FILE ...] [--frozen]
    flask --app app classifiers evaluate --task sentiment --test FILE.csv [--train FILE.csv] [--json]
    flask --app app classifiers evaluate --task topic --test FILE.csv [--train FILE.csv] [--json]
    flask --app app classifiers train --task safeguarding  (the development and the two used held-out sets)
    flask --app app classifiers evaluate --task safeguarding --test FILE.csv [--threshold T] [--json]

Bad files get a one-line error and exit status 2. Heavy imports happen inside the commands.
"""
import sys
import time
import zipfile
from pathlib import Path

import click

DATA = Path(__file__).resolve().parent.parent / "tests" / "classifiers" / "data"
# The safeguarding head's training data (see shipped/MODEL_CARD.md): each file, and each `part`
# within it, is a source for cross-validation grouped by source.
SAFEGUARDING_CSVS = (DATA / "safeguarding-dev.csv", DATA / "safeguarding-holdout.csv",
                     DATA / "safeguarding-holdout2.csv")
SENTIMENT_PROVIDERS = []  # callables returning the live SentimentModel (or None); see below
THRESHOLD_PROVIDERS = []  # callables(head) returning the council's safeguarding threshold (or None)


def register_sentiment_provider(provider):
    """Let the app supply its current (promoted) sentiment model to `evaluate`; the shipped
    model is used when no provider returns one."""
    if provider not in SENTIMENT_PROVIDERS:
        SENTIMENT_PROVIDERS.append(provider)


def register_threshold_provider(provider):
    """Let the app supply the council's calibrated threshold for a safeguarding head to
    `evaluate`; the head's own default is used when no provider returns one."""
    if provider not in THRESHOLD_PROVIDERS:
        THRESHOLD_PROVIDERS.append(provider)


def _live_threshold(head):
    for provider in THRESHOLD_PROVIDERS:
        threshold = provider(head)
        if threshold is not None:
            return float(threshold)
    return head.threshold


def _fail(message):
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def _encoder(path_or_id, precision=None):
    from classifiers.encoder import EncoderIntegrityError, EncoderNotFound, load_encoder

    try:
        return load_encoder(path_or_id, precision=precision)
    except (EncoderIntegrityError, EncoderNotFound) as error:
        raise click.ClickException(str(error).splitlines()[0])


def _current_sentiment(model_path):
    from classifiers.sentiment import load_shipped_sentiment, sentiment_from_bytes

    if model_path:
        with open(model_path, "rb") as handle:
            return sentiment_from_bytes(handle.read())
    for provider in SENTIMENT_PROVIDERS:
        model = provider()
        if model is not None:
            return model
    return load_shipped_sentiment()


@click.group("classifiers", help="Sentiment, topic and safeguarding models: train and evaluate.")
def classifiers_cli():
    pass


@classifiers_cli.command("train")
@click.option("--task", type=click.Choice(["sentiment", "safeguarding"]), required=True)
@click.option("--csv", "csv_paths", multiple=True, type=click.Path(dir_okay=False),
              help="Labelled CSV (text and label or sentiment columns); repeat for more files. "
                   "Safeguarding: an optional part column names each row's source; default: "
                   "the development set and the two used held-out sets.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Where to write the model (default: the shipped model file).")
@click.option("--encoder", "encoder_path", default=None, help="Encoder path or id (default: setting).")
@click.option("--fine-tune/--frozen", "fine_tune", default=True,
              help="Sentiment: fine-tune the encoder (LoRA) and train the head on it (default), "
                   "or train the head on the frozen encoder.")
def train(task, csv_paths, out, encoder_path, fine_tune):
    """Train the sentiment model or the safeguarding head reproducibly (fixed seeds)."""
    from classifiers.evaluation import DataFileError, read_labelled_csv
    from classifiers.recipes import DATA, SHIPPED_CORPUS

    if not csv_paths and task == "safeguarding":
        csv_paths = [str(path) for path in SAFEGUARDING_CSVS]
    if not csv_paths:  # the shipped model's training data
        csv_paths = [str(DATA / name) for name in SHIPPED_CORPUS]
    texts, labels, groups = [], [], []
    for path in csv_paths:
        try:
            data = read_labelled_csv(path, task, label_columns=("label", "sentiment"),
                                     skip_blank_labels=True, group_column="part")
        except DataFileError as error:
            _fail(str(error))
        texts += data.texts
        labels += data.labels
        groups += data.groups
    # Shipped models are trained on fp32 embeddings: the same file on every machine.
    encoder = _encoder(encoder_path, precision="fp32")
    if task == "safeguarding":
        return _train_safeguarding(texts, labels, groups, encoder, out)
    from classifiers.sentiment import SHIPPED_PATH, SentimentModel
    from classifiers.tuned import TunedModel

    started = time.perf_counter()
    if fine_tune:
        model = TunedModel.train("sentiment", texts, labels, encoder)
    else:
        model = SentimentModel.train(texts, labels, encoder)
    out = out or str(SHIPPED_PATH)
    with open(out, "wb") as handle:
        handle.write(model.to_bytes())
    counts = ", ".join(f"{k} {v}" for k, v in model.meta["label_counts"].items())
    how = (f"fine-tuned ({model.meta['fine_tuning']['steps']} steps)" if fine_tune else "frozen encoder")
    click.echo(f"Trained {model.version} on {len(texts)} texts ({counts}) with {encoder.version}, "
               f"{how}, in {time.perf_counter() - started:.0f} s; wrote {out}")


def _train_safeguarding(texts, labels, groups, encoder, out):
    from classifiers import safeguarding_head

    started = time.perf_counter()
    head = safeguarding_head.train(texts, labels, encoder, groups=groups)
    out = out or str(safeguarding_head.SHIPPED_PATH)
    head.save(out)
    cv = head.meta["cross_validation"]
    click.echo(f"Trained {head.version} on {len(texts)} texts (risk {head.meta['training_rows']['risk']}, "
               f"none {head.meta['training_rows']['none']}) with {encoder.version} in "
               f"{time.perf_counter() - started:.0f} s; wrote {out}")
    if cv["method"] == "by source":
        click.echo(f"Cross-validated by source (each of {len(cv['sources'])} sources held out in turn): "
                   f"{_rates_line(head, cv)}; recall averaged over the sources "
                   f"{cv['at_threshold']['recall_source_average']:.3f} at the threshold, "
                   f"{cv['at_ceiling']['recall_source_average']:.3f} at the ceiling")
        for name, found in cv["sources"].items():
            click.echo(f"  {name}: {found['risk']} risk, {found['none']} none; at the threshold recall "
                       f"{_figure(found['recall'])} false-positive rate {_figure(found['false_positive_rate'])}")
    click.echo(f"Cross-validated ({cv['folds']}-fold x {cv['repeats']}): {_rates_line(head, cv['k_fold'])}")


def _figure(value):
    return "-" if value is None else f"{value:.3f}"


def _rates_line(head, figures):
    at, top = figures["at_threshold"], figures["at_ceiling"]
    return (f"threshold {head.threshold:.3f} recall {_figure(at['recall'])} false-positive rate "
            f"{_figure(at['false_positive_rate'])}; ceiling {head.ceiling:.3f} recall {_figure(top['recall'])} "
            f"false-positive rate {_figure(top['false_positive_rate'])}")


@classifiers_cli.command("evaluate")
@click.option("--task", type=click.Choice(["sentiment", "topic", "safeguarding"]), required=True)
@click.option("--test", "test_path", required=True, type=click.Path(dir_okay=False))
@click.option("--train", "train_path", default=None, type=click.Path(dir_okay=False),
              help="Sentiment or topic task: learn from these rows first, as the live learning "
                   "loop learns from officers' labels (fine-tuning the encoder when there are enough).")
@click.option("--json", "as_json", is_flag=True, help="End with one line of JSON.")
@click.option("--model", "model_path", default=None, type=click.Path(dir_okay=False),
              help="Sentiment or safeguarding task: a model file to test instead of the current one.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Safeguarding task: flag at this score (default: the council's current threshold).")
@click.option("--encoder", "encoder_path", default=None, help="Encoder path or id (default: setting).")
def evaluate(task, test_path, train_path, as_json, model_path, threshold, encoder_path):
    """Test a model on a labelled CSV (columns text,label) before switching it on."""
    from classifiers.evaluation import (DataFileError, evaluate_sentiment, evaluate_topics,
                                        read_labelled_csv, report, result_json)

    started = time.perf_counter()
    if train_path and task == "safeguarding":
        _fail("--train is only for --task sentiment or topic")
    if train_path and model_path:
        _fail("use --train or --model, not both")
    if threshold is not None and task != "safeguarding":
        _fail("--threshold is only for --task safeguarding")
    try:
        test = read_labelled_csv(test_path, task)
        train_data = read_labelled_csv(train_path, task) if train_path else None
    except DataFileError as error:
        _fail(str(error))
    encoder = _encoder(encoder_path)
    if task == "sentiment" and train_data is not None:
        result = evaluate_sentiment(test, encoder, started=started, train=train_data)
    elif task == "sentiment":
        model = _current_sentiment(model_path)
        if model.coef.shape[1] != encoder.dim + 4:
            _fail(f"sentiment model {model.version} was not trained with encoder {encoder.version}")
        result = evaluate_sentiment(test, encoder, model, started=started)
    elif task == "safeguarding":
        result = _evaluate_safeguarding(test, encoder, model_path, threshold, started)
    else:
        result = evaluate_topics(test, encoder, train=train_data, started=started)
    click.echo(report(result))
    if as_json:
        click.echo(result_json(result))


def _evaluate_safeguarding(test, encoder, model_path, threshold, started):
    from classifiers.evaluation import evaluate_safeguarding
    from classifiers.safeguarding_head import SafeguardingHead, load_shipped

    try:
        head = SafeguardingHead.from_bytes(Path(model_path).read_bytes()) if model_path else load_shipped()
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        _fail(f"cannot read the safeguarding model: {(str(error) or type(error).__name__).splitlines()[0]}")
    if head.dim != encoder.dim:
        _fail(f"safeguarding model {head.version} was not trained with encoder {encoder.version}")
    threshold = _live_threshold(head) if threshold is None else threshold
    return evaluate_safeguarding(test, encoder, head, threshold, started=started)
