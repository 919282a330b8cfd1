"""Helpers for driving pages like a browser would: read the CSRF token, post forms, sign in."""
import re
import time
from urllib.parse import urlparse

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SECRET_KEY_TEXT = re.compile(r'id="secret-key"[^>]*>([^<]+)<')


def csrf_token(client, url):
    html = client.get(url).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"no csrf token on {url}"
    return match.group(1)


def submit(client, url, data, ip="127.0.0.1", **kwargs):
    data = dict(data, csrf_token=csrf_token(client, url))
    return client.post(url, data=data, environ_base={"REMOTE_ADDR": ip}, **kwargs)


def sign_in(client, email, password, ip="127.0.0.1"):
    """Sign in through the real pages: the password, then, where the account has two-factor
    sign-in, the code its authenticator app would show now (the secret read from the
    database, as the officer's phone holds it), or setting the app up where a role needs it
    and has none (the key read from the set-up page). Returns a 302 into the staff pages when
    it worked (after a set-up, which shows the recovery codes, the sign-in page's redirect of a
    signed-in browser), else the page that refused."""
    response = submit(client, "/staff/login", {"email": email, "password": password}, ip=ip)
    step = urlparse(response.headers.get("Location", "")).path if response.status_code == 302 else ""
    if step == "/staff/login/code":
        return submit(client, step, {"code": authenticator_code(email)}, ip=ip)
    if step == "/staff/login/set-up":
        import pyotp

        page = client.get(step).get_data(as_text=True)
        secret = "".join(SECRET_KEY_TEXT.search(page).group(1).split())
        shown = submit(client, step, {"code": pyotp.TOTP(secret).now()}, ip=ip)
        return client.get("/staff/login") if 'id="recovery-codes"' in shown.get_data(as_text=True) else shown
    return response


def authenticator_code(email):
    """The code `email`'s authenticator app shows now, for a step not used yet: a code is
    accepted once (replay), and the app's next code is accepted too (clock drift), so two
    sign-ins in the same 30 seconds work; a third moves the account's last used step back,
    standing in for waiting half a minute."""
    import pyotp

    from app.auth.models import User

    user = User.get(User.email == email.strip().lower())
    totp = pyotp.TOTP(user.totp_secret)
    step = totp.timecode(time.time())
    if user.totp_last_step >= step + 1:
        User.update(totp_last_step=step - 1).where(User.id == user.id).execute()
        user.totp_last_step = step - 1
    return totp.generate_otp(step if user.totp_last_step < step else step + 1)


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def title_starts_with_h1(html):
    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1)
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()
    return title.replace("Error: ", "", 1).startswith(h1), title, h1


def get_page(client, url, status=200):
    """GET `url` expecting `status`; a 200 page must have one <h1> and a title that starts
    with it. Returns the HTML."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    html = response.get_data(as_text=True)
    if status == 200:
        assert h1_count(html) == 1 and title_starts_with_h1(html)[0], url
    return html
