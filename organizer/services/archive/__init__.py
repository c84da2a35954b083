"""The Organizer archive (JSON): ``export`` writes it, ``file`` reads it from disk as a stream,
``importer`` checks and imports it. This package imports nothing itself."""
