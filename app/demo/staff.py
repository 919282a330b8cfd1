"""The demo's staff accounts: one or more for every role, on the reserved `.invalid`
top-level domain, with one documented password per role (printed by `make run`).
"""
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
