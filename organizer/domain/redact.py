"""Passwords out of every message: the one place that masks the secrets of a database URL in text.

Every message or log line that can show a database URL, or an error a driver raised while using one,
goes through ``redact(text, url)``. It masks, as ``***``:

- the password of a URI's user information: ``postgresql+psycopg://user:PW@host/db``, ``postgres://``,
  ``postgresql://``, any other scheme, and the same without a scheme (``user:PW@host/db``, a malformed
  URL that a user may type); a password holding ``@`` is masked up to the last ``@`` (too much rather
  than too little);
- the value of a ``password`` or ``sslpassword`` parameter, in a URI query (``?password=PW``,
  ``&PASSWORD=PW``, a percent-encoded name such as ``pass%77ord``) or in a libpq keyword/value string
  (``host=/run/pg password=PW``, ``password = 'pa ss'``, ``password='it\\'s'``), or quoted as a Python
  or JSON key (``'password': 'PW'``);
- every password found in the ``urls`` given, wherever it appears in ``text`` and in whatever form
  (as typed, percent-decoded): a driver's message can quote it without its key (libpq's
  ``missing "=" after "PW" in connection info string``). Passwords shorter than three characters are
  masked only where they stand as a password (above), not everywhere: masking every ``a`` of a message
  would make it unreadable and hides next to nothing.

``passfile`` (a file name, not a secret), host, user, port and database stay visible.
``redact_url(url)`` is ``redact`` of the URL itself, cut short for a message.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, unquote_plus

MASK = "***"
SECRET_KEYS = frozenset({"password", "sslpassword"})
"""Connection parameters whose value is a secret (libpq's ``password`` and ``sslpassword``)."""
SHORTEST_SECRET = 3
URL_LIMIT = 200

_VALUE = r"""(?:'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|[^\s&'"]*)"""
_PARAMETER = re.compile(
    r"(?<![\w%.+-])(?P<key>[A-Za-z0-9_%.+-]+)"
    r"(?:\s*(?:=|%3[dD])\s*|(?P<quote>['\"])\s*[:=]\s*)"
    rf"(?P<value>{_VALUE})"
)
"""``key=value`` (URI query, libpq keyword/value, Python keyword) or ``'key': value`` (a dict or JSON)."""
_MASKED = re.compile(r"['\"]?\*\*\*['\"]?[:;,.)]*")
"""A value masked already, and the punctuation a message put after it."""
_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@?#]*:)(?P<secret>\S*)@")
"""``scheme://user:PW@``: up to the last ``@`` of the word."""
_BARE_USERINFO = re.compile(r"(?<![\w/\\.:%+-])(?P<head>[\w.+-]+:)(?P<secret>[^\s@/\\:]+)@(?=[\w\[])")
"""``user:PW@host`` without a scheme (a malformed URL as typed)."""


def _is_secret_key(key: str) -> bool:
    return unquote(key).strip().lower() in SECRET_KEYS


def _mask_parameter(match: re.Match[str]) -> str:
    value = match.group("value")
    if not value or _MASKED.fullmatch(value) or not _is_secret_key(match.group("key")):
        return match.group()  # (masked already: a message built around a masked URL is masked again)
    start = match.start("value") - match.start()
    quote = value[0] if value[0] in "'\"" else ""
    return match.group()[:start] + quote + MASK + quote


def url_secrets(url: str) -> set[str]:
    """The passwords a URL or keyword/value string holds, as written and percent-decoded."""
    found: set[str] = set()
    text = url.strip()
    rest = text.split("://", 1)[1] if "://" in text else text
    if "@" in rest:
        for userinfo in (rest.split("@", 1)[0], rest.rsplit("@", 1)[0]):
            if ":" in userinfo:
                found.add(userinfo.split(":", 1)[1])
    for match in _PARAMETER.finditer(text):
        if _is_secret_key(match.group("key")):
            value = match.group("value")
            if value[:1] in ("'", '"'):
                value = re.sub(r"\\(.)", r"\1", value[1:-1] if value[-1:] == value[:1] and len(value) > 1
                               else value[1:])
            found.add(value)
    for query in re.split(r"[?&]", text)[1:]:  # an encoded name that the pattern above cannot see whole
        key, sep, value = query.partition("=")
        if sep and _is_secret_key(key):
            found.add(value)
    decoded: set[str] = set()
    for secret in found:
        decoded.update({secret, unquote(secret), unquote_plus(secret)})
    return {s for s in decoded if len(s) >= SHORTEST_SECRET}


def redact(text: str, *urls: str | None) -> str:
    """``text`` with every password masked: those of ``urls`` wherever they appear, and any that
    stands as a password (URI user information, a ``password`` parameter) in the text itself."""
    for secret in sorted({s for url in urls if url for s in url_secrets(url)}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    if "=" in text or "%3" in text.lower() or ":" in text:
        text = _PARAMETER.sub(_mask_parameter, text)
    if "@" in text:
        text = _USERINFO.sub(lambda m: m.group("head") + MASK + "@", text)
        text = _BARE_USERINFO.sub(lambda m: m.group("head") + MASK + "@", text)
    return text


def redact_url(url: str) -> str:
    """A database URL (or keyword/value string) for a message: passwords masked, cut short."""
    masked = redact(url, url)
    return masked if len(masked) <= URL_LIMIT else masked[:URL_LIMIT] + "…"
