"""Facts eventwire owns, kept as tab-separated data files in this package.

cameo.tsv      CAMEO event codes: name, Goldstein weight, QuadClass, PLOVER type/mode/context
countries.tsv  sovereign states: ISO codes, names, aliases, demonyms, capital
orgs.tsv       IGOs, NGOs, armed movements, some national bodies, with CAMEO org/sector codes
roles.tsv      role and title nouns ("defence minister", "rebels") with CAMEO sector codes

Each file starts with '#' comment lines saying where its facts come from, then a header line.
Multi-valued cells are pipe-separated. Files are read with importlib.resources, so they work
from an installed wheel as well as from a checkout.
"""

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = [
    "CameoCode",
    "Country",
    "Org",
    "Role",
    "cameo_codes",
    "countries",
    "country_by_name",
    "orgs",
    "roles",
]


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # zero-padded, 2-4 digits: "04", "043", "0431"
    name: str
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    plover_type: str | None  # None for the 01x statements, which PLOVER does not code
    plover_mode: str | None
    plover_context: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    ambiguous_aliases: tuple[str, ...]  # listed for reference; not used for lookup
    demonyms: tuple[str, ...]
    capital: str


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    aliases: tuple[str, ...]
    ambiguous_aliases: tuple[str, ...]
    kind: str  # igo | ngo | organization
    country: str  # IGO, NGO, IMG or an ISO3 code
    org: str | None  # CAMEO-style org code, e.g. UNO, NAT, EEC
    sector: str | None
    sectors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    term: str  # lower case
    role: str  # display form
    kind: str  # person | group | organization
    sector: str | None  # None when the term alone does not fix a sector
    sectors: tuple[str, ...]


def _rows(filename: str) -> list[dict[str, str]]:
    text = files(__name__).joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{filename}: data line {number} has {len(cells)} cells")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def _multi(cell: str) -> tuple[str, ...]:
    return tuple(value for value in cell.split("|") if value)


def _opt(cell: str) -> str | None:
    return cell or None


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO event codes, keyed by code string."""
    return {
        row["code"]: CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=_opt(row["plover_type"]),
            plover_mode=_opt(row["plover_mode"]),
            plover_context=_multi(row["plover_context"]),
        )
        for row in _rows("cameo.tsv")
    }


@cache
def countries() -> list[Country]:
    return [
        Country(
            iso3=row["iso3"],
            iso2=row["iso2"],
            name=row["name"],
            aliases=_multi(row["aliases"]),
            ambiguous_aliases=_multi(row["ambiguous_aliases"]),
            demonyms=_multi(row["demonyms"]),
            capital=row["capital"],
        )
        for row in _rows("countries.tsv")
    ]


@cache
def country_by_name() -> dict[str, str]:
    """Lower-case name, alias or demonym -> ISO3. Ambiguous aliases are left out."""
    index: dict[str, str] = {}
    for country in countries():
        for label in (country.name, *country.aliases, *country.demonyms):
            key = label.lower()
            if index.setdefault(key, country.iso3) != country.iso3:
                raise ValueError(f"countries.tsv: {label!r} names {index[key]} and {country.iso3}")
    return index


@cache
def orgs() -> list[Org]:
    return [
        Org(
            name=row["name"],
            aliases=_multi(row["aliases"]),
            ambiguous_aliases=_multi(row["ambiguous_aliases"]),
            kind=row["kind"],
            country=row["country"],
            org=_opt(row["org"]),
            sector=_opt(row["sector"]),
            sectors=_multi(row["sectors"]),
        )
        for row in _rows("orgs.tsv")
    ]


@cache
def roles() -> dict[str, Role]:
    """Role and title nouns keyed by their lower-case term."""
    return {
        row["term"]: Role(
            term=row["term"],
            role=row["role"],
            kind=row["kind"],
            sector=_opt(row["sector"]),
            sectors=_multi(row["sectors"]),
        )
        for row in _rows("roles.tsv")
    }
