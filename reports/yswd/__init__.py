""""You said, we did": what residents told the council in a period, and what it did about it.

An officer drafts a publication for a service (or the whole council) and a period. Heard fills
"You said" from the query layer (the period's main themes with their counts and sentiment) and
offers candidate quotes, the most representative words of each theme, only from residents who
agreed to be quoted, never from a special-category item, always redacted (eligibility.py,
quotes.py). "We did" is the done actions' public summaries. The draft goes to review and is
published (services.py); only then, and only with the quotes an officer approved, is it public
(public_views.py, its PDF built by the worker (pdf.py, tasks.py) and its Atom feed (feed.py)).
"""
