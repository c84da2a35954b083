"""Plain types shared by every layer: enums, errors and the data objects services hand out.

Nothing here imports SQLAlchemy or Qt.
"""
