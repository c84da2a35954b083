"""``python -m organizer``: the same as the ``organizer`` command."""

import sys

from organizer.app import main

sys.exit(main())
