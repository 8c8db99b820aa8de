"""What the phrase matchers and the entity recognizer find in a doc, before any rule runs.

The knowledge files (``knowledge/roles.tsv``, ``countries.tsv``, ``orgs.tsv``, and the annotate
stage's ``actors_extra.tsv``) are indexed once per process (:func:`lexicon`) and compiled into two
spaCy phrase matchers per pipeline (:func:`matchers`): one case-insensitive for title and group
nouns, anaphors and pronouns, one exact for country names, demonyms and organization names.
:class:`Candidates` holds one doc's matches; the actor, place and parse-selection rules read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..knowledge import Org, Role, countries, orgs, roles


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The actor knowledge, indexed for the matchers."""

    roles: dict[str, Role]
    anaphors: dict[str, tuple[str, ...]]
    suffixes: dict[str, str]
    pronouns: frozenset[str]
    modifiers: frozenset[str]
    country_names: dict[str, str]
    """Name or alias as written -> ISO3 (names only: these are toponyms too)."""
    loose_country_names: dict[str, str]
    """Ambiguous aliases ("US", "England") -> ISO3: trusted only on a ``GPE`` entity."""
    demonyms: dict[str, str]
    country_display: dict[str, str]
    orgs: dict[str, Org]
    """Name or alias as written -> the organization."""


@cache
def lexicon() -> Lexicon:
    extra = _extra_rows()
    kinds = {term: value for rule, term, value in extra if rule == "kind"}
    table: dict[str, Role] = {}
    for term, role in roles().items():
        kind = kinds.get(term, role.kind)
        table[term] = Role(role.term, role.role, kind, role.sector, role.sectors)
    names: dict[str, str] = {}
    loose: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    display: dict[str, str] = {}
    for country in countries():
        display[country.iso3] = country.name
        for label in (country.name, *country.aliases):
            names.setdefault(label, country.iso3)
        for label in country.ambiguous_aliases:
            loose.setdefault(label, country.iso3)
        for label in country.demonyms:
            demonyms.setdefault(label, country.iso3)
    org_forms: dict[str, Org] = {}
    for org in orgs():
        for label in (org.name, *org.aliases):
            org_forms.setdefault(label, org)
    return Lexicon(
        roles=table,
        anaphors={t: tuple(v.split("|")) for r, t, v in extra if r == "anaphor"},
        suffixes={t: v for r, t, v in extra if r == "suffix"},
        pronouns=frozenset(t for r, t, _ in extra if r == "pronoun"),
        modifiers=frozenset(t for r, t, _ in extra if r == "modifier"),
        country_names=names,
        loose_country_names=loose,
        demonyms=demonyms,
        country_display=display,
        orgs=org_forms,
    )


