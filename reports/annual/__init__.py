"""The annual complaints performance and service improvement report (Complaint Handling Code,
section 8): a draft holding the period's overview (reports.overview), the Ombudsman's annual
letter, the self-assessment against each section of the Code and the governance response;
approved, then published on the public site as HTML with its PDF (built in the worker)."""
