"""Formats other tools use: vCard in (``contacts``, read by ``vcard`` and mapped by ``cards``) and out (``export``)."""
