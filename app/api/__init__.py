"""Heard's open API (/api/v1/): other systems send feedback in, read a reference's status and
read classified feedback, with API keys administrators create, scope and revoke.

- `setup.install(app)` builds the flask-smorest Api for one app (its OpenAPI description is
  served at /api/v1/openapi.json) and registers the API and the admin pages.
- `keys`: making, finding and revoking keys (stored only as a SHA-256 hash).
- `guard.requires(scope)`: every API view's key check, rate limit and audit line.
- `feedback_views`, `schemas`, `reads`, `intake`: the endpoints, their schemas, the reads
  behind the list, and idempotent submission.
- `admin_views`: /staff/admin/api-keys.
"""
