"""The Organizer archive (JSON): ``export`` writes it, ``file`` reads it from disk as a stream,
``importer`` checks and imports it, reading each record with ``reading``. This package imports nothing
itself."""
