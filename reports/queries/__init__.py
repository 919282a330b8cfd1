"""The one query layer every output reads (see reports/__init__.py). Each module answers one
question for a `Filters` (services, period, channel, touchpoint) from the pre-computed
summaries (reports.models), and every figure comes with the previous period's."""


def refresh(full=False):
    """Bring the summaries up to date now (synchronously); tests call it after creating data."""
    from reports.summaries_refresh import refresh as run

    return run(full=full)
