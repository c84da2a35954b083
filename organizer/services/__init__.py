"""Operations the GUI and the command line share.

One module per area; each public call is one unit of work (one transaction), takes and returns plain
data objects from ``organizer.domain.records`` and raises ``organizer.domain.errors`` on bad input.
The ``create_in`` functions work inside a caller's session so an import can be one transaction.
"""
