"""The quarterly scrutiny pack for the councillor responsible for complaints (Complaint Handling
Code 9.7): a quarter's volumes, categories, outcomes, performance against the Code, themes and
service improvements for every service, with questions the member may ask, as a PDF and its HTML
twin, from the annual report's overview and sections.

    pack = gather.gather(quarters.parse("2026-07", today))
    content = pdf.build(pack, council_name=..., council_colour=...)
"""
