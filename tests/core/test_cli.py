"""The commands a newcomer and an administrator run."""
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_cli(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_create_admin_prints_a_one_time_password_that_must_be_changed(app, client):
    from tests.web import sign_in

    result = run_cli(app, "create-admin", "Chief@Council.gov.uk", "--name", "Ada Chief")
    assert result.exit_code == 0, result.output
    password = result.output.split("One-time password: ")[1].split()[0]
    sign_in(client, "chief@council.gov.uk", password)
    assert client.get("/staff/").headers["Location"].endswith("/staff/password")
    again = run_cli(app, "create-admin", "chief@council.gov.uk")
    assert again.exit_code != 0 and "already an account" in again.output


def test_db_is_empty_then_seed_then_sign_ins(app):
    assert run_cli(app, "db", "is-empty").exit_code == 0
    seeded = run_cli(app, "demo", "seed")
    assert seeded.exit_code == 0, seeded.output
    count = int(re.search(r"Seeded (\d+) feedback items", seeded.output)[1])
    assert 320 <= count <= 420 and "Published 5 surveys" in seeded.output
    assert run_cli(app, "db", "is-empty").exit_code == 1
    sign_ins = run_cli(app, "demo", "sign-ins").output
    assert "admin@demo.heard.invalid" in sign_ins and "heard-demo-administrator" in sign_ins
    refused = run_cli(app, "demo", "seed")
    assert refused.exit_code != 0 and "--force" in refused.output


def test_db_status_lists_applied_migrations(app):
    assert "applied  0001_initial" in run_cli(app, "db", "status").output


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_run_script_serves_and_ctrl_c_stops_web_and_worker(tmp_path, database_url):
    port = _free_port()
    env = dict(os.environ, HEARD_INSTANCE_PATH=str(tmp_path), DATABASE_URL=database_url, PORT=str(port))
    env.pop("HUEY_IMMEDIATE", None)
    proc = subprocess.Popen(["tools/run.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        body = None
        deadline = time.time() + 60
        while time.time() < deadline and body is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            except OSError:
                time.sleep(0.3)
        assert body is not None and b'"queue":true' in body
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/").status == 200
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        output = proc.communicate(timeout=30)[0]
    assert "Heard stopped." in output
    time.sleep(0.5)
    leftovers = subprocess.run(["pgrep", "-f", f"--port {port}"], capture_output=True, text=True)
    assert leftovers.stdout.strip() == ""
