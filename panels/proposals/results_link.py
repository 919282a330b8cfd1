"""Links from the proposal pages to the results pages (panels.proposals.results_views, the
`proposal_results` blueprint: the staff results and the members' outcome). They are built only
when that blueprint is registered, so the proposal pages never fail for want of it."""
from flask import current_app, url_for


def optional_url(endpoint, **values):
    """url_for(endpoint, **values), or None while no view answers to `endpoint`."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)
