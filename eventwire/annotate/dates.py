"""Date expressions, resolved against the publication time.

Only the recognizer's ``DATE`` spans are read (dateparser, given whole sentences, takes ordinary
words for dates).  The forms news uses most are resolved here by rule, fast and predictably; the
rest go to dateparser with the publication time as its base and ``PREFER_DATES_FROM =
current_period`` (without it ``on Tuesday`` lands a week early), its answers cached.

A weekday, or a month without a year, is the nearest one to the publication date, looking back
when the clause is in the past tense (``said on Friday``) and ahead when it is in the future
(``will meet on Friday``).  Durations (``five years``, ``the past two weeks``) are not dates and
are left out.  Precision: ``day``, ``week`` (value: the Monday), ``month`` (the 1st) or ``year``
(1 January).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Span

from ..records import DateExpr

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|noon))?"
_WD = r"(?P<wd>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?"
_REL = r"(?P<rel>last|next|this|past|previous|coming)"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"^(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})$")),
    ("mdy", re.compile(rf"^{_MONTH}\s+{_DAY}(?:\s*-\s*\d{{1,2}})?,?\s+{_YEAR}$")),
    ("dmy", re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$")),
    ("md", re.compile(rf"^(?:(?:\w+day),?\s+)?{_MONTH}\s+{_DAY}(?:\s*-\s*\d{{1,2}})?{_PART}$")),
    ("dm", re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}$")),
    ("my", re.compile(rf"^(?:(?:early|mid|late|end)[\s-]+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}$")),
    ("m", re.compile(rf"^(?:(?:early|mid|late)[\s-]+)?{_MONTH}$")),
    ("y", re.compile(rf"^(?:(?:early|mid|late|fiscal|calendar|the\s+year|end\s+of)\s+)?{_YEAR}$")),
    ("deictic", re.compile(r"^(?P<word>today|yesterday|tomorrow|tonight)" + _PART + "$")),
    ("wd", re.compile(rf"^(?:{_REL}\s+)?{_WD}{_PART}$")),
    ("relm", re.compile(rf"^{_REL}\s+{_MONTH}(?:'s)?$")),
    ("mrel", re.compile(rf"^{_MONTH}\s+(?P<rel>last|next|this)\s+year$")),
    (
        "rel",
        re.compile(
            r"^(?:(?:early|earlier|late|later|the\s+end\s+of|end\s+of)\s+(?:in\s+the\s+)?)?"
            r"(?P<rel>last|next|this|past|previous|prior|coming|current|latest)\s+"
            r"(?P<unit>week|month|year)(?:'s)?$"
        ),
    ),
    ("ago", re.compile(r"^(?P<n>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier)$")),
]
_INSIDE: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,/-])\b")),
]
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_FALLBACK = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
"""What is left to dateparser: numeric dates (``28.10.2025``, ``10/28/2025``)."""
_TRIM = re.compile(r"^(?:(?:on|in|at|by|since|from|until|the)\s+)+", re.IGNORECASE)


def resolve(text: str, base: date | None, tense: str | None = None) -> tuple[date, str] | None:
    """The date a ``DATE`` span names, with its precision; None for durations and the unknown.

    ``base`` is the publication date (None: only expressions with a year resolve); ``tense``
    (``past``, ``future`` or None) breaks the tie for weekdays and months without a year.
    """
    key = " ".join(text.lower().replace("’", "'").split()).strip(" ,.;:")
    key = _TRIM.sub("", key)
    for name, pattern in _RULES:
        found = pattern.match(key)
        if found is not None:
            return _apply(name, found, base, tense)
    for name, pattern in _INSIDE:  # "the week ended February 22": the day it names
        found = pattern.search(key)
        if found is not None:
            return _apply(name, found, base, tense)
    if base is not None and _FALLBACK.search(key):
        return _dateparser(key, base)
    return None


def _apply(
    rule: str, m: re.Match[str], base: date | None, tense: str | None
) -> tuple[date, str] | None:
    groups = m.groupdict()
    month = _MONTHS.get((groups.get("month") or "").rstrip("."), 0)
    try:
        if rule == "iso":
            return date(int(groups["year"]), int(groups["m"]), int(groups["day"])), "day"
        if rule in {"mdy", "dmy"}:
            return date(int(groups["year"]), month, int(groups["day"])), "day"
        if rule == "my":
            return date(int(groups["year"]), month, 1), "month"
        if rule == "y":
            return date(int(groups["year"]), 1, 1), "year"
    except ValueError:
        return None
    if base is None:
        return None
    if rule in {"md", "dm"}:
        return _month_day(base, month, int(groups["day"]), tense)
    if rule == "m":
        found = _month_day(base, month, 1, tense)
        return (found[0], "month") if found else None
    if rule == "wd":
        return _weekday(base, groups["wd"], groups.get("rel"), tense)
    if rule == "relm":
        rel = groups["rel"]
        wanted = (
            "past"
            if rel in {"last", "past", "previous"}
            else "future"
            if rel in {"next", "coming"}
            else tense
        )
        found = _month_day(base, month, 1, wanted)
        return (found[0], "month") if found else None
    if rule == "mrel":
        step = {"last": -1, "next": 1}.get(groups["rel"], 0)
        return date(base.year + step, month, 1), "month"
    if rule == "deictic":
        return base + timedelta(days=_DEICTIC[groups["word"]]), "day"
    if rule == "rel":
        rel = groups["rel"]
        step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1}.get(
            rel, 0
        )
        return _period(base, groups["unit"], step)
    if rule == "ago":
        n = _NUMBERS.get(groups["n"]) if not groups["n"].isdigit() else int(groups["n"])
        if n is None:
            return None
        unit = groups["unit"]
        if unit == "day":
            return base - timedelta(days=n), "day"
        return _period(base, unit, -n)
    return None


def _month_day(base: date, month: int, day: int, tense: str | None) -> tuple[date, str] | None:
    options: list[date] = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if tense == "past":
        options = [d for d in options if d <= base] or options
    elif tense == "future":
        options = [d for d in options if d >= base] or options
    if not options:
        return None
    return min(options, key=lambda d: abs((d - base).days)), "day"


def _weekday(base: date, name: str, rel: str | None, tense: str | None) -> tuple[date, str] | None:
    weekday = _WEEKDAYS.get(name)
    if weekday is None:
        return None
    back = (base.weekday() - weekday) % 7  # days since the last such day (0: today)
    ahead = (weekday - base.weekday()) % 7
    if rel in {"last", "past"}:
        return base - timedelta(days=back or 7), "day"
    if rel in {"next", "coming"}:
        return base + timedelta(days=ahead or 7), "day"
    if tense == "past" or (tense is None and back <= ahead):
        return base - timedelta(days=back), "day"
    return base + timedelta(days=ahead), "day"


def _period(base: date, unit: str, step: int) -> tuple[date, str]:
    if unit == "week":
        monday = base - timedelta(days=base.weekday())
        return monday + timedelta(weeks=step), "week"
    if unit == "month":
        index = base.year * 12 + base.month - 1 + step
        return date(index // 12, index % 12 + 1, 1), "month"
    return date(base.year + step, 1, 1), "year"


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date) -> tuple[date, str] | None:

    parser = _parser(base)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    period = data.period if data.period in {"day", "week", "month", "year"} else "day"
    return data.date_obj.date(), str(period)


@lru_cache(maxsize=64)
def _parser(base: date) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "current_period",
            "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def tense_of(span: Span) -> str | None:
    """``past`` or ``future`` from the verb the span hangs on (parsed sentences only)."""
    token = span.root
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            break
        if token.head.i == token.i:
            return None
        token = token.head
    else:
        return None
    if any(c.lower_ in {"will", "'ll", "shall"} or c.text == "going" for c in token.children):
        return "future"
    if token.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" for c in token.children):
        return "past"
    return None


def find_dates(
    ents: list[Span],
    text: str,
    published: datetime | None,
    parsed: list[bool],
    sentence_of: list[int],
) -> list[DateExpr]:
    """``DateExpr`` records for the ``DATE`` entities among ``ents``."""
    base = published.date() if published is not None else None
    out: list[DateExpr] = []
    for ent in ents:
        if ent.label_ != "DATE":
            continue
        tense = tense_of(ent) if parsed[sentence_of[ent.start]] else None
        found = resolve(ent.text, base, tense)
        if found is None:
            continue
        value, precision = found
        start, end = ent.start_char, ent.end_char
        out.append(DateExpr(text[start:end], start, end, value.isoformat(), precision))
    return out
