"""`flask --app app classifiers train|evaluate`: train the shipped sentiment model, test models.

    flask --app app classifiers train --task sentiment --csv classifiers/data/fft-v6.csv
    flask --app app classifiers evaluate --task sentiment --test FILE.csv [--json]
    flask --app app classifiers evaluate --task topic --test FILE.csv [--train FILE.csv] [--json]

Bad files get a one-line error and exit status 2. Heavy imports happen inside the commands.
"""
import sys
import time

import click

SENTIMENT_PROVIDERS = []  # callables returning the live SentimentModel (or None); see below


def register_sentiment_provider(provider):
    """Let the app supply its current (promoted) sentiment model to `evaluate`; the shipped
    model is used when no provider returns one."""
    if provider not in SENTIMENT_PROVIDERS:
        SENTIMENT_PROVIDERS.append(provider)


def _fail(message):
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def _encoder(path_or_id):
    from classifiers.encoder import EncoderIntegrityError, EncoderNotFound, load_encoder

    try:
        return load_encoder(path_or_id)
    except (EncoderIntegrityError, EncoderNotFound) as error:
        raise click.ClickException(str(error).splitlines()[0])


def _current_sentiment(model_path):
    from classifiers.sentiment import SentimentModel, load_shipped_sentiment

    if model_path:
        with open(model_path, "rb") as handle:
            return SentimentModel.from_bytes(handle.read())
    for provider in SENTIMENT_PROVIDERS:
        model = provider()
        if model is not None:
            return model
    return load_shipped_sentiment()


@click.group("classifiers", help="Sentiment and topic models: train and evaluate.")
def classifiers_cli():
    pass


@classifiers_cli.command("train")
@click.option("--task", type=click.Choice(["sentiment"]), required=True)
@click.option("--csv", "csv_paths", multiple=True, required=True, type=click.Path(dir_okay=False),
              help="Labelled CSV (text and label or sentiment columns); repeat for more files.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Where to write the model (default: the shipped model file).")
@click.option("--encoder", "encoder_path", default=None, help="Encoder path or id (default: setting).")
def train(task, csv_paths, out, encoder_path):
    """Train the sentiment model reproducibly (fixed seeds) from labelled feedback."""
    from classifiers.evaluation import DataFileError, read_labelled_csv
    from classifiers.sentiment import SHIPPED_PATH, SentimentModel

    texts, labels = [], []
    for path in csv_paths:
        try:
            data = read_labelled_csv(path, "sentiment", label_columns=("label", "sentiment"),
                                     skip_blank_labels=True)
        except DataFileError as error:
            _fail(str(error))
        texts += data.texts
        labels += data.labels
    encoder = _encoder(encoder_path)
    started = time.perf_counter()
    model = SentimentModel.train(texts, labels, encoder)
    out = out or str(SHIPPED_PATH)
    model.save(out)
    counts = ", ".join(f"{k} {v}" for k, v in model.meta["label_counts"].items())
    click.echo(f"Trained {model.version} on {len(texts)} texts ({counts}) with {encoder.version} "
               f"in {time.perf_counter() - started:.0f} s; wrote {out}")


@classifiers_cli.command("evaluate")
@click.option("--task", type=click.Choice(["sentiment", "topic"]), required=True)
@click.option("--test", "test_path", required=True, type=click.Path(dir_okay=False))
@click.option("--train", "train_path", default=None, type=click.Path(dir_okay=False),
              help="Topic task only: learn from these rows in a scratch model first.")
@click.option("--json", "as_json", is_flag=True, help="End with one line of JSON.")
@click.option("--model", "model_path", default=None, type=click.Path(dir_okay=False),
              help="Sentiment task: a model file to test instead of the current model.")
@click.option("--encoder", "encoder_path", default=None, help="Encoder path or id (default: setting).")
def evaluate(task, test_path, train_path, as_json, model_path, encoder_path):
    """Test a model on a labelled CSV (columns text,label) before switching it on."""
    from classifiers.evaluation import (DataFileError, evaluate_sentiment, evaluate_topics,
                                        read_labelled_csv, report, result_json)

    started = time.perf_counter()
    if train_path and task != "topic":
        _fail("--train is only for --task topic")
    try:
        test = read_labelled_csv(test_path, task)
        train_data = read_labelled_csv(train_path, task) if train_path else None
    except DataFileError as error:
        _fail(str(error))
    encoder = _encoder(encoder_path)
    if task == "sentiment":
        model = _current_sentiment(model_path)
        if model.coef.shape[1] != encoder.dim + 4:
            _fail(f"sentiment model {model.version} was not trained with encoder {encoder.version}")
        result = evaluate_sentiment(test, encoder, model, started=started)
    else:
        result = evaluate_topics(test, encoder, train=train_data, started=started)
    click.echo(report(result))
    if as_json:
        click.echo(result_json(result))
