"""Shared by the workspace tests (sign-in, workspace browser)."""
import re

TOKEN_IN_LINK = re.compile(r"/panel/sign-in/([A-Za-z0-9_\-]+)")


def emailed_token(text):
    """The sign-in token in an email's text."""
    match = TOKEN_IN_LINK.search(text)
    assert match, "no sign-in link in the email"
    return match.group(1)
