"""``eventwire eval extraction DIR``: body-text accuracy on HTML pages with gold text.

The metric is the one of the public article-extraction benchmark (word shingles, macro average):

1. Tokens: ``re.findall(r"\\w+", text.lower())`` — lower-cased Unicode word characters; white
   space and punctuation separate tokens and are dropped.
2. Shingles: every run of 4 consecutive tokens, counted as a multiset; a text of 1 to 3 tokens
   has one shingle (all its tokens), an empty text has none.
3. Per page: ``tp`` = shared shingles (the minimum of both counts, summed), ``fp`` = predicted
   shingles not in the gold, ``fn`` = gold shingles not predicted.  Precision ``tp/(tp+fp)``,
   recall ``tp/(tp+fn)``; both are 1 when ``fp == fn == 0`` (both empty or identical), and
   precision is 0 for an empty prediction of a non-empty gold (recall likewise).
4. Precision and recall are macro-averaged over pages; F1 is the harmonic mean of the two
   averages (not the mean of per-page F1).

eventwire (:func:`eventwire.extract.extract` on the page's bytes) and trafilatura
(``trafilatura.extract(html, url=url, favor_precision=True)`` on the same page, decoded by
:func:`eventwire.extract.common.decode`) are scored in the same run.  An extractor that raises
``ExtractError`` or returns nothing scores an empty prediction.

Data layouts read by :func:`load_pages`:

- ``MANIFEST_url_to_files.json`` (a list of ``{url, html, gold_text, gold_text_is_failure_note}``
  with paths relative to DIR), as in the staged newspaper3k fixtures; pages whose gold text is
  a failure note are left out;
- an ``html/`` directory beside a ``text/`` or ``txt/`` directory, paired by file stem, with the
  URL from ``metadata/<stem>.json`` when there is one (newspaper4k's layout);
- one directory per page holding ``source.html`` and ``expected.html`` (gold as HTML: its text,
  a line per block element; mozilla/readability's layout).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import f1_score

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


# --- the metric --------------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens (``\\w+``); punctuation and white space are dropped."""
    return _TOKEN.findall(text.lower())


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[str]:
    """The multiset of ``size``-token shingles; a short non-empty text is one shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([" ".join(tokens)])
    return Counter(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True, slots=True)
class Match:
    """Shingle counts of one page: true positives, false positives, false negatives."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)


def match(predicted: str, gold: str) -> Match:
    """Compare the shingles of a predicted text with those of the gold text."""
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    return Match(tp=tp, fp=sum(pred.values()) - tp, fn=sum(true.values()) - tp)


@dataclass(frozen=True, slots=True)
class Scores:
    pages: int
    precision: float
    recall: float
    f1: float


def score(matches: Iterable[Match]) -> Scores:
    """Macro-averaged precision and recall over pages, and the F1 of the two averages."""
    found = list(matches)
    if not found:
        return Scores(0, 0.0, 0.0, 0.0)
    precision = statistics.fmean(m.precision for m in found)
    recall = statistics.fmean(m.recall for m in found)
    return Scores(len(found), precision, recall, f1_score(precision, recall))


# --- the data ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    html: bytes
    url: str | None
    gold: str | None
    """Gold body text; None when the layout has none for this page."""


def load_pages(root: Path, *, require_gold: bool = True) -> list[Page]:
    """The pages under ``root`` in one of the layouts of the module docstring, sorted by name.

    With ``require_gold=False`` pages without gold text are kept too, and a directory in none
    of the layouts gives all its ``*.htm*`` files (the speed bench uses every page).
    """
    manifest = root / "MANIFEST_url_to_files.json"
    if manifest.is_file():
        pages = list(_from_manifest(root, manifest, require_gold))
    elif any(root.glob("**/source.html")):
        pages = list(_from_page_dirs(root))
    else:
        pages = list(_from_html_dirs(root, require_gold))
    if not pages and not require_gold:
        pages = [Page(p.stem, p.read_bytes(), None, None) for p in sorted(root.glob("**/*.htm*"))]
    return sorted(pages, key=lambda page: page.name)


def _from_manifest(root: Path, manifest: Path, require_gold: bool) -> Iterator[Page]:
    listed: set[Path] = set()
    for entry in json.loads(manifest.read_text(encoding="utf-8")):
        html_path = root / entry["html"]
        listed.add(html_path.resolve())
        gold_path = root / entry["gold_text"] if entry.get("gold_text") else None
        failed = bool(entry.get("gold_text_is_failure_note"))
        gold = None
        if gold_path is not None and gold_path.is_file() and not failed:
            gold = gold_path.read_text(encoding="utf-8")
        if gold is None and require_gold:
            continue
        yield Page(html_path.stem, html_path.read_bytes(), entry.get("url") or None, gold)
    if not require_gold:
        for html_path in sorted(manifest.parent.glob("**/*.htm*")):
            if html_path.resolve() not in listed:
                yield Page(html_path.stem, html_path.read_bytes(), None, None)


