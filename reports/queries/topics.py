"""Topics, as every output reads them: `top_topics(filters, *, limit=10, kinds=None,
head="theme") -> [TopicFigure]` (reports.queries.topic_figures, from the summaries) and a
topic's complaints month by month, `topic_months(topic_id, *, services=None, start_month,
months, kinds=("complaint",)) -> [MonthFigure]`, which lives in app.learning.trends because an
action's evidence (the domain layer) needs it too."""
from app.learning.trends import MonthFigure, topic_months  # noqa: F401
from reports.queries.topic_figures import TopicFigure, top_topics  # noqa: F401
