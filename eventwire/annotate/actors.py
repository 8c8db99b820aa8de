"""Actors: who is named in an article, with kind, role, country and sector, and every mention.

The knowledge (titles and nouns with their sectors, countries with their names and demonyms,
international and other organizations) is data in :mod:`eventwire.knowledge`; this module reads
it with two phrase matchers and the entity recognizer's spans, and applies the rules below in
text order, so that a short or later mention finds the actor named before it:

* a person: a ``PERSON`` entity with its title before it (``Russian Defense Minister Andrei
  Belousov``: the mention covers the title) or in apposition (``Belousov, Russia's defense
  minister,`` / ``Russia's defense minister, Andrei Belousov``); a later surname (``Belousov``)
  or first-and-last name is the same person;
* an organization: an ``ORG`` entity or a name from ``orgs.tsv`` (IGOs get country ``IGO`` and
  their org code, transnational NGOs ``NGO``); its country from a demonym or country name in it
  or a possessive before it, its sector from the title noun in it (``Defense Ministry``: MIL) or
  the word it ends in (``Inc``: BUS);
* a country: a country's name (``Syria accused Israel``);
* a group, body or office named by a noun (``the Syrian delegation``, ``Iraqi troops``, ``the
  foreign minister of Iran``, ``police``); definite and unqualified (``the ministry``, ``the
  minister``) it is a later mention of the last actor whose role ends in that noun;
* ``the statement`` (``actors_extra.tsv`` anaphors) stands for the last organization named;
  ``he``/``she`` for the one person named in the sentence or the one before, when there is one.

The candidates come from :mod:`eventwire.annotate.candidates`; mentions are joined to actors by
:mod:`eventwire.annotate.coref`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..knowledge import Role
from ..records import Actor, Mention
from .candidates import Candidates, lexicon
from .context import ActorMention, Sentence
from .coref import Item, OrgInfo, resolve
from .places import beside_score, is_known_place

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DETERMINERS = frozenset({"the", "a", "an"})
_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame"})
_NOUN_DEPS_AS_MODIFIER = frozenset({"compound", "amod", "nmod", "npadvmod"})
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
"""Endings of nouns for a person's occupation ("writer", "illustrator", "columnist")."""
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_FOLLOWERS = frozenset(
    [
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "with",
        "by",
        "for",
        "who",
        "which",
        "that",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "said",
        "say",
        "says",
        "also",
        "not",
    ]
)
"""Words that may follow a noun heading its phrase (in a sentence without tags)."""


