"""The period overview: every figure a periodic complaints report shows (the annual complaints
performance and service improvement report, the quarterly scrutiny pack), for any Filters, from
the query layer only. `gather(filters) -> Overview`; `store.dumps/loads` keep one as JSON."""
from reports.overview.gather import Improvement, Overview, gather

__all__ = ["Improvement", "Overview", "gather"]
