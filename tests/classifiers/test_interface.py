from classifiers.interface import Prediction, predict_batch
from classifiers.topics import Topic, TopicModel


def test_predict_batch_gives_sentiment_topics_and_version(tiny_encoder, tiny_sentiment):
    topics = TopicModel.zero_shot([Topic("roads", "Roads"), Topic("bins", "Bins")], tiny_encoder)
    predictions = predict_batch(["Great staff. Awful potholes.", "bins"], encoder=tiny_encoder,
                                sentiment=tiny_sentiment, topics=topics)
    assert len(predictions) == 2 and all(isinstance(p, Prediction) for p in predictions)
    first = predictions[0]
    assert first.sentiment in {"negative", "neutral", "positive"} and 0 <= first.sentiment_score <= 1
    assert len(first.sentences) == 2 and {k for k, _ in first.topics} <= {"roads", "bins"}
    assert first.model_version == f"{tiny_encoder.version}/{tiny_sentiment.version}/{topics.version}"
    assert predict_batch([], encoder=tiny_encoder, sentiment=tiny_sentiment) == []


def test_topics_are_optional(tiny_encoder, tiny_sentiment):
    prediction = predict_batch(["ok"], encoder=tiny_encoder, sentiment=tiny_sentiment)[0]
    assert prediction.topics == [] and prediction.model_version.count("/") == 1