class _Finder:
    def __init__(
        self, doc: Doc, sentences: list[Sentence], found: Candidates, common: frozenset[str]
    ) -> None:
        self.common = common
        self.doc = doc
        self.sentences = sentences
        self.found = found
        self.lex = lexicon()
        self.taken = bytearray(len(doc))
        self.sent_of = [0] * len(doc)
        self.parsed = [s.parsed for s in sentences]
        for s in sentences:
            for i in range(s.start, s.end):
                self.sent_of[i] = s.index
        self.org_ents = {e.start: e.end for e in found.ents if e.label_ == "ORG"}
        self.org_ent_ends = {end: start for start, end in self.org_ents.items()}

    # -- helpers ---------------------------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = 1

    def text(self, start: int, end: int) -> str:
        return self.doc[start:end].text

    def org_info(self, start: int, end: int) -> OrgInfo:
        """What an organization's name says: its table entry, country, sector."""
        lex, found = self.lex, self.found
        name = self.text(start, end)
        table = lex.orgs.get(name)
        if table is None:
            hit = found.orgs.get(start)
            if hit is not None and hit[0] == end:
                table = hit[1]
        role: Role | None = None
        for i in range(start, end):
            hit_role = found.roles.get(i)
            longer = hit_role is not None and (
                role is None or len(hit_role[1].term) > len(role.term)
            )
            if hit_role is not None and hit_role[0] <= end and longer:
                role = hit_role[1]
        info = OrgInfo(table=table, role=role)
        if table is not None:
            info.country, info.org = table.country, table.org
            info.sector, info.sectors = table.sector, table.sectors
            return info
        for i in range(start, end):
            for index in (found.demonyms, found.countries):
                hit_country = index.get(i)
                if hit_country is not None and hit_country[0] <= end and info.country is None:
                    info.country = hit_country[1]
        if role is not None and role.sector:
            info.sector, info.sectors = role.sector, role.sectors or (role.sector,)
        else:
            sector = lex.suffixes.get(self.doc[end - 1].text)
            if sector:
                info.sector, info.sectors = sector, (sector,)
        return info

    def qualify_left(self, i: int) -> tuple[int, str | None, OrgInfo | None]:
        """Qualifiers just before token ``i``: modifiers, a demonym, ``X's``, an organization."""
        found, doc = self.found, self.doc
        start, country, org = i, None, None
        while start > 0:
            prev = doc[start - 1]
            if prev.lower_ in self.lex.modifiers:
                start -= 1
                continue
            at = found.ending_at("demonyms", start)
            if at is not None and country is None and org is None:
                country, start = found.demonyms[at][1], at
                continue
            if prev.text in _POSSESSIVE and start >= 2 and country is None and org is None:
                at = found.ending_at("countries", start - 1)
                if at is not None:
                    country, start = found.countries[at][1], at
                    break
                at = self._org_ending_at(start - 1)
                if at is not None:
                    org = self.org_info(at, start - 1)
                    start = at
                    break
            at = self._org_ending_at(start)
            if at is not None and org is None and country is None:
                org = self.org_info(at, start)
                start = at
                break
            break
        if org is not None and org.country and country is None:
            country = org.country
        return start, country, org

    def _org_ending_at(self, end: int) -> int | None:
        at = self.found.ending_at("orgs", end)
        if at is None:
            at = self.org_ent_ends.get(end)
            if at is not None and self.doc[at].lower_ == "the":
                at += 1
        if at is None or not self.free(at, end):
            return None
        return at

    def qualify_right(self, end: int) -> tuple[int, str | None, OrgInfo | None]:
        """``of [the] COUNTRY`` or ``of [the] ORGANIZATION`` after token ``end``."""
        doc, found = self.doc, self.found
        if end >= len(doc) or doc[end].lower_ != "of":
            return end, None, None
        at = end + 1
        if at < len(doc) and doc[at].lower_ == "the":
            at += 1
        hit = found.countries.get(at)
        if hit is not None:
            return hit[0], hit[1], None
        stop = self.org_ents.get(at) or (found.orgs[at][0] if at in found.orgs else None)
        if stop is not None and self.free(at, stop):
            info = self.org_info(at, stop)
            return stop, info.country, info
        return end, None, None

    def ishead_noun(self, start: int, end: int, *, proper: bool = False) -> bool:
        """A role term that heads its noun phrase (not ``police station``, ``in general``)."""
        last = self.doc[end - 1]
        if not self.parsed[self.sent_of[end - 1]]:  # no tags: the next word must not be a noun
            if end >= len(self.doc):
                return True
            after = self.doc[end]
            if proper:
                return not after.is_alpha
            return not (after.is_alpha and after.is_lower and after.lower_ not in _FOLLOWERS)
        if not last.tag_.startswith("NN"):
            return False
        return not (last.dep_ in _NOUN_DEPS_AS_MODIFIER and last.head.i >= end)

    # -- stage 1: people --------------------------------------------------------------------
    def persons(self) -> list[Item]:
        items: list[Item] = []
        doc, found, lex = self.doc, self.found, self.lex
        surnames = {
            e[-1].text
            for e in found.ents
            if e.label_ == "PERSON" and len(e) > 1 and e[0].is_title and not self._label_at(e.end)
        }  # "Belle Image: Nick Moreau" does not make "Image" a surname
        things = _named_things(found.ents)
        for ent in sorted([*found.ents, *self._unseen_names()], key=lambda e: e.start):
            if ent.label_ != "PERSON" or _thing(ent, things):
                continue
            start, end = ent.start, ent.end
            while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
                end -= 1
            while start < end and (doc[start].lower_ in _TITLES or doc[start].is_punct):
                start += 1
            last = doc[end - 1].text
            if (
                end - start > 1
                and self._label_at(end)
                and last not in surnames
                and self._label_word(end - 1)
            ):
                end -= 1  # "Ahmed Mohamed Image: Twitter": a caption's credit label
            if start >= end or not self.free(start, end):
                continue
            name = self.text(start, end)
            if name in lex.orgs or name in lex.country_names or name in lex.demonyms:
                continue
            if end - start == 1 and name not in surnames and self._label_word(start):
                continue  # "Image:", "Background" (a heading): a common word, not a name
            if end - start == 1 and len(name) > 1 and name.isupper() and name not in surnames:
                continue  # "DAB", "ROTC": an acronym names an organization, not a person
            whole = found.roles.get(start)
            if whole is not None and whole[0] >= end:
                continue  # "President" alone: a title, no name
            if (
                is_known_place(name)
                and name not in surnames
                and not found.ending_at("roles", start)
            ):
                continue  # "Kyiv" taken for a person (not "Paris" after "Valeska Paris")
            role: Role | None = None
            title_start = start
            inner = found.roles.get(start)
            if inner is not None and inner[0] < end:  # "President Joe Biden" as one entity
                role, start = inner[1], inner[0]
                name = self.text(start, end)
            item = Item(start, end, "name", end - 1, "person", name)
            before = found.ending_at("roles", title_start)
            if role is None and before is not None:
                role = found.roles[before][1]
                title_start = before
            if role is not None:
                title_start, country, org = self.qualify_left(title_start)
                item.start, item.how = title_start, "title"
                self._set_person(item, role, country, org)
            else:
                self._apposition(item)
            self.take(item.start, item.end)
            for a, b in item.also:
                self.take(a, b)
            items.append(item)
        # The recognizer may label a later surname as something else ("Abu Qasra said": ORG).
        names = {tuple(it.name.lower().split()) for it in items}
        for ent in found.ents:
            if ent.label_ == "PERSON" or not self.free(ent.start, ent.end):
                continue
            start, end = ent.start, ent.end
            while end > start and doc[end - 1].text in _POSSESSIVE:
                end -= 1
            words = tuple(t.lower_ for t in doc[start:end])
            if words and any(len(n) >= len(words) and n[-len(words) :] == words for n in names):
                items.append(Item(start, end, "name", end - 1, "person", self.text(start, end)))
                self.take(start, end)
        items += self._name_words(items)
        return items

    def _unseen_names(self) -> list[Span]:
        """Names the recognizer missed, after a word that describes a person: ``writer Aner
        Shalev``, ``New People Party's Regina Ip``.  Two or three capitalized words, none a
        common word, outside any entity, after a person's title, an agent noun (``-er``,
        ``-ist``, ``-ian``...) or a possessive."""
        doc, found, lex = self.doc, self.found, self.lex
        inside = bytearray(len(doc))
        for ent in found.ents:
            inside[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        for table in (found.countries, found.demonyms, found.orgs):
            for a, (b, _) in table.items():
                inside[a:b] = b"\x01" * (b - a)
        out: list[Span] = []
        i = 1
        while i < len(doc):
            end = i
            while end < len(doc) and end - i < 4 and self._name_word(doc[end], inside[end]):
                end += 1
            if not 2 <= end - i <= 3 or not self._describes_person(i - 1):
                i = end + 1 if end > i else i + 1
                continue
            if end < len(doc) and doc[end].is_title and doc[end].is_alpha and not inside[end]:
                i = end + 1  # a longer capitalized run: a title or a work, not a name
                continue
            if self.text(i, end) not in lex.orgs:
                out.append(Span(doc, i, end, label="PERSON"))
            i = end
        return out

    def _name_word(self, token: Token, inside: int) -> bool:
        text = token.text
        return (
            not inside
            and token.is_alpha
            and text[:1].isupper()
            and text[1:].islower()
            and len(text) > 1
            and token.lower_ not in self.common
        )

    def _describes_person(self, i: int) -> bool:
        token = self.doc[i]
        if token.text in _POSSESSIVE:
            return i > 0 and self.doc[i - 1].is_title
        if not token.is_lower or not token.is_alpha:
            return False
        hit = self.found.ending_at("roles", i + 1)
        if hit is not None:
            return self.found.roles[hit][1].kind == "person"
        return token.lower_ in self.common and token.lower_.endswith(_AGENT_SUFFIXES)

    def _label_at(self, i: int) -> bool:
        return i < len(self.doc) and self.doc[i].text == ":"

    def _label_word(self, i: int) -> bool:
        """A common noun or adjective (or a plural of one) standing as a label or a sentence's
        first word: before a colon or a line break (``Image: Twitter``, a heading), or opening a
        line before a lower-case word (``Writing in a blog post``; not ``Austen, Jane``)."""
        doc = self.doc
        low = doc[i].lower_
        if low not in self.common and not (low.endswith("s") and low[:-1] in self.common):
            return False
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is None or after.text == ":" or "\n" in after.text:
            return True
        if i > 0 and "\n" not in doc[i - 1].text:
            return False
        return after.is_lower or after.text in _POSSESSIVE  # "Writing in a blog post, ..."

    def _name_words(self, items: list[Item]) -> list[Item]:
        """A full name again, or its last word or (not a common word) its first word alone,
        where the recognizer saw nothing: ``Aner Shalev``, ``Shalev``, ``Isabel``."""
        full = [it.name.split() for it in items if it.how == "name" and len(it.name.split()) > 1]
        full = [n for n in full if all(w[:1].isupper() for w in n)]
        words = {it.name.split()[-1] for it in items if len(it.name.split()) > 1}
        words |= {n[0] for n in full if n[0].lower() not in self.common}
        words = {w for w in words if len(w) > 2 and w[:1].isupper() and w[1:].islower()}
        by_first: dict[str, list[list[str]]] = {}
        for n in sorted(full, key=len, reverse=True):
            by_first.setdefault(n[0], []).append(n)
        if not words and not by_first:
            return []
        doc = self.doc
        inside = bytearray(len(doc))
        for ent in self.found.ents:
            for i in range(ent.start, ent.end):
                inside[i] = 1
        out: list[Item] = []
        for token in doc:
            i = token.i
            if self.taken[i] or inside[i]:
                continue
            for n in by_first.get(token.text, ()):
                end = i + len(n)
                if (
                    [t.text for t in doc[i:end]] == n
                    and self.free(i, end)
                    and not any(inside[i:end])
                ):
                    out.append(Item(i, end, "name", end - 1, "person", " ".join(n)))
                    self.take(i, end)
                    break
            if token.text in words and not self.taken[i]:
                if self._label_at(i + 1) and self._label_word(i):
                    continue  # "Image: NASA"
                out.append(Item(i, i + 1, "name", i, "person", token.text))
                self.taken[i] = 1
        return out

    def _set_person(self, item: Item, role: Role, country: str | None, org: OrgInfo | None) -> None:
        item.role = role
        info = OrgInfo(country=country)
        if role.sector:
            info.sector, info.sectors = role.sector, role.sectors or (role.sector,)
        elif org is not None:
            info.sector, info.sectors = org.sector, org.sectors
        item.info = info

    def _apposition(self, item: Item) -> None:
        """``NAME, [the] [Russia's|Russian] ROLE [of COUNTRY]`` or ``ROLE, NAME``."""
        doc, found = self.doc, self.found
        at = item.end
        if at < len(doc) and doc[at].text == ",":
            at += 1
            det = at < len(doc) and doc[at].lower_ in _DETERMINERS
            first = at + 1 if det else at
            # the role may follow qualifiers: scan forward to the first role term
            for stop in range(first, min(first + 5, len(doc))):
                hit = found.roles.get(stop)
                if hit is None:
                    continue
                if hit[1].kind != "person":
                    break
                q_start, country, org = self.qualify_left(stop)
                if q_start > first or not self.free(first, hit[0]):
                    break
                end, right_country, right_org = self.qualify_right(hit[0])
                self._set_person(item, hit[1], country or right_country, org or right_org)
                item.also.append((at, end))
                return
        self._apposition_before(item)

    def _apposition_before(self, item: Item) -> None:
        doc, found = self.doc, self.found
        before = item.start - 1
        if before > 0 and doc[before].text == ",":
            end = before
            role_start = found.ending_at("roles", end)
            country: str | None = None
            org: OrgInfo | None = None
            if role_start is None:  # "the foreign minister of Iran, NAME"
                named = found.ending_at("countries", end)
                if named is not None and named >= 2 and doc[named - 1].lower_ == "of":
                    role_start = found.ending_at("roles", named - 1)
                    country = found.countries[named][1]
            if role_start is None or found.roles[role_start][1].kind != "person":
                return
            q_start, left_country, org = self.qualify_left(role_start)
            if q_start > 0 and doc[q_start - 1].lower_ in _DETERMINERS:
                q_start -= 1
            if not self.free(q_start, end):
                return
            self._set_person(item, found.roles[role_start][1], left_country or country, org)
            item.also.append((q_start, end))

    # -- stage 2: organizations ---------------------------------------------------------------
    def organizations(self) -> list[Item]:
        doc, found, lex = self.doc, self.found, self.lex
        spans: list[tuple[int, int]] = [(e.start, e.end) for e in found.ents if e.label_ == "ORG"]
        spans += [(s, e) for s, (e, _) in found.orgs.items()]
        items: list[Item] = []
        for start, end in sorted(set(spans), key=lambda se: (se[0], -se[1])):
            while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
                end -= 1
            definite = doc[start].lower_ == "the"
            name_start = start + 1 if definite else start
            if name_start >= end or not self.free(start, end):
                continue
            name = self.text(name_start, end)
            if name in lex.country_names or name in lex.demonyms:
                continue  # a country the recognizer took for an organization
            if all(not t.is_alpha or t.is_lower for t in doc[name_start:end]):
                continue
            info = self.org_info(name_start, end)
            if not definite and start > 0 and doc[start - 1].lower_ == "the":
                start, definite = start - 1, True
            if info.country is None:
                q_start, country, _ = self.qualify_left(start)
                if country is not None:
                    info.country, start = country, q_start
            kind = "igo" if info.table is not None and info.table.kind == "igo" else "organization"
            item = Item(start, end, "name", end - 1, kind, name, info.role, info, definite)
            self.take(start, end)
            items.append(item)
        return items

    # -- stage 3: groups, bodies and offices named by a noun ------------------------------------
    def nominals(self) -> list[Item]:
        doc = self.doc
        items: list[Item] = []
        for start, (end, role) in sorted(self.found.roles.items()):
            if not self.free(start, end) or not self.ishead_noun(start, end):
                continue
            q_start, country, org = self.qualify_left(start)
            r_end, r_country, r_org = self.qualify_right(end)
            country, org = country or r_country, org or r_org
            definite = q_start > 0 and doc[q_start - 1].lower_ in _DETERMINERS
            m_start = q_start - 1 if definite else q_start
            definite = definite and doc[m_start].lower_ == "the"
            name = self.text(q_start, r_end)
            info = OrgInfo(country=country)
            if org is not None:
                info.org, info.table = org.org, org.table
            if role.sector:
                info.sector, info.sectors = role.sector, role.sectors or (role.sector,)
            elif org is not None:
                info.sector, info.sectors = org.sector, org.sectors
            qualified = country is not None or org is not None or q_start < start
            item = Item(
                m_start, r_end, "nominal", end - 1, role.kind, name, role, info, definite, qualified
            )
            self.take(m_start, r_end)
            items.append(item)
        return items

    # -- stage 4: countries -------------------------------------------------------------------
    def countries(self) -> list[Item]:
        doc, found, lex = self.doc, self.found, self.lex
        spans: dict[int, tuple[int, str]] = dict(found.countries)
        for ent in found.ents:
            if ent.label_ != "GPE":
                continue
            start = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
            end = ent.end
            while end > start and doc[end - 1].text in _POSSESSIVE:
                end -= 1
            text = self.text(start, end)
            iso = lex.country_names.get(text) or lex.loose_country_names.get(text)
            if iso is not None and start not in spans:
                spans[start] = (end, iso)
        items: list[Item] = []
        for start, (end, iso) in sorted(spans.items()):
            if not self.free(start, end):
                continue
            name = lex.country_display.get(iso, self.text(start, end))
            item = Item(start, end, "country", end - 1, "country", name)
            item.info.country = iso
            self.take(start, end)
            items.append(item)
        return items

    def peoples(self) -> list[Item]:
        """A nation's people by their plural demonym ("Syrians", "Americans")."""
        items: list[Item] = []
        for start, (end, iso) in sorted(self.found.demonyms.items()):
            text = self.text(start, end)
            if not text.endswith("s") or not self.free(start, end):
                continue
            if not self.ishead_noun(start, end, proper=True):
                continue
            item = Item(start, end, "name", end - 1, "group", text)
            item.info.country = iso
            self.take(start, end)
            items.append(item)
        # a people the recognizer names that is no nation's ("Muslims", "Republicans")
        for ent in self.found.ents:
            start, end = ent.start, ent.end
            if ent.label_ != "NORP" or end - start != 1 or not self.free(start, end):
                continue
            token = self.doc[start]
            if not (token.is_title and token.text.endswith("s")) or token.tag_ not in {"", "NNPS"}:
                continue
            if not self.ishead_noun(start, end):
                continue
            items.append(Item(start, end, "name", start, "group", token.text))
            self.take(start, end)
        return items

    # -- stage 5: words that stand for an actor named before ------------------------------------
    def references(self) -> list[Item]:
        doc, lex = self.doc, self.lex
        items: list[Item] = []
        for start, (end, term) in self.found.anaphors.items():
            if start == 0 or doc[start - 1].lower_ != "the" or not self.free(start - 1, end):
                continue
            last = doc[end - 1]
            if not self.parsed[self.sent_of[start]] or last.dep_ not in _SUBJECT_DEPS:
                continue
            item = Item(start - 1, end, "anaphor", end - 1, "", term)
            item.anaphor_kinds = lex.anaphors[term]
            items.append(item)
        for i in self.found.pronouns:
            if not self.taken[i]:
                items.append(Item(i, i + 1, "pronoun", i, "", doc[i].text))
        return items


_THING_WORDS = frozenset(
    [
        "space shuttle",
        "shuttle",
        "spacecraft",
        "cyclone",
        "hurricane",
        "typhoon",
        "tropical storm",
        "storm",
        "operation",
        "hms",
        "uss",
    ]
)
"""Words that open the name of a vehicle, a storm or an operation (``Space Shuttle Columbia``,
``Cyclone Phailin``): the recognizer takes such names for people."""


def _thing_prefix(ent: Span) -> int:
    """How many words of ``ent`` are a word from :data:`_THING_WORDS` opening it (0: none)."""
    for size in (2, 1):
        if len(ent) > size and " ".join(t.lower_ for t in ent[:size]) in _THING_WORDS:
            return size
    return 0


def _named_things(ents: list[Span]) -> frozenset[str]:
    """Names after a word from :data:`_THING_WORDS` in the article (``Columbia``, ``Phailin``)."""
    out: set[str] = set()
    for ent in ents:
        size = _thing_prefix(ent)
        if size:
            out.add(ent[size:].text)
    return frozenset(out)


def _thing(ent: Span, things: frozenset[str]) -> bool:
    """A name the recognizer took for a person's that names a vehicle or a storm: it opens with
    a word for one, or it is the name of one named so elsewhere in the article."""
    return bool(_thing_prefix(ent)) or ent.text in things


def find_actors(
    doc: Doc,
    text: str,
    sentences: list[Sentence],
    found: Candidates,
    common: frozenset[str] = frozenset(),
) -> tuple[list[Actor], list[ActorMention]]:
    """The actors of one parsed article, ids ``a1``, ``a2``... in order of first mention.

    ``common``: lower-case common nouns and adjectives (see :func:`common_words`); a person
    "named" only by such words is taken for a recognizer's mistake."""
    finder = _Finder(doc, sentences, found, common)
    items = finder.persons()
    items += finder.organizations()
    items += finder.nominals()
    items += finder.countries()
    items += finder.peoples()
    items += finder.references()
    entities = [e for e in resolve(items, finder.sentences, finder.sent_of) if e.hits]
    entities.sort(key=lambda e: min(h[0] for h in e.hits))
    actors: list[Actor] = []
    mentions: list[ActorMention] = []
    for number, entity in enumerate(entities, start=1):
        actor_id = f"a{number}"
        records: list[Mention] = []
        for start, end, how, head in sorted(entity.hits):
            a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            records.append(Mention(a, b, text[a:b]))
            mentions.append(ActorMention(actor_id, a, b, start, end, how, head))
        kind = entity.kind
        if kind == "country" and beside_score(text, records):
            kind = "organization"  # a national team: "Sweden 1 – 0 Korea Republic"
        actors.append(
            Actor(
                id=actor_id,
                name=entity.name,
                kind=kind,
                role=entity.role,
                country=entity.country,
                sector=entity.sector,
                sectors=entity.sectors,
                org=entity.org,
                mentions=tuple(records),
            )
        )
    return actors, mentions
