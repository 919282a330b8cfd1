"""Demo data: a council year of realistic, entirely fictional feedback.

`generate` builds plain data from a seed (no database); `seed` writes it.
The text material lives in `phrases` and the `texts_*` modules.
"""