def _extra_rows() -> list[tuple[str, str, str]]:
    text = files("eventwire.knowledge").joinpath("actors_extra.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows: list[tuple[str, str, str]] = []
    for line in lines[1:]:
        cells = line.split("\t")
        rows.append((cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
    return rows


@dataclass(frozen=True, slots=True)
class Matchers:
    lower: PhraseMatcher
    """Role terms (``R|term``) and anaphors (``A|term``), case-insensitive."""
    exact: PhraseMatcher
    """Country names (``C|ISO3``), demonyms (``D|ISO3``), organizations (``O|form``)."""


_MATCHERS: dict[int, tuple[Language, Matchers]] = {}
_COMMON: dict[int, frozenset[str]] = {}


def common_words(nlp: Language) -> frozenset[str]:
    """The common nouns and adjectives the pipeline's lemmatizer knows (WordNet's)."""
    found = _COMMON.get(id(nlp))
    if found is None:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore
        found = frozenset(table.get("noun", [])) | frozenset(table.get("adj", []))
        _COMMON[id(nlp)] = found
    return found


def matchers(nlp: Language) -> Matchers:
    """The phrase matchers for ``nlp``'s vocabulary, built once per pipeline."""
    found = _MATCHERS.get(id(nlp))
    if found is not None and found[0] is nlp:
        return found[1]
    lex = lexicon()
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")

    def add(matcher: PhraseMatcher, key: str, forms: Iterable[str]) -> None:
        tokenizer: Any = nlp.tokenizer
        matcher.add(key, list(tokenizer.pipe(sorted(set(forms)))))

    for term in lex.roles:
        add(lower, f"R|{term}", [term])
    for term in lex.anaphors:
        add(lower, f"A|{term}", [term])
    for term in lex.pronouns:
        add(lower, f"P|{term}", [term])
    by_iso: dict[str, list[str]] = {}
    for form, iso in lex.country_names.items():
        by_iso.setdefault(iso, []).append(form)
    for iso, forms in by_iso.items():
        add(exact, f"C|{iso}", forms)
    by_iso = {}
    for form, iso in lex.demonyms.items():
        by_iso.setdefault(iso, []).append(form)
    for iso, forms in by_iso.items():
        add(exact, f"D|{iso}", forms)
    for form in lex.orgs:
        add(exact, f"O|{form}", [form])
    built = Matchers(lower, exact)
    _MATCHERS[id(nlp)] = (nlp, built)
    return built


@dataclass(slots=True)
class Candidates:
    """What the matchers and the recognizer found in one doc, before any rule runs."""

    roles: dict[int, tuple[int, Role]] = field(default_factory=dict)
    """Start token -> (end, role); longest match, no overlaps."""
    anaphors: dict[int, tuple[int, str]] = field(default_factory=dict)
    pronouns: list[int] = field(default_factory=list)
    countries: dict[int, tuple[int, str]] = field(default_factory=dict)
    demonyms: dict[int, tuple[int, str]] = field(default_factory=dict)
    orgs: dict[int, tuple[int, Org]] = field(default_factory=dict)
    ents: list[Span] = field(default_factory=list)
    _ends: dict[str, dict[int, int]] = field(default_factory=dict)

    def ending_at(self, table: str, end: int) -> int | None:
        """Start of the ``table`` ("roles", "countries"...) match ending at token ``end``."""
        index = self._ends.get(table)
        if index is None:
            source: dict[int, tuple[int, object]] = getattr(self, table)
            index = {stop: start for start, (stop, _) in source.items()}
            self._ends[table] = index
        return index.get(end)

    def tokens(self) -> tuple[set[int], set[int]]:
        """Tokens of candidates: those that name an actor for sure (a person, a title or group
        noun, a country, a known organization), and the organizations only the recognizer saw."""
        strong: set[int] = set()
        for table in (self.roles, self.anaphors, self.countries, self.orgs):
            for start, (end, _) in table.items():
                strong.update(range(start, end))
        strong.update(self.pronouns)
        weak: set[int] = set()
        for ent in self.ents:
            if ent.label_ == "PERSON":
                strong.update(range(ent.start, ent.end))
            elif ent.label_ in {"ORG", "NORP"}:
                weak.update(range(ent.start, ent.end))
        return strong, weak


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def _lines(ents: Iterable[Span]) -> list[Span]:
    """The recognizer's name entities cut at line breaks: a name does not run from a heading or
    caption into the next line (``Election Results\nEddie Chu``, ``Matthew Ingram\nWriting``)."""
    out: list[Span] = []
    for ent in ents:
        if ent.label_ not in _NAME_LABELS or "\n" not in ent.text:
            out.append(ent)
            continue
        doc, start = ent.doc, ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or (doc[i].is_space and "\n" in doc[i].text):
                if i > start:
                    out.append(Span(doc, start, i, label=ent.label))
                start = i + 1
    return out


_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _people(ents: list[Span]) -> list[Span]:
    """Names the recognizer took for places that are people's: a first name and a surname it
    read as two places (``Valeska Paris``: an unknown name right before a place, one space
    between) is a person, and so is a later place of one word that is the surname of a person
    named in the article (``Paris claims``), unless it is a country's name."""
    from .places import is_known_place

    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        after = ents[i + 1] if i + 1 < len(ents) else None
        if (
            after is not None
            and ent.label_ in _PLACE_LABELS
            and after.label_ in _PLACE_LABELS
            and len(ent) == 1
            and len(after) == 1
            and after.start == ent.end
            and ent.doc.text[ent.end_char : after.start_char] == " "
            and ent.text.istitle()
            and after.text.istitle()
            and not is_known_place(ent.text)
        ):
            out.append(Span(ent.doc, ent.start, after.end, label="PERSON"))
            i += 2
            continue
        out.append(_hyphenated(ent) if ent.label_ == "PERSON" else ent)
        i += 1
    surnames = {e[-1].text for e in out if e.label_ == "PERSON" and len(e) > 1}
    if not surnames:
        return out
    countries = lexicon().country_names
    return [
        Span(e.doc, e.start, e.end, label="PERSON")
        if e.label_ in _PLACE_LABELS
        and len(e) == 1
        and e.text in surnames
        and e.text not in countries
        else e
        for e in out
    ]


def _hyphenated(ent: Span) -> Span:
    """A person's name the recognizer cut at a hyphen (``Wong Yeung`` of ``Wong Yeung-tat``):
    a glued ``-`` and a lower-case word after it are part of the name."""
    doc, end = ent.doc, ent.end
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
    ):
        return Span(doc, ent.start, end + 2, label=ent.label)
    return ent


def find_candidates(doc: Doc, nlp: Language) -> Candidates:
    found = Candidates(ents=_people(_lines(doc.ents)))
    m = matchers(nlp)
    lex = lexicon()
    strings = doc.vocab.strings
    spans: list[Span] = []
    for match_id, start, end in m.lower(doc):
        spans.append(Span(doc, start, end, label=match_id))
    for span in filter_spans(spans):
        kind, _, term = strings[span.label].partition("|")
        if kind == "R":
            found.roles[span.start] = (span.end, lex.roles[term])
        elif kind == "P":
            found.pronouns.append(span.start)
        else:
            found.anaphors[span.start] = (span.end, term)
    spans = [Span(doc, s, e, label=i) for i, s, e in m.exact(doc)]
    for span in filter_spans(spans):
        kind, _, value = strings[span.label].partition("|")
        if kind == "C":
            found.countries[span.start] = (span.end, value)
        elif kind == "D":
            found.demonyms[span.start] = (span.end, value)
        else:
            found.orgs[span.start] = (span.end, lex.orgs[value])
    return found
