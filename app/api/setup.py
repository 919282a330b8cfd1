"""Building the API for one app: the flask-smorest Api (its OpenAPI description served at
/api/v1/openapi.json, with the API-key security scheme), the API blueprints (exempt from CSRF:
they take keys, never cookies), JSON errors under /api/ (app.api.errors) and the admin pages."""
from flask_smorest import Api

from app.api import admin_views, errors, feedback_views

PREFIX = "/api/v1"
API_BLUEPRINTS = (feedback_views.bp,)
DESCRIPTION = (
    "Heard's open API. Send `Authorization: Bearer <key>` with a key an administrator made at "
    "/staff/admin/api-keys; each key has scopes (submit, read-status, read-feedback) and a rate "
    "limit a minute (429 with Retry-After beyond it). Errors are JSON: {code, status, message, errors}.")


class HeardApi(Api):
    """flask-smorest's Api without its app-wide JSON error handler: the API's blueprints have
    their own (app.api.errors), and the app's pages keep their HTML error pages."""

    def _register_error_handlers(self):
        pass


def install(app):
    app.config.update(API_TITLE="Heard API", API_VERSION="1.0.0", OPENAPI_VERSION="3.0.3",
                      OPENAPI_URL_PREFIX=PREFIX, OPENAPI_JSON_PATH="openapi.json",
                      API_SPEC_OPTIONS={"info": {"description": DESCRIPTION}})
    api = HeardApi(app)
    api.spec.components.security_scheme("apiKey", {
        "type": "http", "scheme": "bearer", "bearerFormat": "hrd_<id>_<secret>",
        "description": "An API key made by an administrator, sent as a bearer token"})
    api.spec.path(rule=next(app.url_map.iter_rules("api-docs.openapi_json")), operations={"get": {
        "summary": "This description", "tags": ["api-docs"],
        "responses": {"200": {"description": "The OpenAPI description of this API",
                              "content": {"application/json": {"schema": {"type": "object"}}}}}}})
    for blueprint in API_BLUEPRINTS:
        api.register_blueprint(blueprint)
        app.extensions["csrf"].exempt(blueprint)
    errors.json_routing_errors(app)
    app.register_blueprint(admin_views.bp)
    return api
