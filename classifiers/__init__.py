"""Sentiment, topics, safeguarding and text tools: pure ML.

Imports no domain package (a test checks). The web process never imports torch:
encoders load only in the worker and in the `classifiers` commands.
"""
