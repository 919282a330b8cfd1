"""Learning: sentiment and topics for every item, officers' corrections, the learning loop,
safeguarding flags, near-duplicates and emerging issues.

The models themselves live in `classifiers` and load only in the worker (see runtime.py):
nothing imported by the web process pulls in torch.
"""
