"""The one query layer every output reads (see reports/__init__.py). Each module answers one
question for a `Filters` (services, period, channel, touchpoint)."""
