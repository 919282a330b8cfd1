"""Privacy by design (UK GDPR): what Heard holds about people, why, and for how long.

- `categories`: the retention categories and their UK defaults.
- `register`: every column of every table, classified: personal or not, special category or
  not, the purpose of the record and its retention category (`app/privacy/tags_*.py`). A
  test fails on any column that is not classified, so none can slip in unclassified.
- `processing`: the record of processing (what, why, how long) built from the tags, shown to
  administrators at /staff/admin/privacy.
"""
