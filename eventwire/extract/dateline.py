"""Datelines at the head of a story: ``MOSCOW (Sputnik) -``, ``WASHINGTON, March 3 (Reuters) -``,
``LONDON —``, ``KYIV, Ukraine (AP) —``.  The text keeps them as published; we only read them."""

from __future__ import annotations

import re

from ..records import Dateline

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]{1,2}[^\W\d_][^\W\d_.'’-]*){0,4}\.?)"
    r"(?P<region>,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
    r"(?P<date>,?\s+" + _MONTH + r"\s+\d{1,2}(?:,\s+\d{4})?)?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?P<dash>--|-|—|–|:)\s+"
)


_LABELS = {"BREAKING", "UPDATE", "UPDATED", "WATCH", "LIVE", "EXCLUSIVE", "ANALYSIS"}


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or None.

    The place must be written in capitals (``MOSCOW``, ``ST. PETERSBURG``, ``SÃO PAULO``) as wire
    styles write it; a capitalised sentence opening is not a dateline.
    """
    found = _DATELINE.match(text)
    if not found:
        return None
    place = found.group("place").strip()
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    labelled = found.group("dash") == ":" and not (found.group("agency") or found.group("date"))
    if labelled and place in _LABELS:
        return None  # "BREAKING: ..." and "UPDATE:" are labels, not places
    agency = found.group("agency")
    end = found.end("dash") - len(found.group("dash"))
    return Dateline(
        place=place,
        agency=agency.strip() if agency else None,
        start=0,
        end=len(text[:end].rstrip()),
    )
