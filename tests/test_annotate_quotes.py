"""Quotes: quotation marks of every style, attributions, speakers, relays.

The quotation-mark scanner is tested on plain strings; the rest goes through the real annotate
stage (``annotate``), so the parse, the actors and the quote finder are the ones that ship.  The
sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from conftest import SEED, shared_path

from eventwire.annotate import annotate
from eventwire.annotate.attribution import default_lexicon, parse_cues
from eventwire.annotate.quotes import scan_quotes
from eventwire.records import Article, Quote, article_id


def inner(text: str) -> list[str]:
    return [text[q.start : q.end] for q in scan_quotes(text)]


def quotes_of(text: str) -> list[Quote]:
    article = Article(id=article_id(None, text), text=text, language="en")
    return list(annotate(article).quotes)


def one(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, (fragment, quotes)
    return found[0]


# --- quotation marks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will stay" and left.', ["we will stay"]),
        ("He said “we will stay” and left.", ["we will stay"]),
        ("Er sagte „wir bleiben“ und ging.", ["wir bleiben"]),
        ("Il a dit « nous restons » hier.", [" nous restons "]),
        ("Han sagde »vi bliver« i går.", ["vi bliver"]),
        ("Han sa ”vi stannar” i går.", ["vi stannar"]),
        ("He said 'we will stay' and left.", ["we will stay"]),
        ("He said ‘we will stay’ and left.", ["we will stay"]),
        ("''We will stay,'' he said.", ["We will stay,"]),
        ("``We will stay,'' he said.", ["We will stay,"]),
    ],
)
def test_each_quote_style(text: str, expected: list[str]) -> None:
    assert inner(text) == expected


def test_nested_quotes_stay_inside_the_outer_one() -> None:
    text = "“She told me ‘never again,’ and I believed her,” he said."
    assert inner(text) == ["She told me ‘never again,’ and I believed her,"]
    text = "'He called it \"a farce\" twice,' she said."
    assert inner(text) == ['He called it "a farce" twice,']


def test_apostrophes_are_not_quotes() -> None:
    text = "Don’t blame the Clintons’ aides for the ’90s, it’s Mr. O'Neill's call."
    assert scan_quotes(text) == []


def test_quote_running_over_paragraphs_in_wire_style() -> None:
    text = (
        '"We have no plans to leave the region.\n'
        '"Our partners know that," the minister said.\n'
        "Talks resume on Monday."
    )
    (span,) = scan_quotes(text)
    assert text[span.start : span.end].startswith("We have no plans")
    assert text[span.start : span.end].endswith("know that,")
    assert text[span.close :].startswith(" the minister")


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never closes.\nThe next paragraph has no quote.',
        'Stray closing mark" in the middle.',
        "“Open, ‘nested, never closed.\n",
        '"',
        "”“",
        "",
        "'''''",
        '"\n"\n"',
    ],
)
def test_unbalanced_marks_make_no_quote(text: str) -> None:
    assert scan_quotes(text) == []


def test_a_text_that_is_all_quotes() -> None:
    text = '"We will rebuild every school in the province before winter comes."'
    assert inner(text) == ["We will rebuild every school in the province before winter comes."]
    (quote,) = quotes_of(text)
    assert quote.direct and quote.speaker is None
    assert quote.text == "We will rebuild every school in the province before winter comes."


# --- direct quotes --------------------------------------------------------------------------


def test_trailing_attribution() -> None:
    text = '"The border will stay open for aid convoys," Minister Rania Haddad said on Tuesday.'
    (quote,) = quotes_of(text)
    assert quote.direct
    assert quote.text == "The border will stay open for aid convoys"
    assert text[quote.start : quote.end] == quote.text
    assert quote.cue == "said"
    assert quote.speaker is not None and quote.speaker.text == "Minister Rania Haddad"


def test_inverted_and_colon_attributions() -> None:
    text = (
        "“We expect the vote to pass,” said Senator Tom Walsh.\n"
        "Governor Amy Chen told reporters: “The budget is balanced for the first time.”"
    )
    quotes = quotes_of(text)
    first = one(quotes, "We expect the vote")
    assert first.direct and first.cue == "said"
    assert first.speaker is not None and first.speaker.text == "Senator Tom Walsh"
    second = one(quotes, "The budget is balanced")
    assert second.direct and second.cue == "told"
    assert second.speaker is not None and second.speaker.text == "Governor Amy Chen"


def test_continuation_goes_to_the_same_speaker() -> None:
    text = (
        '"We are ready to talk," Prime Minister Lars Berg said. "But not under threats."\n'
        '"Nobody gains from a long strike."\n'
        "The unions did not reply."
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "We are ready to talk",
        "But not under threats.",
        "Nobody gains from a long strike.",
    ]
    assert all(q.direct and q.speaker is not None for q in quotes)
    assert {(q.speaker.start, q.speaker.end) for q in quotes if q.speaker} == {
        (quotes[0].speaker.start, quotes[0].speaker.end) if quotes[0].speaker else (0, 0)
    }


def test_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        '"The dam is safe and the water level is falling.\n'
        '"We will reopen the roads on Friday," the regional governor said.'
    )
    (quote,) = quotes_of(text)
    assert quote.direct and quote.cue == "said"
    assert quote.text.startswith("The dam is safe") and quote.text.endswith("on Friday")
    assert quote.speaker is not None and quote.speaker.text == "the regional governor"


def test_nested_quote_belongs_to_the_outer_speaker() -> None:
    text = "“He told me ‘never again,’ and I believed him,” the witness said."
    (quote,) = quotes_of(text)
    assert quote.direct and quote.text == "He told me ‘never again,’ and I believed him"
    assert quote.speaker is not None and quote.speaker.text == "the witness"


def test_unbalanced_mark_invents_no_quote() -> None:
    text = 'The mayor opened the bridge on Sunday. "It took ten years\nTraffic was light.'
    assert [q for q in quotes_of(text) if q.direct] == []


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = 'The so-called "reform" stalled. She appeared on "Meet the Press" last week.'
    assert quotes_of(text) == []


# --- indirect attributions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "The president said that the army would withdraw from the city by March.",
            "the army would withdraw from the city by March",
            "The president",
            "said",
        ),
        (
            "Officials said on Tuesday the talks had broken down.",
            "the talks had broken down",
            "Officials",
            "said",
        ),
        (
            "The talks had broken down, a senior diplomat said.",
            "The talks had broken down",
            "a senior diplomat",
            "said",
        ),
        (
            "According to the United Nations, more than 2,000 families fled the fighting.",
            "more than 2,000 families fled the fighting",
            "the United Nations",
            "According to",
        ),
        (
            "The governor told lawmakers the budget would be cut by a tenth.",
            "the budget would be cut by a tenth",
            "The governor",
            "told",
        ),
        (
            "The opposition leader plans to boycott the next session of parliament.",
            "to boycott the next session of parliament",
            "The opposition leader",
            "plans",
        ),
        (
            "Aid agencies warned that the camps could not take more refugees.",
            "the camps could not take more refugees",
            "Aid agencies",
            "warned",
        ),
    ],
)
def test_indirect_forms(text: str, content: str, speaker: str, cue: str) -> None:
    quote = one(quotes_of(text), content)
    assert not quote.direct
    assert quote.text == content
    assert quote.cue == cue
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert text[quote.speaker.start : quote.speaker.end] == speaker


def test_the_ministry_said_resolves_to_the_ministry() -> None:
    text = (
        "The Indian Foreign Ministry said the envoy would return to Delhi.\n"
        "The ministry said the decision was final."
    )
    quotes = quotes_of(text)
    first = one(quotes, "the envoy would return")
    second = one(quotes, "the decision was final")
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.actor is not None
    assert second.speaker.actor == first.speaker.actor


# --- relays and resolution: the seed --------------------------------------------------------


def test_seed_quotes_as_expected() -> None:
    from eventwire.extract.pagedump import extract_pagedump

    article = extract_pagedump(shared_path(SEED).read_text(encoding="utf-8"), source="seed")
    annotated = annotate(article)
    names = {actor.id: actor.name for actor in annotated.actors}
    quotes = list(annotated.quotes)
    assert len(quotes) == 4, quotes

    lede, talks, directions, meeting = quotes
    assert not lede.direct and lede.cue == "said"
    assert lede.text.startswith("Russian Defense Minister Andrei Belousov held a meeting")
    assert lede.text.endswith("promising areas of cooperation")
    assert lede.speaker is not None and lede.speaker.text == "the Russian Defense Ministry"
    ministry = lede.speaker.actor
    assert ministry is not None and names[ministry] == "Russian Defense Ministry"

    assert talks.direct and talks.cue == "said"
    assert talks.text == (
        "During the talks, the practical implementation of promising areas of bilateral "
        "cooperation was discussed"
    )
    assert talks.speaker is not None and talks.speaker.text == "the statement"
    assert talks.speaker.actor == ministry

    assert directions.direct and directions.cue == "said"
    assert directions.text == (
        "The directions of our cooperation are important. And we are witnessing our "
        "developing relations"
    )
    assert directions.speaker is not None and directions.speaker.text == "Abu Qasra"
    assert directions.speaker.actor is not None
    assert names[directions.speaker.actor] == "Murhaf Abu Qasra"
    assert directions.via == ministry

    assert not meeting.direct and meeting.cue == "read"
    assert meeting.text.startswith("The meeting between leaders of Russia and Syria")
    assert meeting.speaker is not None and meeting.speaker.actor == ministry
    for quote in quotes:
        assert article.text[quote.start : quote.end] == quote.text


# --- the cue table --------------------------------------------------------------------------


def test_cue_table_reads_and_classes() -> None:
    lexicon = default_lexicon()
    assert lexicon.verbs["say"].cls == "speech"
    assert lexicon.verbs["believe"].cls == "belief"
    assert lexicon.verbs["plan"].cls == "intention"
    assert lexicon.phrases["according to"].cls == "source-phrase"
    assert "quote" in lexicon.relays and "quote" not in lexicon.verbs
    assert ("point", "out") in lexicon.phrasal
    assert {"say", "according"} <= lexicon.words


@pytest.mark.parametrize(
    "lines",
    [
        ["cue\tclass\tpos\ttakes", "say\tspeech\tverb"],
        ["cue\tclass\tpos\ttakes", "say\tgossip\tverb\tclause"],
        ["cue\tclass\tpos\ttakes", "say\tspeech\tverb\tnonsense"],
        ["cue\tclass\ttakes", "say\tspeech\tclause"],
    ],
)
def test_bad_cue_table_is_refused(lines: list[str]) -> None:
    with pytest.raises(ValueError, match="cues table"):
        parse_cues(lines)
