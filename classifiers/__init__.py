"""Sentiment, topics, safeguarding and text tools: pure ML.

Imports no domain package (a test checks). The web process never imports torch:
encoders load only in the worker and in the `classifiers` commands.
"""
import os

# torch's OpenMP threads otherwise spin while waiting for work; on a machine whose cores are
# shared with other processes that made a tiny model's training step 30 times slower
# (14.5 s against 0.42 s). Set before torch is first imported (it is imported lazily).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
