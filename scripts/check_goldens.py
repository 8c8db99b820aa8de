"""Sanity-check the hand-written goldens in tests/golden/ against the inputs in samples/.

This does NOT produce goldens and does not use eventwire. It only catches typos and slips:
  * each golden is valid JSON with exactly the agreed keys and value types;
  * dates are ISO 8601 UTC with seconds and "+00:00", and equal (after conversion to UTC) to
    a date written in the input; every other scalar (title, description, names, URLs...)
    occurs in the decoded, HTML-unescaped input;
  * each paragraph of `text` occurs in the input as a whole paragraph (a line of a page dump
    or text file, a <p> element of HTML or feed content, the JSONL text), once, in order;
  * where the input has a JSON-LD articleBody that is complete, it matches `text`.

Usage: python scripts/check_goldens.py   (exit status 1 on any problem; needs warcio)
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"

KEYS = [
    "url", "canonical_url", "title", "description", "site_name", "publisher", "authors",
    "published_at", "modified_at", "section", "tags", "keywords", "language", "image_url",
    "video", "dateline", "text",
]
UTC_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"

problems: list[str] = []


def fail(where: str, msg: str) -> None:
    problems.append(f"{where}: {msg}")


# ---------------------------------------------------------------- inputs: (haystack, paragraphs)
def html_paragraphs(unescaped: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"<p(?:\s[^>]*)?>(.*?)</p>", unescaped, re.S)]


def load_warc(path: Path) -> list[str]:
    from warcio.archiveiterator import ArchiveIterator

    pages = []
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "response":
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype:
                continue
            body = rec.content_stream().read().decode("utf-8")
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            pages.append(f"WARC-Target-URI: {uri}\n{body}")
    return pages


def load_feed(path: Path) -> list[tuple[str, str]]:
    tree = ET.parse(path)
    chan = tree.getroot().find("channel")
    assert chan is not None
    chan_meta = "\n".join(f"{c.tag}: {c.text}" for c in chan if len(c) == 0 and c.text)
    items = []
    for item in chan.findall("item"):
        meta = "\n".join(f"{c.tag}: {c.text}" for c in item if c.tag != CONTENT_NS)
        content = item.findtext(CONTENT_NS) or ""
        items.append((html.unescape(chan_meta + "\n" + meta), html.unescape(content)))
    return items


def inputs_for(golden: Path) -> tuple[str, list[str], Path]:
    """Return (haystack, candidate paragraphs in order, source path) for one golden."""
    fmt = golden.parent.name
    stem = golden.stem
    if fmt in ("pagedump", "text"):
        src = SAMPLES / fmt / f"{stem}.txt"
        raw = src.read_text(encoding="utf-8")
        return raw, [ln for ln in raw.splitlines() if ln.strip()], src
    if fmt == "html":
        src = SAMPLES / "html" / f"{stem}.html"
        data = src.read_bytes()
        m = re.search(rb'<meta charset="([^"]+)"', data)
        charset = m.group(1).decode() if m else "utf-8"
        un = html.unescape(data.decode(charset))
        return un, html_paragraphs(un), src
    base, n = stem.rsplit(".", 1)
    idx = int(n) - 1
    if fmt == "warc":
        src = SAMPLES / "warc" / f"{base}.warc.gz"
        un = html.unescape(load_warc(src)[idx])
        return un, html_paragraphs(un), src
    if fmt == "jsonl":
        src = SAMPLES / "jsonl" / f"{base}.jsonl"
        row = json.loads(src.read_text(encoding="utf-8").splitlines()[idx])
        hay = "\n".join(
            json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for v in row.values()
        )
        hay += "\n" + "\n".join(
            t for v in row.values() if isinstance(v, list) for t in v if isinstance(t, str)
        )
        return hay, row["text"].split("\n"), src
    if fmt == "feeds":
        src = SAMPLES / "feeds" / f"{base}.xml"
        meta, content = load_feed(src)[idx]
        paras = html_paragraphs(content)
        return meta + "\n" + content, paras, src
    raise SystemExit(f"unknown format dir {fmt}")


# ---------------------------------------------------------------- dates
DATE_PATTERNS = [
    re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)"),
    re.compile(r"(?<![\d-])\d{4}-\d\d-\d\d(?![\dT])"),
    re.compile(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d (?:[+-]\d{4}|GMT)"),
]


def dates_in(hay: str) -> set[str]:
    out = set()
    for pat in DATE_PATTERNS:
        for s in pat.findall(hay):
            try:
                if "," in s:
                    dt = parsedate_to_datetime(s)
                else:
                    t = s.replace("Z", "+00:00")
                    t = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", t)
                    dt = datetime.fromisoformat(t)
                    if dt.tzinfo is None:
                        dt = dt.replace(tzinfo=UTC)
            except ValueError:
                continue
            out.add(dt.astimezone(UTC).isoformat(timespec="seconds"))
    return out


def iso_duration(s: str) -> int:
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?", s)
    assert m, s
    h, mi, se = (int(x or 0) for x in m.groups())
    return h * 3600 + mi * 60 + se


# ---------------------------------------------------------------- checks
def check(golden: Path) -> None:
    where = str(golden.relative_to(ROOT))
    try:
        g = json.loads(golden.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        fail(where, f"invalid JSON: {e}")
        return
    if list(g) != KEYS:
        fail(where, f"keys differ: {sorted(set(g) ^ set(KEYS))} / order {list(g)}")
        return
    hay, paras, src = inputs_for(golden)

    for k in ("url", "canonical_url", "title", "description", "site_name", "publisher",
              "section", "image_url", "published_at", "modified_at", "language"):
        if g[k] is not None and not isinstance(g[k], str):
            fail(where, f"{k} must be str or null")
    for k in ("authors", "tags", "keywords"):
        if not isinstance(g[k], list) or not all(isinstance(x, str) for x in g[k]):
            fail(where, f"{k} must be a list of str")
    if not isinstance(g["text"], str) or not g["text"]:
        fail(where, "text must be a non-empty str")
        return
    if g["language"] is None or not re.fullmatch(r"[a-z]{2}", g["language"]):
        fail(where, "language must be two lowercase letters")

    # scalars and list items must be written in the input
    for k in ("url", "canonical_url", "title", "description", "site_name", "publisher",
              "section", "image_url"):
        if g[k] is not None and g[k] not in hay:
            fail(where, f"{k} {g[k]!r} not found in {src.name}")
    for k in ("authors", "tags", "keywords"):
        for x in g[k]:
            if x not in hay:
                fail(where, f"{k} item {x!r} not found in {src.name}")

    # dates
    found = dates_in(hay)
    for k in ("published_at", "modified_at"):
        v = g[k]
        if v is None:
            continue
        if not UTC_RE.match(v):
            fail(where, f"{k} {v!r} is not YYYY-MM-DDTHH:MM:SS+00:00")
        elif v not in found:
            fail(where, f"{k} {v!r} matches no date in the input ({sorted(found)})")
    if g["modified_at"] is not None and g["published_at"] is None:
        fail(where, "modified_at without published_at")

    # video
    v = g["video"]
    if v is not None:
        if not isinstance(v, dict) or sorted(v) != ["duration_s", "name", "thumbnail_url"]:
            fail(where, "video must have exactly name, duration_s, thumbnail_url")
        else:
            if v["name"] not in hay or v["thumbnail_url"] not in hay:
                fail(where, "video name/thumbnail not in input")
            durs = {iso_duration(d) for d in re.findall(r"\bPT[\dHMS]+\b", hay)}
            if v["duration_s"] not in durs:
                fail(where, f"video duration {v['duration_s']} not among {durs}")

    # dateline
    d = g["dateline"]
    first = g["text"].split("\n", 1)[0]
    if d is not None:
        if not isinstance(d, dict) or sorted(d) != ["agency", "place"]:
            fail(where, "dateline must have exactly place and agency")
        else:
            if not first.startswith(d["place"]):
                fail(where, f"text does not start with dateline place {d['place']!r}")
            if d["agency"] is not None and f"({d['agency']})" not in first[:80]:
                fail(where, f"agency ({d['agency']}) not in the first paragraph's dateline")
    elif re.match(r"^[A-Z][A-Z .'/-]+(?:,[^(]{0,30})?(?:\([^)]*\))?\s*[-—–]\s", first):
        fail(where, "text starts with what looks like a dateline but dateline is null")

    # text: whole paragraphs, in order, each once, no stray whitespace
    text = g["text"]
    if text != text.strip() or "\n\n" in text or "\r" in text:
        fail(where, "text has leading/trailing whitespace, blank lines or CR")
    gp = text.split("\n")
    if len(set(gp)) != len(gp):
        fail(where, "a paragraph is repeated in text")
    if g["title"] and g["title"] in gp:
        fail(where, "headline is inside text")
    pos = 0
    for p in gp:
        if p != p.strip():
            fail(where, f"paragraph with surrounding whitespace: {p[:40]!r}")
        try:
            pos = paras.index(p, pos) + 1
        except ValueError:
            fail(where, f"paragraph not found (in order) as a whole paragraph: {p[:70]!r}")

    # the visible body in the input must not hold more paragraphs than the golden after its
    # first one (pagedump/text: the body is the tail of the file)
    if golden.parent.name in ("pagedump", "text") and paras[-len(gp):] != gp:
        fail(where, "golden paragraphs are not exactly the tail of the file")

    # JSON-LD articleBody, when present and complete, equals the text (whitespace-normalised)
    for body in re.findall(r'"articleBody"\s*:\s*("(?:[^"\\]|\\.)*")', hay):
        ab = " ".join(json.loads(body).split())
        if ab == " ".join(text.split()):
            break
        if golden.parent.name != "pagedump":
            fail(where, "JSON-LD articleBody differs from text")


def main() -> int:
    goldens = sorted(p for p in GOLDEN.rglob("*.json"))
    for g in goldens:
        check(g)
    # every input has its goldens
    expected = set()
    for f in sorted(SAMPLES.rglob("*")):
        if f.is_dir() or "src" in f.parts or f.suffix in (".md", ".py"):
            continue
        rel = f.relative_to(SAMPLES)
        fmt = rel.parts[0]
        if fmt in ("pagedump", "text", "html"):
            expected.add(f"{fmt}/{f.stem}.json")
        elif fmt == "warc":
            for i in range(len(load_warc(f))):
                expected.add(f"warc/{f.name.removesuffix('.warc.gz')}.{i + 1}.json")
        elif fmt == "jsonl":
            for i in range(len(f.read_text(encoding="utf-8").splitlines())):
                expected.add(f"jsonl/{f.stem}.{i + 1}.json")
        elif fmt == "feeds":
            for i in range(len(load_feed(f))):
                expected.add(f"feeds/{f.stem}.{i + 1}.json")
    have = {str(g.relative_to(GOLDEN)) for g in goldens}
    for missing in sorted(expected - have):
        fail(missing, "golden missing for this input")
    for extra in sorted(have - expected):
        fail(extra, "golden has no input")
    for p in problems:
        print("FAIL", p)
    print(f"{len(goldens)} goldens checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
