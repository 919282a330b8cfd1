"""Helpers for driving pages like a browser would: read the CSRF token, post forms."""
import re

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url):
    html = client.get(url).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"no csrf token on {url}"
    return match.group(1)


def submit(client, url, data, ip="127.0.0.1", **kwargs):
    data = dict(data, csrf_token=csrf_token(client, url))
    return client.post(url, data=data, environ_base={"REMOTE_ADDR": ip}, **kwargs)


def sign_in(client, email, password, ip="127.0.0.1"):
    return submit(client, "/staff/login", {"email": email, "password": password}, ip=ip)


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
