"""Survey submissions per second under load: Heard against a bare Flask-WTF form, same run.

    python tests/benchmarks/bench_load.py [--workers 4] [--clients 12] [--seconds 20] [--rounds 2]

Each server is gunicorn with sync workers on loopback (Heard: `app:create_app()` on SQLite with
its default synchronous=FULL; the reference: tests/benchmarks/bare_form.py, storing the same
answers in SQLite with synchronous=FULL). Each virtual user GETs the survey page, POSTs a CSAT,
an NPS and a text answer, and follows the redirect to the thank-you page, again and again. The
two servers take turns (bare, Heard, bare, Heard, ...) so a noisy neighbour hits both. Goal
(issue 15): >= 150 submissions/s, p95 of the POST <= 150 ms, 0 errors, >= 0.8x the bare form.
The last line printed is one JSON object.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
NAME, VALUE = re.compile(r'name="([^"]+)"'), re.compile(r'value="([^"]*)"')

SEED = """
import json, sys
sys.path.insert(0, {root!r})
from app import create_app
from app.db import db
from app.schema import upgrade
create_app()
upgrade(db.obj)
db.connect(reuse_if_open=True)
from tests.surveys.helpers import create_survey, create_touchpoint, field
from surveys import services, versions
survey = create_survey(questions=[dict(kind="csat", text="How satisfied were you?", required=True),
                                  dict(kind="nps", text="How likely are you to recommend us?", required=False),
                                  dict(kind="long_text", text="Anything else?", required=False)])
touchpoint = create_touchpoint(survey)
csat, nps, text = versions.questions(services.live_version(survey))
print(json.dumps({{"path": "/s/" + touchpoint.code, "fields": [field(csat), field(nps), field(text)]}}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, cookies=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())} if cookies else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and cookies is not None:
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    conn.close()
    return response.status, response.getheader("Location"), data.decode("utf-8", "replace")


def virtual_user(args):
    port, path, answers, until, seed = args
    done, latencies, errors = 0, [], 0
    n = seed
    while time.time() < until:
        cookies = {}
        try:
            status, _, html = request(port, "GET", path, cookies=cookies)
            token = TOKEN.search(html)
            if status != 200 or token is None:
                errors += 1
                continue
            form = {}
            for tag in HIDDEN.findall(html):
                name, value = NAME.search(tag), VALUE.search(tag)
                if name:
                    form[name.group(1)] = value.group(1) if value else ""
            n += 1
            form.update({k: (v.format(n=n) if isinstance(v, str) else v) for k, v in answers.items()})
            started = time.perf_counter()
            status, location, _ = request(port, "POST", path, urlencode(form), cookies)
            latency = time.perf_counter() - started
            if status != 302 or not location:
                errors += 1
                continue
            status, _, _ = request(port, "GET", urlparse(location).path, cookies=cookies)
            if status != 200:
                errors += 1
                continue
            done += 1
            latencies.append(latency)
        except OSError:
            errors += 1
    return done, latencies, errors


def load(port, path, answers, clients, seconds):
    until = time.time() + seconds
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(virtual_user, [(port, path, answers, until, i * 1_000_000) for i in range(clients)])
    done = sum(r[0] for r in results)
    latencies = sorted(x for r in results for x in r[1])
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else None
    return done / seconds, p95, sum(r[2] for r in results)


def start(args, env, cwd, port):
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--synchronous", default="full", help="Heard's SQLITE_SYNCHRONOUS")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="heard-load-"))
    try:
        env = dict(os.environ, HEARD_INSTANCE_PATH=str(folder / "instance"), SECRET_KEY="load-benchmark",
                   DATABASE_URL=f"sqlite:///{folder / 'instance' / 'heard.db'}",
                   HUEY_URL=f"sqlite:///{folder / 'instance' / 'queue.db'}", PUBLIC_RATE_LIMIT="1000000000",
                   SQLITE_SYNCHRONOUS=options.synchronous, OMP_WAIT_POLICY="PASSIVE", BARE_DB=str(folder / "bare.db"))
        seeded = subprocess.run([PYTHON, "-c", SEED.format(root=str(ROOT))], env=env, cwd=ROOT, check=True,
                                capture_output=True, text=True)
        survey = json.loads(seeded.stdout.strip().splitlines()[-1])
        answers = {survey["fields"][0]: "4", survey["fields"][1]: "9",
                   survey["fields"][2]: "The staff at the desk were very kind, thank you ({n})."}
        sys.path.insert(0, str(Path(__file__).parent))
        subprocess.run([PYTHON, "-c", "import bare_form; bare_form.create_tables()"], env=env,
                       cwd=Path(__file__).parent, check=True)
        bare_answers = {"csat": "4", "nps": "9", "text": "The staff at the desk were very kind, thank you ({n})."}
        heard_port, bare_port = free_port(), free_port()
        common = [GUNICORN, "--no-control-socket", "-w", str(options.workers), "--worker-class", "sync",
                  "--log-level", "warning"]
        heard = start(common + ["-b", f"127.0.0.1:{heard_port}", "app:create_app()"], env, ROOT, heard_port)
        bare = start(common + ["-b", f"127.0.0.1:{bare_port}", "bare_form:app"], env, Path(__file__).parent,
                     bare_port)
        try:
            load(heard_port, survey["path"], answers, options.clients, 3)  # warm up both
            load(bare_port, "/s/bare", bare_answers, options.clients, 3)
            runs = {"heard": [], "bare": []}
            for round_ in range(options.rounds):
                for name, port, path, data in (("bare", bare_port, "/s/bare", bare_answers),
                                               ("heard", heard_port, survey["path"], answers)):
                    per_s, p95, errors = load(port, path, data, options.clients, options.seconds)
                    runs[name].append((per_s, p95, errors))
                    print(f"round {round_ + 1} {name:5s}: {per_s:6.1f} submissions/s, POST p95 "
                          f"{p95 or 0:6.1f} ms, {errors} errors", flush=True)
        finally:
            for process in (heard, bare):
                process.terminate()
                process.wait(timeout=30)

        def mean(name, index):
            values = [run[index] for run in runs[name] if run[index] is not None]
            return round(statistics.mean(values), 1) if values else None

        result = {"workers": options.workers, "seconds": options.seconds * options.rounds,
                  "heard_per_s": mean("heard", 0), "bare_per_s": mean("bare", 0),
                  "heard_p95_ms": mean("heard", 1), "bare_p95_ms": mean("bare", 1),
                  "errors": sum(run[2] for runs_ in runs.values() for run in runs_),
                  "clients": options.clients, "synchronous": options.synchronous}
        result["ratio"] = round(result["heard_per_s"] / result["bare_per_s"], 2) if result["bare_per_s"] else None
        print(json.dumps(result))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
