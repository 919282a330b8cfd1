"""Public pages, headers and error pages as a visitor meets them."""
from tests.web import h1_count, title_starts_with_h1


def test_security_headers_on_every_response(client):
    for url in ("/", "/staff/login", "/healthz", "/no-such-page"):
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_session_cookie_flags(client, app):
    response = client.get("/staff/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.config["SESSION_COOKIE_SECURE"] is False  # on when SECURE_COOKIES=1


def test_secure_cookies_setting(settings_overrides):
    from app import create_app

    secure = create_app(dict(settings_overrides, secure_cookies=True))
    response = secure.test_client().get("/staff/login")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers


def test_landing_page_says_what_residents_can_do(client):
    html = client.get("/").get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    for words in ("compliment", "complaint", "survey", "/track"):
        assert words in html


def test_friendly_404(client):
    response = client.get("/nothing/here")
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and "Page not found" in html and h1_count(html) == 1


def test_friendly_500_without_leaking_details(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in html and "Sorry, there is a problem" in html


def test_oversized_body_gets_413_page(client, app):
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.post("/staff/login", data={"email": big, "password": "x"})
    assert response.status_code == 413 and "<h1" in response.get_data(as_text=True)


def test_hostile_input_never_500s(client):
    for email in ("' OR 1=1 --", "\x00\xff", "<script>alert(1)</script>@x", "a" * 5000):
        response = client.post("/staff/login", data={"email": email, "password": "p"})
        assert response.status_code in (200, 400)
    assert client.get("/%00").status_code in (400, 404)
    assert client.get("/staff/login?next=%ff%fe").status_code == 200


def test_health_check_reports_database_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": True, "queue": True}


def test_council_branding_from_settings(settings_overrides):
    from app import create_app

    app = create_app(dict(settings_overrides, council_name="Borsetshire Council", council_colour="#00703c"))
    client = app.test_client()
    assert "Borsetshire Council" in client.get("/").get_data(as_text=True)
    assert "#00703c" in client.get("/council.css").get_data(as_text=True)


def test_assets_are_served_by_the_app_without_the_gov_uk_typeface(client):
    css = client.get("/static/govuk/govuk-frontend.min.css")
    assert css.status_code == 200 and b"GDS Transport" not in css.data
    html = client.get("/").get_data(as_text=True)
    assert "cdn" not in html.lower() and "//" not in html.split("<body", 1)[0].replace("http://www.w3.org", "")
