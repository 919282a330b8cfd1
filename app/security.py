"""Security headers, the content security policy and friendly error pages."""
import logging

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
ERROR_TEMPLATES = {400: "400", 403: "403", 404: "404", 405: "405", 413: "413", 429: "429"}


def install(app):
    secure = app.config["HEARD"].secure_cookies

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if request.endpoint != "static" and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error):
        name = ERROR_TEMPLATES.get(error.code)
        if name is None:
            return error
        return render_template(f"errors/{name}.html", error=error), error.code

    @app.errorhandler(Exception)
    def server_error(error):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        try:
            return render_template("errors/500.html"), 500
        except Exception:  # the error page itself must never fail
            log.exception("The 500 page failed to render")
            return "Sorry, there is a problem with the service. Try again later.", 500
