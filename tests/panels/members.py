"""Helpers for tests of members' pages."""
import secrets


def sign_in_member(client, member):
    """Give `client` a live member session for `member`, as following an emailed link does."""
    from panels.models import MemberSession
    from panels.sessions import SESSION_KEY, token_hash

    token = secrets.token_urlsafe(32)
    MemberSession.create(token_hash=token_hash(token), member=member)
    with client.session_transaction() as session:
        session[SESSION_KEY] = token
