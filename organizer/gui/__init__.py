"""The Qt desktop front end: application start-up, the main window, item models and detail panes.

Only this package imports PySide6. It reads and writes data exclusively through ``organizer.services``
with a ``Database`` handle; it never builds SQL or touches ``organizer.store`` models.
"""
