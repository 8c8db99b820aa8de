"""Small normalisers shared by every extractor: decoding, dates, URLs, language, paragraphs."""

from __future__ import annotations

import codecs
import re
from array import array
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any, Literal

from ..errors import ExtractError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")


def decode(data: bytes, *, declared: str | None = None, source: str = "") -> str:
    """Bytes to text: BOM, then UTF-8 if the bytes are valid UTF-8, then the declared charset
    (HTTP/meta/XML), then a guess.

    A declared charset that fails on the bytes is ignored (sites lie about it); the guess comes
    from charset-normalizer.  Raises ExtractError("bad-encoding") when nothing decodes.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff")
    if not data.isascii():
        # Bytes that form valid UTF-8 are UTF-8: text in a legacy charset (cp1251, latin-1,
        # Shift-JIS) practically never does, while pages that declare latin-1 and are UTF-8
        # are common (6 of the 745 staged test pages).
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        found = pattern.search(head)
        if found:
            candidates.append(found.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        encoding = _codec(name)
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ExtractError("bad-encoding", f"{source}: no character set decodes these bytes")
    return data.decode(best.encoding, errors="replace")


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    # WHATWG: latin-1 and ascii labels mean windows-1252 on the web.
    if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"}:
        name = "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_ISO_TZ = re.compile(r"([+-]\d{2})(\d{2})$")
_RFC822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
"""``Tue, 02 Dec 2014 10:00:00 GMT``: email.utils reads other shapes wrongly (it drops "PM")."""
# Zone names dateutil does not know, in seconds east of UTC; the US ones news pages print most.
_HOURS = (
    "EST -5, EDT -4, CST -6, CDT -5, MST -7, MDT -6, PST -8, PDT -7, AKST -9, AKDT -8, HST -10, "
    "ET -5, PT -8, CT -6, GMT 0, UTC 0, BST 1, CET 1, CEST 2, EET 2, EEST 3, MSK 3, JST 9, "
    "KST 9, AEST 10, AEDT 11, IST 5.5, SGT 8, HKT 8"
)
_ZONES: dict[str, int] = {
    name: round(float(hours) * 3600)
    for name, hours in (pair.split() for pair in _HOURS.split(", "))
}


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601, RFC 822 or common human date string as an aware UTC datetime.

    Naive times are taken as UTC; a date alone is midnight UTC.  None when it is not a date.
    """
    parsed = parse_datetime_local(value)
    return parsed.astimezone(UTC) if parsed else None


def parse_datetime_local(value: str | None) -> datetime | None:
    """Like :func:`parse_datetime`, but keeping the UTC offset the string gives.

    ``2020-03-05T23:30:00-05:00`` stays at -05:00, so ``.date()`` is the day the page's readers
    saw (5 March), while it is 6 March in UTC.  Naive times are taken as UTC.
    """
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    iso = _ISO_TZ.sub(r"\1:\2", text.replace("Z", "+00:00")) if "T" in text else text
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        if _RFC822.match(text):
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                parsed = None
    if parsed is None:
        parsed = _parse_human(text)
        if parsed is None:
            return None
    if parsed.year < 1900 or parsed.year > 2100:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _parse_human(text: str) -> datetime | None:
    import warnings

    from dateutil import parser as dateutil_parser

    with warnings.catch_warnings():
        # An unknown zone name ("WIB") is dropped with a warning: the time is then naive (UTC).
        warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
        try:
            return dateutil_parser.parse(text, fuzzy=False, tzinfos=_ZONES)
        except (ValueError, OverflowError, TypeError):
            return None


def canonical_url(url: str | None) -> str | None:
    """A normalised URL (courlan): lower-case host, no fragment, no tracking parameters."""
    if not url:
        return None
    from courlan import normalize_url

    try:
        return str(normalize_url(url.strip(), strict=True))
    except (ValueError, AttributeError):
        return url.strip()


_LOCALE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*$")


def normalize_language(value: str | None) -> str | None:
    """``en_EN``, ``en-US``, ``EN`` → ``en``; None when it is not a language tag."""
    if not value:
        return None
    found = _LOCALE.match(value.strip())
    return found.group(1).lower() if found else None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language (py3langid), None for too little text."""
    sample = text[:4000]
    if len(sample.split()) < 3:
        return None
    code, _score = _language_identifier().classify(sample)
    return str(code)


_TYPECODES: dict[int, Literal["H", "I", "L"]] = {2: "H", 4: "I", 8: "L"}
"""numpy unsigned integer sizes → their typecodes (py3langid's ``modelio``)."""


@cache
def _language_identifier() -> Any:
    """py3langid's identifier, loaded as its own ``classify`` loads it (the very same model and
    numbers) but without its copy of the state machine's transition table: py3langid copies
    that table (39 MB) from numpy into an ``array``, so loading took 100 MB at its height for
    73 MB kept; here it is walked in place through a memoryview."""
    import lzma
    import shutil
    import tempfile

    import numpy as np
    from py3langid import langid

    path = langid.MODEL_DIR / langid.MODEL_FILE
    with tempfile.TemporaryFile(suffix=".npz") as tmp:
        with lzma.open(path) as source:
            shutil.copyfileobj(source, tmp, length=1 << 20)
        tmp.seek(0)
        with np.load(tmp, allow_pickle=False) as data:
            nextmove = np.ascontiguousarray(data["nextmove"])
            rows = np.ascontiguousarray(data["nextmove_row"])
            return langid.LanguageIdentifier(
                np.asarray(data["ptc"]),
                np.asarray(data["pc"]),
                data["classes"].tolist(),
                nextmove.data.cast("B").cast(_TYPECODES[nextmove.dtype.itemsize]),
                data["out_feat"].tolist(),
                tk_row=array(_TYPECODES[rows.dtype.itemsize], rows.tobytes()),
            )


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs with inner white space folded, empty and repeated ones dropped, one per line."""
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        if not text:
            continue
        key = text.casefold()
        if key in seen:
            continue
        seen.add(key)
        kept.append(text)
    return "\n".join(kept)
