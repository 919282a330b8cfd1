"""The small interface the rest of Heard uses: a batch of texts in, predictions out.

    enc = load_encoder()                      # once per worker process
    predictions = predict_batch(texts, encoder=enc, sentiment=load_shipped_sentiment(),
                                topics=service_area_model, themes=theme_model)

Each Prediction carries the sentiment label and confidence, the sentence-level polarity, the
service areas (single-label: keys from the service-area model's taxonomy, best first, with
confidences summing to 1 over all service areas), the themes (independent: every theme's
(key, score, assigned at its threshold), highest first) and the model version string to
store beside them. Texts are encoded once and shared by every model.
"""
from dataclasses import dataclass, field


@dataclass
class Prediction:
    sentiment: str
    sentiment_score: float
    sentences: list = field(default_factory=list)    # [SentenceSentiment(text, label, score)]
    topics: list = field(default_factory=list)       # service areas: [(key, confidence)], best first
    model_version: str = ""
    probabilities: dict = field(default_factory=dict)
    themes: list = field(default_factory=list)       # [(key, score, assigned)], highest first


def model_version(encoder, sentiment=None, topics=None, themes=None):
    """e.g. "all-MiniLM-L6-v2@53aa5117/sentiment-1a2b3c4d/topics-5e6f7a8b/themes-9c0d1e2f"."""
    parts = [encoder.version]
    parts += [model.version for model in (sentiment, topics, themes) if model is not None]
    return "/".join(parts)


def predict_batch(texts, encoder, sentiment=None, topics=None, top_k=3, batch_size=32, themes=None):
    """Predict sentiment, service area (`topics`) and themes for each text (the topic and
    theme models may be None)."""
    from classifiers.sentiment import load_shipped_sentiment

    texts = ["" if t is None else str(t) for t in texts]
    if not texts:
        return []
    sentiment = sentiment if sentiment is not None else load_shipped_sentiment()
    embeddings = encoder.encode(texts, batch_size=batch_size)
    sentiments = sentiment.predict(texts, encoder, embeddings=embeddings)
    topic_lists = (topics.predict(texts, encoder, top_k=top_k, embeddings=embeddings)
                   if topics is not None else [[] for _ in texts])
    theme_lists = (themes.predict(texts, encoder, embeddings=embeddings)
                   if themes is not None else [[] for _ in texts])
    version = model_version(encoder, sentiment, topics, themes)
    return [Prediction(sentiment=s.label, sentiment_score=s.score, sentences=s.sentences,
                       topics=t, model_version=version, probabilities=s.probabilities, themes=h)
            for s, t, h in zip(sentiments, topic_lists, theme_lists)]
