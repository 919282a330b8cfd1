"""What members said about a proposal, summarised: the views by stance (with their reasons),
each question's answers, and the themes of members' comments as the classifiers drew them
(sentiment counts, and topics with their counts and up to three representative comments).

Hidden comments and staff replies are never part of the themes. Representative comments are
the ones the topic model was surest of, passed through `classifiers.redact` (they are quoted
on summary pages for staff and for members), never two with the same words.
"""
from collections import Counter
from dataclasses import dataclass

from app.learning.models import Topic
from classifiers.redact import redact
from panels.models import Member
from panels.proposals.models import STANCES, Answer, Comment, Question, View

SENTIMENTS = (("positive", "Positive"), ("neutral", "Neutral"), ("negative", "Negative"))
NO_TOPIC = "No clear topic"
QUOTES = 3


@dataclass(frozen=True)
class Stance:
    key: str
    label: str
    count: int
    views: list  # [View] with their members, newest first


@dataclass(frozen=True)
class QuestionAnswers:
    question: Question
    answers: list  # [Answer]


@dataclass(frozen=True)
class TopicTheme:
    key: str
    name: str
    count: int
    quotes: list  # [str], redacted


@dataclass(frozen=True)
class Themes:
    comments: int  # members' visible comments
    classified: int
    sentiments: list  # [(key, label, count)]
    topics: list  # [TopicTheme], most comments first

    @property
    def waiting(self):
        return self.comments - self.classified


@dataclass(frozen=True)
class Results:
    views: list  # [Stance]
    total_views: int
    questions: list  # [QuestionAnswers]
    themes: Themes


def views(proposal):
    rows = list(View.select(View, Member).join(Member).where(View.proposal == proposal)
                .order_by(View.updated_at.desc(), View.id.desc()))
    return [Stance(key, label, sum(1 for v in rows if v.stance == key), [v for v in rows if v.stance == key])
            for key, label in STANCES.items()]


def questions(proposal):
    found = list(Question.select().where(Question.proposal == proposal)
                 .order_by(Question.position, Question.id))
    answers = {}
    for answer in (Answer.select(Answer, Member).join(Member)
                   .where(Answer.question.in_([q.id for q in found] or [0]))
                   .order_by(Answer.updated_at, Answer.id)):
        answers.setdefault(answer.question_id, []).append(answer)
    return [QuestionAnswers(question, answers.get(question.id, [])) for question in found]


def _member_comments(proposal):
    return list(Comment.select(Comment, Member).join(Member)
                .where(Comment.proposal == proposal, Comment.hidden_at.is_null())
                .order_by(Comment.id))


def _topic_names(keys):
    names = {t.key: t.name
             for t in Topic.select(Topic.key, Topic.name).where(Topic.key.in_(list(keys) or [""]))}
    return {key: names.get(key) or (key.replace("-", " ").replace("_", " ").capitalize() if key else NO_TOPIC)
            for key in keys}


def _quotes(comments, names):
    """Up to QUOTES redacted comments, the topic model's surest first, each wording once."""
    ranked = sorted(comments, key=lambda c: (-(c.topic_score if c.topic_score is not None else 0.0), c.id))
    quotes = []
    for comment in ranked:
        text = redact(" ".join(comment.body.split()), names=names)
        if text and text not in quotes:
            quotes.append(text)
        if len(quotes) == QUOTES:
            break
    return quotes


def themes(proposal):
    comments = _member_comments(proposal)
    classified = [c for c in comments if c.classified_version]
    sentiment_counts = Counter(c.sentiment for c in classified)
    by_topic = {}
    for comment in classified:
        by_topic.setdefault(comment.topic or "", []).append(comment)
    names = _topic_names(by_topic)
    people = sorted({c.member.name for c in comments if c.member.name}, key=len, reverse=True)
    topics = [TopicTheme(key, names[key], len(group), _quotes(group, people))
              for key, group in by_topic.items()]
    topics.sort(key=lambda t: (-t.count, t.key == "", t.name.lower()))
    return Themes(len(comments), len(classified),
                  [(key, label, sentiment_counts.get(key, 0)) for key, label in SENTIMENTS], topics)


def summary(proposal):
    stances = views(proposal)
    return Results(stances, sum(s.count for s in stances), questions(proposal), themes(proposal))