def _from_html_dirs(root: Path, require_gold: bool) -> Iterator[Page]:
    for html_dir in sorted(p for p in root.glob("**/html") if p.is_dir()):
        gold_dirs = [html_dir.parent / "text", html_dir.parent / "txt"]
        meta_dir = html_dir.parent / "metadata"
        for html_path in sorted(html_dir.glob("*.htm*")):
            gold_path = next(
                (
                    d / f"{html_path.stem}.txt"
                    for d in gold_dirs
                    if (d / f"{html_path.stem}.txt").is_file()
                ),
                None,
            )
            if gold_path is None and require_gold:
                continue
            url = None
            meta_path = meta_dir / f"{html_path.stem}.json"
            if meta_path.is_file():
                url = json.loads(meta_path.read_text(encoding="utf-8")).get("url") or None
            gold = gold_path.read_text(encoding="utf-8") if gold_path else None
            yield Page(html_path.stem, html_path.read_bytes(), url, gold)


def _from_page_dirs(root: Path) -> Iterator[Page]:
    for source in sorted(root.glob("**/source.html")):
        expected = source.parent / "expected.html"
        gold = html_to_text(expected.read_bytes()) if expected.is_file() else None
        yield Page(source.parent.name, source.read_bytes(), None, gold)


_BLOCKS = (
    "p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, td, th, dd, dt, figcaption, div, section, "
    "article, header, footer, aside, table, tr, ul, ol, dl, figure, br"
)


def html_to_text(html: bytes) -> str:
    """Gold HTML as text: all of its text, with a line break at each block element."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return ""
    for node in body.css(_BLOCKS):
        node.insert_before("\n")
        if node.tag != "br":
            node.insert_after("\n")
    lines = (" ".join(line.split()) for line in body.text(deep=True).split("\n"))
    return "\n".join(line for line in lines if line)


# --- the extractors ----------------------------------------------------------------------------


def eventwire_text(page: Page) -> str:
    from ..errors import ExtractError
    from ..extract import extract

    try:
        return extract(page.html, url=page.url).text
    except ExtractError:
        return ""


def trafilatura_text(page: Page) -> str:
    import trafilatura

    from ..errors import ExtractError
    from ..extract.common import decode

    try:
        html = decode(page.html)
    except ExtractError:
        return ""
    return trafilatura.extract(html, url=page.url, favor_precision=True) or ""


EXTRACTORS: dict[str, Callable[[Page], str]] = {
    "eventwire": eventwire_text,
    "trafilatura": trafilatura_text,
}


@dataclass(frozen=True, slots=True)
class PageResult:
    name: str
    url: str | None
    matches: dict[str, Match]


def evaluate(pages: Iterable[Page], extractors: Iterable[str]) -> list[PageResult]:
    names = list(extractors)
    results: list[PageResult] = []
    for page in pages:
        gold = page.gold or ""
        results.append(
            PageResult(
                page.name,
                page.url,
                {name: match(EXTRACTORS[name](page), gold) for name in names},
            )
        )
    return results


# --- the command -------------------------------------------------------------------------------


@click.command(name="extraction")
@click.argument("data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--only",
    "only",
    type=click.Choice(sorted(EXTRACTORS)),
    multiple=True,
    help="Score only this extractor (repeatable); default: all.",
)
@click.option(
    "--worst",
    type=int,
    default=0,
    show_default=True,
    help="Also list the N pages where eventwire scores lowest.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def eval_command(data_dir: Path, only: tuple[str, ...], worst: int, as_json: bool) -> None:
    """Body-text F1 (word 4-gram shingles, macro-averaged) of eventwire and trafilatura.

    DATA_DIR holds HTML pages with gold text (see the module docstring for the layouts).

    \b
    Example:
        eventwire eval extraction /work/shared/data/html/newspaper3k
    """
    pages = load_pages(data_dir)
    if not pages:
        raise click.ClickException(f"no pages with gold text under {data_dir}")
    names = list(only) or list(EXTRACTORS)
    started = time.perf_counter()
    results = evaluate(pages, names)
    elapsed = time.perf_counter() - started
    table = {name: score(r.matches[name] for r in results) for name in names}
    focus = names[0]
    ranked = sorted(results, key=lambda r: r.matches[focus].f1)[:worst]
    if as_json:
        out: dict[str, Any] = {
            "data": str(data_dir),
            "pages": len(pages),
            "metric": "word 4-gram shingles, macro precision/recall, F1 of the averages",
            "scores": {
                name: {"precision": s.precision, "recall": s.recall, "f1": s.f1}
                for name, s in table.items()
            },
            "worst": [
                {
                    "page": r.name,
                    "url": r.url,
                    **{name: round(r.matches[name].f1, 4) for name in names},
                }
                for r in ranked
            ],
        }
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"{len(pages)} pages from {data_dir} (word 4-gram shingles, macro-averaged)")
    click.echo(f"{'extractor':<12} {'precision':>9} {'recall':>9} {'F1':>9}")
    for name, s in table.items():
        click.echo(f"{name:<12} {s.precision:>9.4f} {s.recall:>9.4f} {s.f1:>9.4f}")
    if ranked:
        click.echo(f"\nworst {len(ranked)} pages for {focus} (F1 of each extractor):")
        for r in ranked:
            cells = "  ".join(
                f"{name}={r.matches[name].f1:.3f} (p={r.matches[name].precision:.2f} "
                f"r={r.matches[name].recall:.2f})"
                for name in names
            )
            click.echo(f"  {r.name:<32} {cells}")
    print(f"({elapsed:.1f}s)", file=sys.stderr)
