"""The reference for bench_load.py: a bare Flask-WTF form with the same three questions as the
benchmark's survey (CSAT, NPS and a text answer), storing each response and its answers in
SQLite (WAL, synchronous=FULL), then a thank-you page. Nothing else: no rate limit, no audit, no
queue. Served by gunicorn as `bare_form:app` with BARE_DB set to the database file."""
import os
import sqlite3

from flask import Flask, redirect, render_template_string, url_for
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("BARE_SECRET", "bare-form-secret")
PAGE = """<!doctype html><html lang="en"><head><title>Tell us about your visit</title></head><body><main>
<h1>Tell us about your visit</h1><form method="post">{{ form.csrf_token }}
{{ form.csat.label }} {{ form.csat() }} {{ form.nps.label }} {{ form.nps() }}
{{ form.text.label }} {{ form.text() }} <button>Send</button></form></main></body></html>"""


class SurveyForm(FlaskForm):
    csat = RadioField("How satisfied were you?", choices=[str(n) for n in range(1, 6)], validators=[InputRequired()])
    nps = RadioField("How likely are you to recommend us?", choices=[str(n) for n in range(11)],
                     validators=[Optional()])
    text = TextAreaField("Anything else?", validators=[Optional(), Length(max=10_000)])


def connection():
    conn = sqlite3.connect(os.environ["BARE_DB"], timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def create_tables():
    with connection() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS response (id INTEGER PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP)")
        conn.execute("CREATE TABLE IF NOT EXISTS answer (id INTEGER PRIMARY KEY, response_id INTEGER, question TEXT, "
                     "value TEXT)")


@app.route("/s/bare", methods=["GET", "POST"])
def survey():
    form = SurveyForm()
    if form.validate_on_submit():
        conn = connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
            response = conn.execute("INSERT INTO response DEFAULT VALUES").lastrowid
            conn.executemany("INSERT INTO answer (response_id, question, value) VALUES (?, ?, ?)",
                             [(response, "csat", form.csat.data), (response, "nps", form.nps.data or ""),
                              (response, "text", form.text.data or "")])
            conn.execute("COMMIT")
        finally:
            conn.close()
        return redirect(url_for("thanks"))
    return render_template_string(PAGE, form=form)


@app.route("/s/thanks")
def thanks():
    return "<!doctype html><title>Thank you</title><h1>Thank you</h1>"
