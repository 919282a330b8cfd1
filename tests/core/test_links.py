"""Every link we send works: `make run` on a port other than the default, then the links in
the emails its worker sent and in a QR poster it printed are followed, and every one answers."""
import email
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from email.policy import default
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
LINK = re.compile(r"https?://[^\s<>\"')\]]+")

pytestmark = pytest.mark.slow


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser for the test: cookies, forms with their CSRF token."""

    def __init__(self, base):
        import http.cookiejar

        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

    def open(self, path, data=None):
        from urllib.parse import urlencode

        url = path if path.startswith("http") else self.base + path
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def submit(self, path, data):
        status, page = self.open(path)
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()
        return self.open(path, dict(data, csrf_token=token))


@pytest.fixture
def served(tmp_path, database_url):
    """`make run` on a free port, BASE_URL unset; yields (base URL, instance folder)."""
    port, instance = free_port(), tmp_path / "instance"
    env = dict(os.environ, HEARD_INSTANCE_PATH=str(instance), DATABASE_URL=database_url,
               PORT=str(port))
    for name in ("HUEY_IMMEDIATE", "BASE_URL", "MAKEFLAGS", "MFLAGS"):
        env.pop(name, None)
    proc = subprocess.Popen(["make", "-s", "run"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 300
        while not answers(base):
            assert proc.poll() is None, proc.communicate()[0][-3000:]
            assert time.time() < deadline, "make run did not start in 5 minutes"
            time.sleep(0.5)
        yield base, instance
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=60)


def answers(base):
    try:
        return Browser(base).open("/healthz")[0] == 200
    except urllib.error.URLError:
        return False


def sent_emails(instance, at_least, timeout=240):
    deadline = time.time() + timeout
    while time.time() < deadline:
        folder = instance / "outbox"
        # Not the backend's ".tmp-*.eml" files: they are being written, and renamed when done.
        files = sorted(f for f in folder.glob("*.eml") if not f.name.startswith(".")) if folder.exists() else []
        if len(files) >= at_least:
            return [email.message_from_bytes(f.read_bytes(), policy=default) for f in files]
        time.sleep(1)
    pytest.fail(f"the worker sent fewer than {at_least} emails in {timeout}s")


def links_in(message):
    found = set()
    for part in message.walk():
        if part.get_content_maintype() == "text":
            found.update(link.rstrip(".,;") for link in LINK.findall(part.get_content()))
    return found


def test_links_in_sent_emails_follow_the_port_make_run_serves(served):
    base, instance = served
    links = set().union(*(links_in(m) for m in sent_emails(instance, at_least=10)))
    ours = {link for link in links if link.startswith("http://127.0.0.1")}
    assert ours, "no links to Heard in the demo council's emails"
    assert all(link.startswith(base + "/") for link in ours), sorted(ours)[:5]
    browser = Browser(base)
    by_path = {re.sub(r"/[A-Za-z0-9_.-]{20,}$", "/<token>", link.split("?")[0]): link for link in ours}
    for link in by_path.values():
        status, _ = browser.open(link)
        assert status in (200, 302), (link, status)


def test_a_posters_qr_code_opens_the_survey_on_the_served_port(served, app, tmp_path):
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm and zbarimg are needed to read the poster's QR code")
    from tests.factories import create_user
    from tests.surveys.helpers import create_touchpoint
    from tests.web import authenticator_code

    base, _ = served
    touchpoint = create_touchpoint()
    admin = create_user("administrator", password=PASSWORD)
    browser = Browser(base)
    assert browser.submit("/staff/login", {"email": admin.email, "password": PASSWORD})[0] == 302
    assert browser.submit("/staff/login/code", {"code": authenticator_code(admin.email)})[0] == 302
    status, pdf = browser.open(f"/staff/surveys/touchpoints/{touchpoint.id}/poster.pdf")
    assert status == 200 and pdf.startswith(b"%PDF")
    (tmp_path / "poster.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(tmp_path / "poster.pdf"),
                    str(tmp_path / "poster")], check=True)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "poster.png")],
                             capture_output=True, text=True).stdout.strip()
    assert decoded == f"{base}/s/{touchpoint.code}"
    status, page = Browser(base).open(decoded)
    assert status == 200 and touchpoint.survey.title.encode() in page
