"""The last English on the annual complaints report: the charts' own words (HTML and PDF), the
PDF's page numbers, the Complaint Handling Code's sections, the evidence Heard computes for the
self-assessment, and the dashboard's figure names and definition the report shows (Welsh in
annual.po). What is marked here with N_ stays English on staff pages."""
FILES = [
    "reports/charts.py",
    "reports/lessons/charts.py",
    "reports/pdf_pages.py",
    "reports/annual/code.py",
    "reports/annual/models.py",
    "reports/dashboard_data.py",
    "reports/queries/definitions.py",
    "app/actions/evidence.py",
]
