"""Role checks on the server, for every staff view."""
import functools

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from app.auth import kept
from app.auth.roles import ALL_ROLES, needs_second_factor

# What staff who must change a one-time password may still reach: that page, and the
# timeout warning's questions (which must not be answered with a redirect).
PASSWORD_CHANGE_ALLOWS = ("auth.change_password", "auth.session_status", "auth.keep_alive")
# ... and staff whose role needs two-factor sign-in but who have none (their role changed, say,
# while they were signed in): the set-up page too.
SECOND_FACTOR_ALLOWS = PASSWORD_CHANGE_ALLOWS + ("auth.account_two_factor",)


def roles_required(*roles):
    """Allow only signed-in staff holding one of `roles` (all staff if none given).
    Staff who must change a one-time password are sent to do that first, then anyone whose
    role needs two-factor sign-in and has none to set it up. A form sent after the session
    timed out is kept for its officer while they sign in again."""
    allowed = roles or ALL_ROLES

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                if request.method == "POST":
                    return kept.keep_and_sign_in()
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if current_user.must_change_password and request.endpoint not in PASSWORD_CHANGE_ALLOWS:
                return redirect(url_for("auth.change_password"))
            if (needs_second_factor(current_user.role) and not current_user.has_second_factor
                    and request.endpoint not in SECOND_FACTOR_ALLOWS):
                flash(f"{current_user.role_label}s must sign in with a code from an authenticator app. "
                      "Set it up to carry on.", "info")
                return redirect(url_for("auth.account_two_factor"))
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        guarded.allowed_roles = allowed
        return guarded

    return decorator
