"""Staff roles. Every view names the roles it allows; the check runs on the server."""
ADMINISTRATOR = "administrator"
COMPLAINTS_OFFICER = "complaints_officer"
SERVICE_LEAD = "service_lead"
ANALYST = "analyst"
PANEL_FACILITATOR = "panel_facilitator"

ROLES = {
    ADMINISTRATOR: "Administrator",
    COMPLAINTS_OFFICER: "Complaints officer",
    SERVICE_LEAD: "Service lead",
    ANALYST: "Analyst",
    PANEL_FACILITATOR: "Panel facilitator",
}
ALL_ROLES = tuple(ROLES)
