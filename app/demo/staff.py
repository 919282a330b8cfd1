"""The demo's staff accounts: one or more for every role, on the reserved `.invalid`
top-level domain, with one documented password per role (printed by `make run`). The roles
that must sign in with a second factor get an authenticator secret made from their email
address, so it is the same after every reseed; `flask --app app demo sign-ins` prints it, for
any authenticator app (or pyotp). Like the passwords, these are public: demo accounts only.
"""
import base64
import hashlib

from app.auth import roles

DEMO_EMAIL_DOMAIN = "demo.heard.invalid"
PASSWORD_PREFIX = "heard-demo-"
DEMO_PASSWORD_HINT = (
    f"Every demo account's password is {PASSWORD_PREFIX}<role>, for example "
    f"{PASSWORD_PREFIX}administrator or {PASSWORD_PREFIX}complaints-officer."
)

# (local part, name, role, service slugs: the services a lead works in, or the service
# teams a complaints officer is in; every service has one or two officers, and new
# complaints go round-robin within the team: app.cases.assignment)
STAFF = (
    ("admin", "Morwenna Tilbury", roles.ADMINISTRATOR, ()),
    ("officer1", "Dev Ashbourne", roles.COMPLAINTS_OFFICER,
     ("highways", "street-lighting", "parking", "waste-recycling", "libraries", "registration")),
    ("officer2", "Niamh Castleford", roles.COMPLAINTS_OFFICER,
     ("adult-social-care", "childrens-services", "school-admissions", "blue-badge",
      "concessionary-fares", "council-tax")),
    ("officer3", "Kemi Haverleigh", roles.COMPLAINTS_OFFICER,
     ("highways", "waste-recycling", "council-tax", "parking", "adult-social-care",
      "school-admissions")),
    ("lead.streets", "Rhodri Penhallow", roles.SERVICE_LEAD, ("highways", "street-lighting")),
    ("lead.care", "Farah Quennell", roles.SERVICE_LEAD, ("adult-social-care",)),
    ("analyst", "Tobias Wrenfield", roles.ANALYST, ()),
    ("panel", "Imogen Fairhurst", roles.PANEL_FACILITATOR, ()),
    ("contact", "Bethan Ashworth", roles.CONTACT_ADVISER, ()),
)


def password_for(role):
    """heard-demo-administrator, heard-demo-complaints-officer, ..."""
    return PASSWORD_PREFIX + role.replace("_", "-")


def staff_accounts():
    """Plain dicts, in a fixed order, for app.demo.seed to create."""
    return [
        {
            "email": f"{local}@{DEMO_EMAIL_DOMAIN}",
            "name": name,
            "role": role,
            "role_label": roles.ROLES[role],
            "password": password_for(role),
            "services": list(services),
        }
        for local, name, role, services in STAFF
    ]


def totp_secret_for(email):
    """The demo account's authenticator secret (base32, 160 bits), the same on every seed."""
    digest = hashlib.sha256(f"heard-demo-authenticator:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def sign_in_lines(users):
    """What `demo sign-ins` prints for these demo accounts: email and password, and for those
    that sign in with a code, the authenticator secret they hold now."""
    from app.auth.passwords import verify_password

    lines, with_codes = ["Demo staff sign-ins (at /staff/login):"], False
    for user in users:
        password = password_for(user.role)
        shown = password if verify_password(user.password_hash, password) else "(password changed)"
        lines.append(f"  {user.role_label:<20} {user.email:<36} {shown}")
        if user.totp_secret:
            lines.append(f"  {'':<20} authenticator secret: {user.totp_secret}")
            with_codes = True
        elif user.needs_second_factor:
            lines.append(f"  {'':<20} (sets up an authenticator app at the next sign-in)")
    if with_codes:
        lines += ["After the password, accounts with an authenticator secret ask for a 6-digit code: add the",
                  "secret to any authenticator app, or print the code now with",
                  "  .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('SECRET').now())\""]
    return lines
