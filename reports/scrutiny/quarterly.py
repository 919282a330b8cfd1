"""The quarterly scrutiny pack asked for by itself: on the first working day after a quarter ends
(app.workdays), the worker asks the archive for the pack of the quarter just ended, so it is
ready on /staff/reports for the councillor's briefing. Asking twice returns the same report."""
from reports.scrutiny import quarters, reads


def start_quarter(today):
    """The id of the stored pack asked for, or None unless `today` is the first working day after
    a financial-year quarter ended."""
    quarter = quarters.last_ended(today)
    if today != quarters.first_working_day_after(quarter):
        return None
    return reads.request(quarter).id
