"""The "published" part in Welsh: the complaint escalation pages, "You said, we did" and the
annual complaints report's public pages and PDFs (Welsh in published.po)."""
FILES = [
    "app/cases/escalation.py",
    "app/cases/templates/cases/escalate.html",
    "app/cases/templates/cases/escalate_invalid.html",
    "app/cases/templates/cases/escalate_sent.html",
    "reports/yswd/public_views.py",
    "reports/yswd/public_words.py",
    "reports/yswd/period.py",
    "reports/yswd/drafting.py",
    "reports/yswd/pdf.py",
    "reports/yswd/templates/yswd/public_index.html",
    "reports/yswd/templates/yswd/public_show.html",
    "reports/yswd/templates/yswd/_macros.html",
    "reports/yswd/templates/yswd/feed.xml",
    "reports/annual/public_views.py",
    "reports/annual/pdf.py",
    "reports/annual/content.py",
    "reports/annual/templates/annual/public_index.html",
    "reports/annual/templates/annual/public_show.html",
    "reports/annual/templates/annual/_sections.html",
]
