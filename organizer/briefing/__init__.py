"""PDF briefings (ReportLab) laid out from a plain briefing data object: no database, no Qt.

The layouts arrive with the briefing issue; this package is the place they live in the layering
``services -> briefing -> domain``.
"""
