"""The real consumer process runs tasks from the real SQLite queue."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_consumer_runs_a_task_enqueued_by_another_process(tmp_path, database_url):
    from app.config import Settings
    from app.queue import configure_queue, huey, sweep_pending

    env = dict(os.environ, HEARD_INSTANCE_PATH=str(tmp_path), DATABASE_URL=database_url,
               HUEY_URL=f"sqlite:///{tmp_path / 'queue.db'}", SECRET_KEY="x")
    env.pop("HUEY_IMMEDIATE", None)
    configure_queue(Settings.from_env(env))
    log = tmp_path / "consumer.log"
    consumer = subprocess.Popen(
        [str(Path(sys.executable).parent / "huey_consumer"), "app.worker.huey", "--workers", "1",
         "--no-periodic", "--delay", "0.1", "--logfile", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        sweep_pending()
        assert huey.pending_count() in (0, 1)
        deadline = time.time() + 30
        while time.time() < deadline and "heard.sweep_pending" not in _executed(log):
            time.sleep(0.2)
        assert "heard.sweep_pending" in _executed(log), log.read_text() if log.exists() else "no log"
        assert huey.pending_count() == 0
    finally:
        consumer.terminate()
        consumer.wait(timeout=20)
        configure_queue(Settings.from_env(env, huey_immediate=True))


def _executed(log):
    if not log.exists():
        return ""
    return "\n".join(line for line in log.read_text().splitlines() if " executed in " in line)
