"""The knowledge tables: real facts that a bad edit to the TSV files would break."""

from __future__ import annotations

import pytest
from conftest import shared_path

from eventwire.knowledge import cameo_codes, countries, country_by_name, orgs, roles

CAMEO_TYPES = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "AMN", "IRC", "GRP", "UNO", "PKO", "UIS", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET",
    "PTY",  # political parties: a PLOVER/NGEC agent sector the issue asks for, not in CAMEO's table
}  # fmt: skip
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST",
    "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
}  # fmt: skip
NON_ISO_CODES = {"XKX"}  # Kosovo: user-assigned code, not in ISO 3166-1


def test_cameo_known_codes() -> None:
    codes = cameo_codes()
    assert codes["043"].plover_type == "CONSULT" and codes["043"].quad_class == 1
    assert codes["043"].plover_mode == "visit"
    assert codes["051"].plover_type == "SUPPORT"
    assert codes["190"].plover_type == "ASSAULT" and codes["190"].quad_class == 4
    assert codes["190"].goldstein == -10.0
    assert codes["106"].goldstein == -5.0  # ICEWS weight: GDELT's table lacks 106
    assert codes["010"].plover_type is None
    assert codes["0233"].plover_type == "REQUEST"
    assert codes["0233"].plover_context == ("humanitarian",)
    assert codes["0874"].plover_type == "RETREAT"
    assert codes["1124"].plover_context == ("military", "legal")
    assert codes["14"].name == "PROTEST"
    assert codes["20"].goldstein == -10.0


def test_cameo_structure() -> None:
    codes = cameo_codes()
    assert len(codes) == 312
    for code, c in codes.items():
        assert c.code == code and code.isdigit() and 2 <= len(code) <= 4
        root = int(code[:2])
        assert 1 <= root <= 20
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert c.quad_class == expected, code
        assert -10.0 <= c.goldstein <= 10.0
        assert code[:2] in codes  # every code's root is present
        if root == 1:
            assert c.plover_type is None
        else:
            assert c.plover_type in PLOVER_TYPES, code
        if root == 2:
            assert c.plover_type == "REQUEST"


def test_cameo_covers_reference_table() -> None:
    path = shared_path("data", "events", "cameo", "CAMEO.eventcodes.txt")
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    reference = {line.split("\t")[0] for line in lines if line.strip()}
    assert reference <= set(cameo_codes())


def test_country_lookup() -> None:
    lookup = country_by_name()
    assert lookup["russian"] == "RUS"
    assert lookup["syrian"] == "SYR"
    assert lookup["argentine"] == "ARG"
    assert lookup["argentinians"] == "ARG"
    assert lookup["emirati"] == "ARE"
    assert lookup["ivorian"] == "CIV"
    assert lookup["côte d'ivoire"] == "CIV"
    assert lookup["kosovar"] == "XKX"
    assert lookup["palestinian"] == "PSE"
    assert lookup["taiwanese"] == "TWN"
    assert lookup["britons"] == "GBR"
    assert lookup["dutch"] == "NLD"
    assert lookup["swiss"] == "CHE"
    assert lookup["united states of america"] == "USA"
    assert lookup["u.s."] == "USA"
    assert lookup["north korea"] == "PRK"
    assert lookup["dr congo"] == "COD"
    assert lookup["burma"] == "MMR"
    assert lookup["türkiye"] == "TUR"
    for ambiguous in ("us", "congo", "korea", "korean"):
        assert ambiguous not in lookup


def test_countries_table() -> None:
    pycountry = pytest.importorskip("pycountry")
    table = countries()
    assert len(table) == 197  # 193 UN members + PSE, TWN, XKX, VAT
    iso3s = [c.iso3 for c in table]
    assert len(set(iso3s)) == len(iso3s)
    for c in table:
        record = pycountry.countries.get(alpha_3=c.iso3)
        if c.iso3 in NON_ISO_CODES:
            assert record is None
            continue
        assert record is not None, c.iso3
        assert record.alpha_2 == c.iso2
        assert c.capital and c.name
        assert not set(c.aliases) & set(c.ambiguous_aliases)
    by_iso = {c.iso3: c for c in table}
    assert by_iso["FRA"].capital == "Paris"
    assert by_iso["NGA"].capital == "Abuja"
    assert "US" in by_iso["USA"].ambiguous_aliases


def test_orgs_table() -> None:
    table = orgs()
    assert len(table) >= 60
    names = [o.name for o in table]
    assert len(set(names)) == len(names)
    by_alias = {alias: o for o in table for alias in (o.name, *o.aliases)}
    assert by_alias["NATO"].org == "NATO" and "MIL" in by_alias["NATO"].sectors
    assert by_alias["EU"].org == "EUR"
    assert by_alias["UNICEF"].org == "KID"
    assert by_alias["ICRC"].org == "IRC"
    assert by_alias["UNSC"].org == "UNO"
    assert by_alias["OPEC"].org == "OPC"
    assert by_alias["ECOWAS"].org == "WAS"
    assert by_alias["Doctors Without Borders"].org == "MSF"
    assert by_alias["Amnesty International"].country == "NGO"
    assert by_alias["Hezbollah"].country == "LBN"
    assert "WHO" not in by_alias  # the pronoun: listed as ambiguous only
    for o in table:
        assert o.kind in {"igo", "ngo", "organization"}
        assert o.sector == (o.sectors[0] if o.sectors else None)
        assert set(o.sectors) <= CAMEO_TYPES, o.name
        if o.kind == "igo":
            assert o.country == "IGO" and o.sector == "IGO"
        if o.kind == "ngo":
            assert o.country == "NGO" and o.sector == "NGO"


def test_roles_table() -> None:
    table = roles()
    assert len(table) >= 200
    assert {"MIL", "GOV"} <= set(table["defense minister"].sectors)
    assert {"MIL", "GOV"} <= set(table["defence minister"].sectors)
    assert table["defense minister"].sector == "MIL"
    assert table["defense ministry"].sector == "MIL"
    assert table["minister of defence"].role == "Defence Minister"
    assert table["foreign minister"].sectors == ("GOV",)
    assert table["police"].sector == "COP"
    assert table["court"].sector == "JUD"
    assert table["parliament"].sector == "LEG"
    assert table["rebels"].sector == "REB"
    assert {"CVL", "OPP"} <= set(table["protesters"].sectors)
    assert table["journalist"].sector == "MED"
    assert table["refugees"].sector == "REF"
    assert table["spokesperson"].sector is None
    for term, role in table.items():
        assert term == role.term == term.lower() == term.strip()
        assert role.kind in {"person", "group", "organization"}
        assert role.sector == (role.sectors[0] if role.sectors else None)
        assert set(role.sectors) <= CAMEO_TYPES, term


def test_roles_file_has_no_duplicate_terms() -> None:
    from importlib.resources import files

    text = files("eventwire.knowledge").joinpath("roles.tsv").read_text(encoding="utf-8")
    terms = [line.split("\t")[0] for line in text.splitlines() if line and line[0] != "#"][1:]
    assert len(terms) == len(set(terms))
