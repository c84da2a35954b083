"""The command line: argparse commands over the services; ``--json`` output is a stable contract."""
