"""Shared by the workspace tests (sign-in, workspace, isolation, digest).

`proposal_pages(app)`: the workspace links every proposal to `proposals_members.show`
(/panel/proposals/<id>), which the proposals part of the panels provides. Where that blueprint
is not registered (this branch on its own) a stand-in rule that answers 404 is added so the
links can be built; once it is registered the real page is used and this does nothing.
"""
import re

from flask import abort

PROPOSAL_PAGE = "proposals_members.show"


def has_proposal_pages(app):
    return PROPOSAL_PAGE in app.view_functions


def proposal_pages(app):
    if not has_proposal_pages(app):
        app.add_url_rule("/panel/proposals/<id:proposal_id>", endpoint=PROPOSAL_PAGE,
                         view_func=lambda proposal_id: abort(404))
    return app


TOKEN_IN_LINK = re.compile(r"/panel/sign-in/([A-Za-z0-9_\-]+)")


def emailed_token(text):
    """The sign-in token in an email's text."""
    match = TOKEN_IN_LINK.search(text)
    assert match, "no sign-in link in the email"
    return match.group(1)
