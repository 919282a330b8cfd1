"""Staff roles. Every view names the roles it allows; the check runs on the server."""
ADMINISTRATOR = "administrator"
COMPLAINTS_OFFICER = "complaints_officer"
SERVICE_LEAD = "service_lead"
ANALYST = "analyst"
PANEL_FACILITATOR = "panel_facilitator"
CONTACT_ADVISER = "contact_adviser"

ROLES = {
    ADMINISTRATOR: "Administrator",
    COMPLAINTS_OFFICER: "Complaints officer",
    SERVICE_LEAD: "Service lead",
    ANALYST: "Analyst",
    PANEL_FACILITATOR: "Panel facilitator",
    CONTACT_ADVISER: "Contact centre adviser",
}
ALL_ROLES = tuple(ROLES)

# Roles that must sign in with a second factor (an authenticator app's code, or a recovery
# code) after their password; everyone else may turn it on from their account page.
SECOND_FACTOR_REQUIRED = (ADMINISTRATOR, COMPLAINTS_OFFICER)


def needs_second_factor(role):
    return role in SECOND_FACTOR_REQUIRED
