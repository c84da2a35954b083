"""The search index: what is searchable of each record, kept in sync by the database itself.

``base``: the interface, the feeds, the documents and their folded text, shared by both engines and
the SQLite (FTS5) index; ``postgresql``: the same interface on PostgreSQL; ``queue``: bulk writes on
SQLite without the queue's per-row insert triggers. This package imports nothing itself, so that
importing one module of it costs only that module.
"""
