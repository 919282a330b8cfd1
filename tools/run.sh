#!/usr/bin/env bash
# Start the web server and the huey consumer together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-5000}"
# Links in emails, letters and QR posters follow the port served here unless BASE_URL is set.
export BASE_URL="${BASE_URL:-http://127.0.0.1:${PORT}}"
VENV=.venv
INSTANCE="${HEARD_INSTANCE_PATH:-instance}"
mkdir -p "$INSTANCE"

"$VENV/bin/flask" --app app demo sign-ins || true
echo
echo "Heard is starting on http://127.0.0.1:${PORT}  (Ctrl-C stops it; the worker logs to $INSTANCE/worker.log)"

"$VENV/bin/huey_consumer" app.worker.huey --workers 2 --worker-type thread --logfile "$INSTANCE/worker.log" &
worker=$!
"$VENV/bin/waitress-serve" --host 127.0.0.1 --port "$PORT" --threads 8 --call app:create_app &
web=$!

stop() {
  trap - INT TERM EXIT
  kill "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
  echo "Heard stopped."
}
trap stop INT TERM EXIT
wait -n "$web" "$worker"
