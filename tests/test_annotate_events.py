"""Event coding (eventwire.annotate.events / coding / aggregate) on sentences written for these
tests: one per event family, the flags, several actors, and input that must code nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from eventwire.annotate import annotate, annotate_many
from eventwire.annotate.coding import default_lexicon, parse_lexicon
from eventwire.knowledge import cameo_codes
from eventwire.records import Annotated, Article, Event

pytest.importorskip("spacy")

PUBLISHED = datetime(2025, 3, 12, 9, 0)  # a Wednesday
HEADER = "verb\tprep\tobject\tcameo\toptions\tnotes\n"


def coded(text: str) -> Annotated:
    return annotate(Article(id="t", text=text, published_at=PUBLISHED, language="en"))


def happened(result: Annotated) -> list[Event]:
    return [e for e in result.events if not {"negated", "hypothetical"} & set(e.flags)]


def countries(actors: tuple[object, ...]) -> list[str | None]:
    return [getattr(a, "country", None) for a in actors]


FAMILIES = [
    # text, "TYPE ROOT SOURCES>TARGETS" (countries comma-separated; * leaves the target unchecked)
    ("French President Marc Duval met Italian Prime Minister Laura Conti in Rome on Monday.",
     "CONSULT 04 FRA>ITA"),
    ("Spain's foreign minister praised Portugal for its handling of the migrant crisis.",
     "SUPPORT 05 ESP>PRT"),
    ("Greece accused Turkey of violating its airspace on Tuesday.", "ACCUSE 11 GRC>TUR"),
    ("Canada imposed sanctions on Belarus on Friday.", "COERCE 16 CAN>BLR"),
    ("Egyptian police arrested 20 protesters in Cairo on Friday.", "COERCE 17 EGY>EGY"),
    ("Israeli warplanes bombed Hamas positions in Gaza on Sunday.", "ASSAULT 19 ISR>*"),
    ("Thousands of Chilean students protested in Santiago on Thursday.", "PROTEST 14 CHL>"),
    ("Ethiopia and Sudan agreed to resume border talks.", "AGREE 03 ETH,SDN>"),
    ("Germany sent humanitarian aid to Lebanon on Wednesday.", "AID 07 DEU>LBN"),
    ("The United Nations urged Myanmar to release political prisoners.", "REQUEST 02 IGO>MMR"),
    ("Venezuela rejected a proposal from Colombia for new border talks.", "REJECT 12 VEN>COL"),
    ("Russian troops withdrew from the city of Kherson.", "RETREAT 08 RUS>*"),
    ("China deployed warships near the Philippines on Monday.", "MOBILIZE 15 CHN>*"),
    ("Ukraine expelled two Belarusian diplomats on Tuesday.", "SANCTION 16 UKR>BLR"),
    ("Tunisia lifted the ban on the main opposition party.", "CONCEDE 08 TUN>*"),
    ("Japan and Australia shared intelligence on missile launches.", "COOPERATE 06 JPN,AUS>*"),
    ("Iran threatened to attack U.S. bases in the region.", "THREATEN 13 IRN>USA"),
    ("The Brazilian finance ministry declined to comment on the report.", "null 01 BRA>"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FAMILIES)
def test_event_families(text: str, expected: str) -> None:
    kind, root, sides = expected.split()
    sources, targets = sides.split(">")
    events = happened(coded(text))
    assert len(events) == 1, [(e.type, e.cameo) for e in events]
    event = events[0]
    assert (event.type or "null") == kind
    assert event.cameo.startswith(root)
    code = cameo_codes()[event.cameo]
    assert (event.quad_class, event.goldstein, event.mode) == (
        code.quad_class,
        code.goldstein,
        code.plover_mode,
    )
    assert countries(event.source) == sources.split(",")
    if targets != "*":
        assert countries(event.target) == [c for c in targets.split(",") if c]


WIDER_VOCABULARY = [
    # less common verbs and phrasings: text, "CAMEO SOURCES>TARGETS" (as in FAMILIES)
    ("Kenya and Uganda spoke by phone on Monday.", "041 KEN,UGA>"),
    ("Opposition supporters in Kenya rallied behind President Ruto on Monday.", "051 KEN>KEN"),
    ("Japan and India expanded defense cooperation on Monday.", "062 JPN,IND>"),
    ("Workers staged a strike in Lagos on Monday.", "143 NGA>"),
    ("The Nigerian opposition leader hit out at the government on Tuesday.", "111 NGA>NGA"),
    ("Iran lobbed mortar shells at Iraqi Kurdish villages.", "194 IRN>IRQ"),
    ("Iraqi forces repelled an attack by Islamic State fighters.", "190 IRQ>*"),
    ("Indian police put the Kashmiri leader under house arrest.", "173 IND>IND"),
    ("Hungary scuttled the EU deal on Ukraine aid.", "120 HUN>*"),
    ("Israel issued a stern warning to Hezbollah.", "130 ISR>*"),
    ("Turkey halted imports from Israel on Thursday.", "163 TUR>ISR"),
    ("Venezuela granted an amnesty to 200 political prisoners.", "0841 VEN>*"),
    ("Sweden blocked Hungary's bid to join the council.", "120 SWE>HUN"),
    ("Poland closed its border with Belarus.", "172 POL>BLR"),
    ("Norway facilitated talks between Colombia and the ELN.", "045 NOR>*"),
    ("Egypt reopened the Rafah crossing.", "081 EGY>"),
    ("Syria welcomed the decision of the Arab League.", "051 SYR>IGO"),
    ("The Kenyan president welcomed the Somali foreign minister in Nairobi.", "043 KEN>SOM"),
    ("Rwanda denied backing M23 rebels.", "016 RWA>*"),
    # a promise to yield: the promised act's own code decides, not the complement verb's word
    ("Hungarian opposition leaders agreed to halt their protests on Saturday.", "0352 HUN>"),
    ("The Egyptian government promised to reopen the Rafah crossing.", "0351 EGY>"),
    ("The EU agreed to lift sanctions on Syria.", "0354 IGO>SYR"),
    ("Russia agreed to withdraw its troops from the border.", "0356 RUS>"),
    # targets inside the object phrase
    ("Beijing condemned Washington's decision to sell arms to Taiwan.", "111 CHN>USA"),
    ("Ghana lodged a formal protest with Togo.", "114 GHA>TGO"),
    ("Germany pledged 500 million euros in aid to Ukraine.", "0331 DEU>UKR"),
    ("The Indian navy rescued 23 Pakistani sailors from pirates.", "073 IND>PAK"),
    ("Poland summoned the Russian charge d'affaires.", "114 POL>RUS"),
    ("The Israeli cabinet approved a ceasefire deal with Hamas.", "057 ISR>PSE"),
    ("Nigeria launched a military operation against Boko Haram.", "190 NGA>NGA"),
    ("Saudi Arabia launched a bombing campaign against the Houthis.", "195 SAU>YEM"),
    ("Jordan pulled its ambassador from Israel.", "161 JOR>ISR"),
    ("China extended an invitation to the Brazilian president.", "036 CHN>BRA"),
    ("Syria retook the town of Palmyra from the Islamic State.", "192 SYR>*"),
    # an order to one's own forces codes the ordered act
    ("The Russian president ordered his forces to attack Ukrainian positions near Kharkiv.",
     "190 RUS>UKR"),
    ("The Egyptian interior minister ordered police to arrest the opposition leader.",
     "173 EGY>EGY"),
    ("The United Nations ordered Israel to halt the offensive in Gaza.", "1056 IGO>ISR"),
    # an event noun as the subject of a verb telling that it took place
    ("A ceasefire between Israel and Hamas took effect on Sunday.", "0871 ISR,PSE>"),
    ("Talks between Serbia and Kosovo resumed in Brussels on Monday.", "046 SRB,XKX>"),
    ("Talks between Serbia and Kosovo were held in Brussels on Monday.", "046 SRB,XKX>"),
    ("Clashes between Serbian police and Kosovo broke out in Zvecan.", "190 SRB,XKX>"),
    ("Kenyan protests erupted in Nairobi on Monday.", "141 KEN>"),
    # ... or what it did: the noun's own code, not the verb's
    ("An Israeli air strike hit a school in Gaza on Monday.", "195 ISR>PSE"),
    ("Russian shelling killed five civilians in Kherson on Tuesday.", "194 RUS>UKR"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), WIDER_VOCABULARY)
def test_wider_vocabulary(text: str, expected: str) -> None:
    code, sides = expected.split()
    sources, targets = sides.split(">")
    events = happened(coded(text))
    assert [e.cameo for e in events] == [code], [(e.cameo, e.type) for e in events]
    assert countries(events[0].source) == sources.split(",")
    if targets != "*":
        assert countries(events[0].target) == [c for c in targets.split(",") if c]


DEMONYM_SIDES = [
    # the only actor is a demonym before a weapon, force or event noun: its country's side,
    # with the head noun's sector: text, "CAMEO SOURCE:SECTOR>TARGETS" (as in FAMILIES)
    ("Ukrainian artillery pounded Russian positions near Bakhmut on Monday.", "194 UKR:MIL>RUS"),
    ("An Israeli air strike killed 12 people in a refugee camp on Tuesday.", "195 ISR:MIL>*"),
    ("A Russian missile strike hit an apartment block on Friday.", "195 RUS:MIL>*"),
    ("Russian drones attacked the port overnight.", "190 RUS:MIL>*"),
    ("Ethiopian jets bombed rebel positions on Wednesday.", "195 ETH:MIL>*"),
    ("Syrian tanks shelled the town on Thursday.", "194 SYR:MIL>*"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), DEMONYM_SIDES)
def test_demonym_sides(text: str, expected: str) -> None:
    code, sides = expected.split()
    source, targets = sides.split(">")
    events = happened(coded(text))
    assert [e.cameo for e in events] == [code], [(e.cameo, e.type) for e in events]
    assert [f"{a.country}:{a.sector}" for a in events[0].source] == [source]
    if targets != "*":
        assert countries(events[0].target) == [c for c in targets.split(",") if c]


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian wheat exports rose 5% in March.",
        "A Russian tennis player beat her rival in the final.",
        "Chinese shares fell sharply on Monday.",
        "Brazilian coffee prices hit a record high.",
        "A Japanese carmaker launched a new model.",
        "A British company acquired a German rival for $2 billion.",
    ],
)
def test_demonym_without_a_side(text: str) -> None:
    assert coded(text).events == ()


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Spain did not impose sanctions on Morocco.", "negated"),
        ("Canada may impose sanctions on Iran next month.", "hypothetical"),
        ("The Kenyan president plans to visit Tanzania next week.", "hypothetical"),
        ("If talks fail, Ghana could expel the Togolese ambassador.", "hypothetical"),
        ("Reporters asked whether Peru would expel the Bolivian ambassador.", "hypothetical"),
        ("Pakistan arrested three Indian fishermen, officials said on Wednesday.", "reported"),
        ("In 2019, Japan imposed export curbs on South Korea.", "historical"),
    ],
)
def test_flags(text: str, flag: str) -> None:
    events = coded(text).events
    assert events, text
    assert flag in events[0].flags
    if flag in {"negated", "hypothetical"}:
        assert not happened(coded(text))
        assert events[0].confidence < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Serbia and Kosovo will resume next week.",
        "Talks between Serbia and Kosovo did not take place.",
        "If talks between Serbia and Kosovo begin, the EU will lift its measures.",
    ],
)
def test_event_noun_subject_that_did_not_happen(text: str) -> None:
    assert not [e for e in happened(coded(text)) if e.cameo == "046"]


def test_threat_is_not_the_threatened_act() -> None:
    events = coded("Iran threatened to attack U.S. bases in the region.").events
    assert [e.type for e in events] == ["THREATEN"]


def test_stated_intent_is_a_promise() -> None:
    events = happened(coded("Norway said it would send 50 tonnes of food to Sudan."))
    assert [(e.type, e.cameo[:2]) for e in events] == [("AGREE", "03")]


def test_coordinated_sources_and_no_target() -> None:
    (event,) = coded("France and Germany signed a defence agreement in Berlin.").events
    assert event.cameo == "057"
    assert countries(event.source) == ["FRA", "DEU"]
    assert event.target == ()
    assert event.place is not None and event.place.name == "Berlin"


def test_coordinated_targets() -> None:
    (event,) = coded("Norway urged Armenia and Azerbaijan to resume talks.").events
    assert event.type == "REQUEST"
    assert countries(event.target) == ["ARM", "AZE"]


def test_one_happening_several_mentions() -> None:
    text = (
        "Turkish Foreign Minister Ayse Demir met her Greek counterpart in Athens on Monday. "
        "During the talks, the two ministers discussed migration. "
        "The meeting was the first in two years."
    )
    (event,) = coded(text).events
    assert event.type == "CONSULT"
    assert len(event.mentions) == 3
    assert event.evidence == event.mentions[0]
    assert event.date == "2025-03-10" and event.date_precision == "day"


def test_report_date_when_the_sentence_has_none() -> None:
    (event,) = coded("Canada imposed sanctions on Belarus.").events
    assert (event.date, event.date_precision) == ("2025-03-12", "report")


def test_dateline_place_is_a_marked_fallback() -> None:
    (event,) = coded("OTTAWA (Reuters) - Canada imposed sanctions on Belarus.").events
    assert event.place is not None and event.place.name == "Ottawa"
    assert event.place_is_dateline


ARGUMENTS = [
    # where the target is not the direct object (text, "TYPE ROOT SOURCES>TARGETS")
    ("Brazil called on Peru and Chile to settle their fishing dispute.", "REQUEST 02 BRA>CHL,PER"),
    ("Norway has pulled its last peacekeepers out of Lebanon.", "SANCTION 16 NOR>LBN"),
    ("Turkish troops pulled out of three villages in northern Iraq on Friday.",
     "RETREAT 08 TUR>IRQ"),
    ("Rebels withdrew from the town of Goma in eastern Congo.", "RETREAT 08 COD>"),
    ("Russia moved 5,000 troops to its border with Finland.", "MOBILIZE 15 RUS>FIN"),
    ("The Indian navy held drills in the Bay of Bengal on Monday.", "MOBILIZE 15 IND>"),
    ("Spain urged its European partners to condemn Venezuela.", "ACCUSE 11 ESP>VEN"),
    ("Washington sent $500 million in budget support to Kyiv.", "AID 07 USA>UKR"),
    ("The EU rejected Minsk's request to lift sanctions.", "REJECT 12 IGO>BLR"),
    ("The UN Security Council rejected a resolution drafted by Russia.", "REJECT 12 IGO>RUS"),
    ("Cuba rejected an offer of talks from the United States.", "REJECT 12 CUB>USA"),
    ("Canada refused on Monday to lift sanctions on Belarus.", "REJECT 12 CAN>BLR"),
    ("Peru's military rulers let a U.N. human rights team into the town of Puno.",
     "RETREAT 08 PER>IGO"),
    ("Students in Lima staged a sit-in outside the education ministry on Sunday.",
     "PROTEST 14 PER>"),
    ("Niger's junta expelled the U.N. peacekeeping mission on Friday.", "SANCTION 16 NER>IGO"),
    ("Rwanda sent 300 police officers to Mozambique to bolster the regional mission.",
     "AID 07 RWA>MOZ"),
    ("Chile's navy passed intelligence on Peruvian fishing fleets to Ecuador's coast guard.",
     "COOPERATE 06 CHL>ECU"),
    ("Chile's miners' union threatened a national strike unless the government raised wages.",
     "THREATEN 13 CHL>CHL"),
    ("Gunmen abducted 30 schoolchildren from a school in Niger on Monday.", "ASSAULT 18 NER>NER"),
    ("Egypt's government promised to release 500 prisoners before the holiday.",
     "AGREE 03 EGY>EGY"),
    ("Thousands of people poured into the streets of Nairobi on Saturday to protest.",
     "PROTEST 14 KEN>"),
    ("Thousands of opposition supporters marched in Lusaka on Sunday, demanding that "
     "President Joseph Banda resign.", "PROTEST 14 ZMB>ZMB"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ARGUMENTS)
def test_arguments(text: str, expected: str) -> None:
    kind, root, sides = expected.split()
    sources, targets = sides.split(">")
    events = happened(coded(text))
    assert [(e.type, e.cameo[:2]) for e in events] == [(kind, root)], [
        (e.type, e.cameo, countries(e.source), countries(e.target)) for e in events
    ]
    assert sorted(c or "" for c in countries(events[0].source)) == sources.split(",")
    assert sorted(c or "" for c in countries(events[0].target)) == [
        t for t in targets.split(",") if t
    ]


def test_consequence_participle_is_one_act() -> None:
    events = happened(coded("Syrian artillery shelled the village of Kafr Nabl, killing four."))
    assert [(e.type, e.cameo) for e in events] == [("ASSAULT", "194")]


def test_own_refusal_to_yield() -> None:
    text = "Interior Minister Ana Ruiz told reporters on Tuesday that she would not step down."
    codes = [e.cameo for e in happened(coded(text))]
    assert "1231" in codes, codes


def test_what_an_offer_is_for_codes_it() -> None:
    events = happened(coded("Cuba rejected an offer of talks from the United States."))
    assert [e.cameo for e in events] == ["125"]
    assert not happened(coded("German firms announced plans to withdraw from Iran."))


def test_a_country_described_is_the_one_named_before() -> None:
    text = (
        "An earthquake struck Nepal on Sunday. "
        "India sent tents and medical teams to the Himalayan nation on Monday."
    )
    events = happened(coded(text))
    assert [(e.type, countries(e.source), countries(e.target)) for e in events] == [
        ("AID", ["IND"], ["NPL"])
    ]


def test_politicians_attack_in_words() -> None:
    verbal = happened(coded("French Prime Minister Anne Roux attacked the opposition's budget."))
    assert [(e.type, e.cameo) for e in verbal] == [("ACCUSE", "111")]
    ordered = happened(coded("Russian President Ivan Petrov ordered an attack on Ukraine."))
    assert [e.type for e in ordered] == ["ASSAULT"]
    launched = happened(coded("Prime Minister Jan Novak launched an attack on the budget plans."))
    assert [e.cameo for e in launched] == ["111"]
    force = happened(coded("US President Tom Reed attacked Iran on Friday."))
    assert [e.type for e in force] == ["ASSAULT"]


def test_the_one_told_is_the_target() -> None:
    text = "Peru's prime minister told lawmakers on Monday that he would not resign."
    events = happened(coded(text))
    assert [(e.cameo, countries(e.target)) for e in events] == [("1231", ["PER"])]


def test_coordinated_demonyms_name_each_side() -> None:
    events = happened(coded("Indian and Chinese troops clashed along the disputed border."))
    assert events and sorted(c or "" for c in countries(events[0].source)) == ["CHN", "IND"]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose sharply on Monday.",
        "The storm destroyed hundreds of homes.",
        "The minister said the economy was strong.",
        "Brazil beat Argentina 2-1 in the final on Sunday.",
        "The Kenyan army released a statement on Monday.",
        "Firefighters in Spain fought dozens of wildfires near Valencia.",
        "The virus has killed more than 1,000 people in Peru.",
        "Judges are free to decide for themselves.",
        "The Chancellor rallies Labour voters.",
        "The Indian rupee hit a record low against the dollar on Tuesday.",
        "Jamaica's Ann Brown won gold in the 200 metres, beating Britain's Zoe Hart.",
        "Stocks rallied on Monday as oil prices eased.",
        "The storm shut down two radio stations.",
        "The striker hit out at the referee after the match.",
        "The company launched an operation to expand its business.",
        "The Chilean miners' strike hit copper exports.",
        "Peace talks",
        "Oil deal",
        "Country | GDP | Growth\nFrance | 2.9 | 1.1\nGermany | 4.1 | 0.2\nItaly | 2.1 | 0.7",
        "",
    ],
)
def test_nothing_to_code(text: str) -> None:
    assert coded(text).events == ()


def test_very_long_sentence() -> None:
    clause = "the committee reviewed the figures for the previous quarter in detail"
    text = ", and ".join([clause] * 30) + "."
    assert len(text.split()) >= 300
    assert coded(text).events == ()
    mixed = text[:-1] + ", while Canada imposed sanctions on Belarus."
    for event in coded(mixed).events:  # too long to parse is fine; an invented event is not
        assert event.type == "COERCE"


def test_event_offsets_and_version() -> None:
    text = "KYIV - Ukraine expelled two Belarusian diplomats. Belarus condemned the move."
    result = coded(text)
    assert result.events
    for event in result.events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        for actor in (*event.source, *event.target):
            assert text[actor.start : actor.end] == actor.text
        assert event.coder == default_lexicon().coder
        assert 0.0 <= event.confidence <= 1.0
    assert [e.id for e in result.events] == [e.id for e in coded(text).events]


def test_many_articles_stream() -> None:
    articles = (
        Article(id=str(n), text=f"Canada imposed sanctions on Belarus on day {n}.", language="en")
        for n in range(5)
    )
    results: Iterator[Annotated] = annotate_many(articles, batch_size=2)
    assert [len(r.events) for r in results] == [1] * 5


# --- the lexicon file ---------------------------------------------------------------------------


def test_default_lexicon_reads() -> None:
    lex = default_lexicon()
    assert "meet" in lex.verbs and "talk" in lex.nouns
    assert lex.coder.startswith("eventwire-lexicon/0.1+") and len(lex.coder.split("+")[1]) == 8


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("meet\twith\t\t999\t\t\n", "unknown CAMEO code"),
        ("meet\twith\t\t040\tloud\t\n", "unknown option"),
        ("meet\twith\t040\n", "cells"),
        ("meet\twith\t@nobody\t040\t\t\n", "unknown object test"),
        ("may\taux\t\t040\tflag=hypothetical\t\n", "flag rows"),
    ],
)
def test_bad_lexicon_lines(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_lexicon(HEADER + line)


def test_comments_and_blank_lines() -> None:
    lex = parse_lexicon("# a comment\n\n" + HEADER + "# another\nmeet\twith\t\t040\tsym\t\n")
    assert [row.code for row in lex.rows] == ["040"]


def test_a_none_row_names_a_sense_that_is_no_event(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "release|free\t\t\t0841\t\t\nrelease\t\tstatement|video\tnone\t\t\n"
    lex = parse_lexicon(HEADER + rows)
    monkeypatch.setattr("eventwire.annotate.events.default_lexicon", lambda: lex)
    text = "Hamas released a video on Monday. Hamas released three Israeli hostages on Monday."
    events = coded(text).events
    assert [(e.cameo, e.evidence.text.split()[2]) for e in events] == [("0841", "three")]
    assert coded("Hamas released a video on Monday.").events == ()
