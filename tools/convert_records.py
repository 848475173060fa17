#!/usr/bin/env python3
"""Convert the curated public records into besluitspoor content files.

Input:  /work/shared/data/real/records.jsonl (override with --records)
Output: two sites, following /work/shared/design/content-format.md (v1):

  <repo>/site.toml + <repo>/content/...                      Den Helder (raad 2015)
  <repo>/examples/middelburg/site.toml + .../content/...     Middelburg (college 2020-2021)

Rerunnable and deterministic: the same input gives byte-identical output. The
script owns, and deletes before writing, only the content kind folders it
writes (see OWNED_KINDS); any other folder under content/ is left alone.

Standard library only (Python 3.8+).

Format extensions used beyond content-format.md v1:
  - `bron` (https URL of the original publication), on every dated item;
  - `uitslag: kennisgenomen` (the college took note of a decision of another
    body, e.g. a burgemeesters-besluit);
  - `termijn_tekst` (a deadline written in words) is supported by the emitter,
    but none of the converted records has such a deadline.

Privacy: the source's anonymisation ("[bezwaarmaker]", "[overledene 1]",
"de heer X") is kept verbatim; no private person's name is added. Persons
created here are public officials acting in office (wethouder, burgemeester,
raadsleden named in a published hoofdelijke stemming).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RECORDS = Path("/work/shared/data/real/records.jsonl")

OWNED_KINDS = (
    "organen",
    "personen",
    "fracties",
    "vergaderingen",
    "besluiten",
    "moties",
    "amendementen",
    "toezeggingen",
    "stukken",
)

DUTCH_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11,
    "december": 12,
}

ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


class ConversionError(Exception):
    pass


def fail(msg: str) -> None:
    raise ConversionError(msg)


# --------------------------------------------------------------------------
# YAML emitter (block style, no anchors/aliases; strings double-quoted unless
# they are plain ids/enum words that no YAML 1.1/1.2 reader can misread).
# --------------------------------------------------------------------------


class Date(str):
    """An ISO date written unquoted (YYYY-MM-DD)."""

    def __new__(cls, value: str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
            fail(f"not an ISO date: {value!r}")
        return super().__new__(cls, value)


class Quoted(str):
    """A string that is always written double-quoted (e.g. `nummer: "7"`)."""


PLAIN_RE = re.compile(r"^[a-z][a-z0-9-]*$")
YAML_WORDS = {
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
}


def yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Date):
        return str(value)
    if isinstance(value, str):
        if (
            not isinstance(value, Quoted)
            and PLAIN_RE.match(value)
            and value not in YAML_WORDS
        ):
            return value
        return yaml_quote(value)
    fail(f"cannot write {type(value).__name__} as a YAML scalar: {value!r}")


def yaml_quote(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or ch in "\u0085\u2028\u2029":
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def yaml_block(data: dict, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            if not value:
                continue
            lines.append(f"{pad}{key}:")
            lines.extend(yaml_block(value, indent + 2))
        elif isinstance(value, list):
            if not value:
                continue
            if all(not isinstance(v, (dict, list)) for v in value):
                flow = "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
                if len(pad) + len(key) + 2 + len(flow) <= 100:
                    lines.append(f"{pad}{key}: {flow}")
                else:
                    lines.append(f"{pad}{key}:")
                    for v in value:
                        lines.append(f"{pad}  - {yaml_scalar(v)}")
            else:
                lines.append(f"{pad}{key}:")
                for v in value:
                    if not isinstance(v, dict):
                        fail(f"mixed list under {key}")
                    sub = yaml_block(v, indent + 4)
                    sub[0] = f"{pad}  - " + sub[0].lstrip()
                    lines.extend(sub)
        else:
            lines.append(f"{pad}{key}: {yaml_scalar(value)}")
    return lines


def render_file(front: dict, body: str) -> str:
    text = "---\n" + "\n".join(yaml_block(front)) + "\n---\n"
    body = body.strip("\n")
    if body:
        text += body + "\n"
    return text


# --------------------------------------------------------------------------
# Text: join hard-wrapped lines, keep the words exactly, emit Markdown.
# --------------------------------------------------------------------------

NUM_ITEM_RE = re.compile(r"^(\d+)\.\s+(.*)$")
LETTER_ITEM_RE = re.compile(r"^([A-Z])\.\s+(.*)$")


def logical_lines(text: str) -> list[list[str]]:
    """Split source text into groups (separated by blank lines) of logical
    lines. A hard-wrapped line is joined to the previous one unless it starts a
    numbered/lettered item, or the previous line ends with ':' or ';', or the
    previous line ends a sentence and this one starts with a capital."""
    groups: list[list[str]] = []
    cur_group: list[str] = []
    cur: str | None = None
    glue_tight = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if cur is not None:
                cur_group.append(cur)
                cur = None
            if cur_group:
                groups.append(cur_group)
                cur_group = []
            continue
        starts_item = bool(NUM_ITEM_RE.match(line) or LETTER_ITEM_RE.match(line))
        if cur is None:
            cur = line
        elif (
            starts_item
            or cur.endswith((":", ";"))
            or (cur.endswith(".") and line[0].isupper())
        ):
            cur_group.append(cur)
            cur = line
        elif glue_tight:
            # "real-\ntime": a word broken after its hyphen, no space in source.
            cur += line
        else:
            cur += " " + line
        rs = raw.rstrip("\r")
        glue_tight = rs.endswith("-") and len(rs) > 1 and rs[-2].isalpha()
    if cur is not None:
        cur_group.append(cur)
    if cur_group:
        groups.append(cur_group)
    return groups


def to_markdown(text: str) -> str:
    blocks: list[str] = []  # each block is separated by a blank line
    for group in logical_lines(text):
        i = 0
        while i < len(group):
            seg = group[i]
            m = NUM_ITEM_RE.match(seg)
            if m:
                items = []
                while i < len(group) and NUM_ITEM_RE.match(group[i]):
                    mm = NUM_ITEM_RE.match(group[i])
                    items.append(f"{mm.group(1)}. {mm.group(2)}")
                    i += 1
                blocks.append("\n".join(items))
                continue
            rest = group[i + 1:]
            if (
                seg.endswith(":")
                and len(rest) >= 2
                and all(r.endswith(";") for r in rest[:-1])
                and rest[-1].endswith((".", ";"))
                and not any(NUM_ITEM_RE.match(r) or LETTER_ITEM_RE.match(r) for r in rest)
            ):
                # A roll call: "Voor de motie stemden:" followed by one line per fractie.
                blocks.append(seg)
                blocks.append("\n".join(f"- {r}" for r in rest))
                i = len(group)
                continue
            blocks.append(seg)
            i += 1
    for b in blocks:
        for line in b.split("\n"):
            if re.match(r"^(#|>|\+ |\* |    |```|~~~|<)", line):
                fail(f"markdown-sensitive line start: {line!r}")
    return "\n\n".join(blocks)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def slug(s: str) -> str:
    s = s.lower()
    s = (
        s.replace("ë", "e").replace("é", "e").replace("ö", "o").replace("ï", "i")
        .replace("ü", "u")
    )
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def source_url(rec: dict) -> str | None:
    src = rec.get("source") or {}
    for key in ("original_url", "url"):
        url = src.get(key)
        if isinstance(url, str) and re.match(r"^https?://", url):
            return url
    return None


def parse_meeting_time(meeting: str | None) -> str | None:
    if not meeting:
        return None
    m = re.search(r"\b(\d{1,2}):(\d{2})\s*$", meeting)
    return Quoted(f"{int(m.group(1)):02d}:{m.group(2)}") if m else None


def check_meeting_date(rec: dict) -> None:
    """The meeting string ('... 29 juni 2015 ...') must agree with `date`."""
    meeting = rec.get("meeting")
    if not meeting:
        return
    m = re.search(r"(\d{1,2}) ([a-z]+) (\d{4})", meeting)
    if not m:
        fail(f"{rec['id']}: cannot read meeting date from {meeting!r}")
    iso = f"{m.group(3)}-{DUTCH_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    if iso != rec["date"]:
        fail(f"{rec['id']}: meeting date {iso} != record date {rec['date']}")


class Site:
    def __init__(self, root: Path, site_toml: str):
        self.root = root
        self.site_toml = site_toml
        self.files: dict[str, tuple[str, str, dict, str]] = {}  # id -> (kind, stem, front, body)

    def add(self, kind: str, ident: str, front: dict, body: str = "") -> str:
        if kind not in OWNED_KINDS:
            fail(f"unknown kind {kind}")
        if not ID_RE.match(ident):
            fail(f"bad id {ident!r}")
        if ident in self.files:
            fail(f"duplicate id {ident!r}")
        self.files[ident] = (kind, ident, front, body)
        return ident

    # -- reference check (what the Rust validator will also enforce) --------
    def check_refs(self) -> None:
        ids = set(self.files)

        def need(owner: str, ref, kinds=None):
            if ref is None:
                return
            refs = ref if isinstance(ref, list) else [ref]
            for r in refs:
                if r not in ids:
                    fail(f"{owner}: reference to missing id {r!r}")
                if kinds and self.files[r][0] not in kinds:
                    fail(f"{owner}: {r!r} is a {self.files[r][0]}, expected {kinds}")

        for ident, (kind, _, front, _) in self.files.items():
            need(ident, front.get("orgaan"), {"organen"})
            need(ident, front.get("aan"), {"organen"})
            need(ident, front.get("vergadering"), {"vergaderingen"})
            need(ident, front.get("indieners"), {"fracties", "personen"})
            need(ident, front.get("portefeuillehouder"), {"personen"})
            need(ident, front.get("gedaan_door"), {"personen"})
            need(ident, front.get("fractie"), {"fracties"})
            need(ident, front.get("gerelateerd"))
            need(ident, front.get("wijzigt"), {"stukken", "besluiten"})
            st = front.get("stemming") or {}
            for side in ("voor", "tegen", "verdeeld"):
                need(ident, (st.get("fracties") or {}).get(side), {"fracties"})
                need(ident, (st.get("personen") or {}).get(side), {"personen"})
            pers = st.get("personen") or {}
            for side in ("voor", "tegen"):
                if side in st and side in pers and st[side] != len(pers[side]):
                    fail(f"{ident}: stemming {side} count {st[side]} != roll call {len(pers[side])}")
            opv = front.get("opvolging") or {}
            afg = opv.get("afgedaan_met")
            if afg and not str(afg).startswith("https://"):
                need(ident, afg, {"stukken", "besluiten"})
            need(ident, opv.get("portefeuillehouder"), {"personen"})
            for ap in front.get("agenda") or []:
                need(ident, ap.get("besluit"), {"besluiten"})
                need(ident, ap.get("stukken"), {"stukken"})
            # besluit/motie/amendement agendapunt must exist in its vergadering
            if front.get("agendapunt") and front.get("vergadering"):
                verg = self.files[front["vergadering"]][2]
                nummers = {ap["nummer"] for ap in verg.get("agenda") or []}
                if front["agendapunt"] not in nummers:
                    fail(f"{ident}: agendapunt {front['agendapunt']} not on {front['vergadering']}")

    def write(self) -> list[Path]:
        self.check_refs()
        self.root.mkdir(parents=True, exist_ok=True)
        content = self.root / "content"
        for kind in OWNED_KINDS:
            d = content / kind
            if d.exists():
                shutil.rmtree(d)
        written = []
        (self.root / "site.toml").write_text(self.site_toml, encoding="utf-8", newline="\n")
        written.append(self.root / "site.toml")
        for ident in sorted(self.files):
            kind, stem, front, body = self.files[ident]
            path = content / kind / f"{stem}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_file(front, body), encoding="utf-8", newline="\n")
            written.append(path)
        return written


def site_toml(municipality: str, cbs_code: str) -> str:
    return (
        f'title = "Besluiten en opvolging gemeente {municipality}"\n'
        'base_url = "https://besluiten.example.nl"\n'
        f'municipality = "{municipality}"\n'
        f'cbs_code = "{cbs_code}"\n'
        'language = "nl"\n'
        'timezone = "Europe/Amsterdam"\n'
        'theme = "default"\n'
        "\n"
        "[follow_up]\n"
        "answer_days = 30\n"
    )


# --------------------------------------------------------------------------
# Den Helder (gemeenteraad, 29 juni and 31 augustus 2015)
# --------------------------------------------------------------------------

# The eleven fracties, as the records write them (order of the roll call).
DH_FRACTIES = [
    "Stadspartij Den Helder",
    "Behoorlijk Bestuur",
    "ChristenUnie",
    "GroenLinks",
    "Vrije Socialisten",
    "Fractie Vermooten",
    "CDA",
    "D66",
    "Helder Onafhankelijk!",
    "PvdA",
    "VVD",
]
DH_FRACTIE_ID = {name: slug(name) for name in DH_FRACTIES}

DH_ONDERWERPEN = {
    "7": ["wonen", "kamerverhuur", "verordening"],
    "8": ["gezondheid", "GGD", "verbonden partijen"],
    "9": ["rekenkamer", "begroting", "planning en control"],
    "12": ["bezwaar", "Wob", "vuurwerk"],
    "15": ["integriteit", "college", "onderzoek"],
    "motie-herverdeling": ["college", "taakverdeling"],
    "a8-1": ["GGD", "algemene reserve"],
    "a9-1": ["begroting", "planning en control", "app"],
    "toezegging-wagner": ["begroting", "planning en control", "app"],
    "toezegging-schuiling": ["veiligheidsregio", "begroting"],
}


def fractie_id(name: str) -> str:
    name = name.strip()
    if name not in DH_FRACTIE_ID:
        fail(f"unknown Den Helder fractie {name!r}")
    return DH_FRACTIE_ID[name]


def split_fracties(s: str) -> list[str]:
    """'CDA, Helder Onafhankelijk!, PvdA, VVD' -> ids (order kept)."""
    parts = re.split(r",\s*|\s+en\s+", s.strip())
    return [fractie_id(p) for p in parts if p]


def dh_status_tegen(status: str) -> list[str]:
    """Read the fracties that voted against from 'aangenomen ...; tegen: A, B'."""
    m = re.search(r"tegen:\s*([^)]*)\)?\s*$", status)
    return split_fracties(m.group(1)) if m else []


ROLL_LINE_RE = re.compile(r"^(.+?):\s+(.+?)[;.]$")


def parse_roll_call(text: str, heading: str) -> list[tuple[str, list[str]]]:
    """Parse "Voor de motie stemden:" blocks into [(fractie name, [surnames])]."""
    groups = logical_lines(text)
    for group in groups:
        if group[0].rstrip(": ").strip() == heading:
            out = []
            for line in group[1:]:
                m = ROLL_LINE_RE.match(line)
                if not m:
                    fail(f"cannot read roll call line {line!r}")
                names = m.group(2)
                names = re.sub(r"\b(de dames|de heren|de heer|mevrouw)\s+", "", names)
                members = [n.strip() for n in re.split(r",\s*|\s+en\s+", names) if n.strip()]
                out.append((m.group(1), members))
            return out
    fail(f"roll call heading {heading!r} not found")


def build_den_helder(records: list[dict]) -> Site:
    site = Site(REPO, site_toml("Den Helder", "0400"))
    recs = {r["id"]: r for r in records}
    for r in records:
        check_meeting_date(r)

    def rec(rid: str) -> dict:
        if rid not in recs:
            fail(f"Den Helder record {rid} missing from input")
        return recs.pop(rid)

    # Organen
    site.add("organen", "gemeenteraad", {"naam": "Gemeenteraad", "soort": "raad"})
    site.add(
        "organen",
        "college",
        {"naam": "College van burgemeester en wethouders", "soort": "college", "afkorting": "B&W"},
    )

    # Fracties
    for name in DH_FRACTIES:
        site.add("fracties", DH_FRACTIE_ID[name], {"naam": name})

    # Personen: the college members named in the records
    site.add("personen", "wagner", {"naam": "Wagner", "functie": "wethouder"})
    site.add("personen", "schuiling", {"naam": "Schuiling", "functie": "burgemeester"})

    # ---- records -----------------------------------------------------------
    r_motie = rec("dh-2015-06-29-motie-herverdeling")
    r_a81 = rec("dh-2015-06-29-amendement-a8-1")
    r_a91 = rec("dh-2015-06-29-amendement-a9-1")
    r_tz_wagner = rec("dh-2015-06-29-toezegging-wagner")
    r_tz_schuiling = rec("dh-2015-06-29-toezegging-schuiling")
    r_b9 = rec("dh-2015-06-29-rekenkamer-besluit")
    r_b15 = rec("dh-2015-06-29-onderzoek-ontslag-wethouder")
    r_ap7 = rec("dh-2015-06-29-ap7")
    r_ap8 = rec("dh-2015-06-29-ap8")
    r_ap16 = rec("dh-2015-06-29-ap16")
    r_ap6 = rec("dh-2015-08-31-ap6-geheimhouding")
    r_ap12 = rec("dh-2015-08-31-ap12-bezwaar")
    r_ap14 = rec("dh-2015-08-31-ap14-motie-vreemd")
    if recs:
        fail(f"unconverted Den Helder records: {sorted(recs)}")

    # Raadsleden from the hoofdelijke stemming over the motie
    roll = {
        "voor": parse_roll_call(r_motie["text"], "Voor de motie stemden"),
        "tegen": parse_roll_call(r_motie["text"], "Tegen de motie stemden"),
    }
    personen_vote: dict[str, list[str]] = {"voor": [], "tegen": []}
    fracties_vote: dict[str, list[str]] = {"voor": [], "tegen": []}
    for side, rows in roll.items():
        for fname, members in rows:
            fid = fractie_id(fname)
            fracties_vote[side].append(fid)
            for naam in members:
                pid = slug(naam)
                site.add(
                    "personen",
                    pid,
                    {"naam": naam, "functie": "raadslid", "fractie": fid},
                )
                personen_vote[side].append(pid)
    votes = r_motie.get("votes") or {}
    for side in ("voor", "tegen"):
        if votes.get(side) != len(personen_vote[side]):
            fail(f"motie roll call {side}: {len(personen_vote[side])} names, record says {votes.get(side)}")
    if sorted(DH_FRACTIE_ID[n] for n in DH_FRACTIES) != sorted(fracties_vote["voor"] + fracties_vote["tegen"]):
        fail("roll call does not cover the eleven fracties exactly once")

    # ---- meeting 29 juni 2015 ------------------------------------------------
    v1 = "raad-2015-06-29"
    d1 = Date("2015-06-29")
    bron1 = source_url(r_ap7)
    for r in (r_b9, r_b15, r_ap8, r_ap16, r_motie, r_a81, r_a91, r_tz_wagner, r_tz_schuiling):
        if source_url(r) != bron1 or r["date"] != d1:
            fail(f"{r['id']}: not from the besluitenlijst of 29 juni 2015")

    ids = {
        "b7": f"{v1}-ap7",
        "b8": f"{v1}-ap8",
        "b9": f"{v1}-ap9",
        "b15": f"{v1}-ap15",
        "rv7": f"raadsvoorstel-{d1}-ap7",
        "rv8": f"raadsvoorstel-{d1}-ap8",
        "motie": f"motie-{d1}-herverdeling-taken",
        "a81": f"amendement-{d1}-a8-1",
        "a91": f"amendement-{d1}-a9-1",
        "tzw": f"toezegging-{d1}-planning-en-control",
        "tzs": f"toezegging-{d1}-veiligheidsregio",
    }

    # Agenda texts become stukken of soort raadsvoorstel.
    for key, r in (("rv7", r_ap7), ("rv8", r_ap8)):
        site.add(
            "stukken",
            ids[key],
            {
                "titel": r["title"],
                "datum": Date(r["date"]),
                "soort": "raadsvoorstel",
                "aan": "gemeenteraad",
                "onderwerpen": DH_ONDERWERPEN[r["agenda_number"]],
                "bron": source_url(r),
            },
            to_markdown(r["text"]),
        )

    # AP7: agenda text + outcome "unaniem vastgesteld" -> besluit
    assert r_ap7["status"] == "unaniem vastgesteld"
    site.add(
        "besluiten",
        ids["b7"],
        {
            "titel": r_ap7["title"],
            "datum": d1,
            "orgaan": "gemeenteraad",
            "vergadering": v1,
            "agendapunt": Quoted("7"),
            "uitslag": "unaniem-aangenomen",
            "onderwerpen": DH_ONDERWERPEN["7"],
            "gerelateerd": [ids["rv7"]],
            "bron": bron1,
        },
        "Unaniem vastgesteld.",
    )

    # AP8: "unaniem besloten (na aangenomen amendement A8.1)" -> geamendeerd-aangenomen
    assert r_ap8["status"] == "unaniem besloten (na aangenomen amendement A8.1)"
    site.add(
        "besluiten",
        ids["b8"],
        {
            "titel": r_ap8["title"],
            "datum": d1,
            "orgaan": "gemeenteraad",
            "vergadering": v1,
            "agendapunt": Quoted("8"),
            "uitslag": "geamendeerd-aangenomen",
            "onderwerpen": DH_ONDERWERPEN["8"],
            "gerelateerd": [ids["rv8"], ids["a81"]],
            "bron": bron1,
        },
        "Unaniem besloten (na aangenomen amendement A8.1).",
    )

    # AP9: besluit record, "unaniem aangenomen"; the text sets a deadline
    # ("uiterlijk 1 oktober 2015 een plan van aanpak") -> opvolging with termijn.
    assert r_b9["status"] == "unaniem aangenomen" and r_b9["agenda_number"] == "9"
    assert "uiterlijk 1 oktober 2015" in r_b9["text"]
    site.add(
        "besluiten",
        ids["b9"],
        {
            "titel": r_b9["title"],
            "datum": d1,
            "orgaan": "gemeenteraad",
            "vergadering": v1,
            "agendapunt": Quoted("9"),
            "uitslag": "unaniem-aangenomen",
            "onderwerpen": DH_ONDERWERPEN["9"],
            "gerelateerd": [ids["a91"], ids["tzw"]],
            "opvolging": {"status": "openstaand", "termijn": Date("2015-10-01")},
            "bron": bron1,
        },
        to_markdown(r_b9["text"]),
    )

    # AP15: "aangenomen in meerderheid (tegen: Helder Onafhankelijk!, PvdA)"
    assert r_b15["status"].startswith("aangenomen in meerderheid") and r_b15["agenda_number"] == "15"
    site.add(
        "besluiten",
        ids["b15"],
        {
            "titel": r_b15["title"],
            "datum": d1,
            "orgaan": "gemeenteraad",
            "vergadering": v1,
            "agendapunt": Quoted("15"),
            "uitslag": "aangenomen",
            "stemming": {"fracties": {"tegen": dh_status_tegen(r_b15["status"])}},
            "onderwerpen": DH_ONDERWERPEN["15"],
            "bron": bron1,
        },
        to_markdown(r_b15["text"]),
    )

    # Motie (agendapunt 16, added to the agenda during the meeting)
    assert r_motie["status"].startswith("aangenomen")
    site.add(
        "moties",
        ids["motie"],
        {
            "titel": r_motie["title"],
            "datum": d1,
            "vergadering": v1,
            "agendapunt": Quoted(r_ap16["agenda_number"]),
            "indieners": [fractie_id(s) for s in r_motie["submitters"]],
            "motietype": "voorstel",
            "uitslag": "aangenomen",
            "stemming": {
                "voor": votes["voor"],
                "tegen": votes["tegen"],
                "fracties": fracties_vote,
                "personen": personen_vote,
            },
            "onderwerpen": DH_ONDERWERPEN["motie-herverdeling"],
            "bron": bron1,
        },
        to_markdown(r_motie["text"]),
    )

    # Amendement A8.1: aangenomen, amends the raadsvoorstel of agendapunt 8
    assert r_a81["status"].startswith("aangenomen")
    site.add(
        "amendementen",
        ids["a81"],
        {
            "titel": r_a81["title"],
            "datum": d1,
            "vergadering": v1,
            "agendapunt": Quoted("8"),
            "indieners": [fractie_id(s) for s in r_a81["submitters"]],
            "wijzigt": ids["rv8"],
            "uitslag": "aangenomen",
            "stemming": {"fracties": {"tegen": dh_status_tegen(r_a81["status"])}},
            "onderwerpen": DH_ONDERWERPEN["a8-1"],
            "gerelateerd": [ids["b8"]],
            "bron": bron1,
        },
        to_markdown(r_a81["text"]),
    )

    # Amendement A9.1: aangehouden after the toezegging of wethouder Wagner;
    # it adds beslispunten to the raadsbesluit of agendapunt 9.
    assert r_a91["status"].startswith("aangehouden")
    site.add(
        "amendementen",
        ids["a91"],
        {
            "titel": r_a91["title"],
            "datum": d1,
            "vergadering": v1,
            "agendapunt": Quoted("9"),
            "indieners": [fractie_id(s) for s in r_a91["submitters"]],
            "wijzigt": ids["b9"],
            "uitslag": "aangehouden",
            "onderwerpen": DH_ONDERWERPEN["a9-1"],
            "gerelateerd": [ids["tzw"]],
            "bron": bron1,
        },
        to_markdown(r_a91["text"]),
    )

    # Toezeggingen
    for key, r, who, rel, onderwerp in (
        ("tzw", r_tz_wagner, "wagner", [ids["a91"], ids["b9"]], "toezegging-wagner"),
        ("tzs", r_tz_schuiling, "schuiling", None, "toezegging-schuiling"),
    ):
        if r["responsible"].split()[-1].lower() != who:
            fail(f"{r['id']}: responsible {r['responsible']!r} is not {who}")
        opv = {"status": "openstaand"}
        dl = r.get("deadline")
        if dl:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", dl):
                opv["termijn"] = Date(dl)
            else:
                opv["termijn_tekst"] = dl
        site.add(
            "toezeggingen",
            ids[key],
            {
                "titel": r["title"],
                "datum": Date(r["date"]),
                "vergadering": v1,
                "gedaan_door": who,
                "aan": "gemeenteraad",
                "opvolging": opv,
                "onderwerpen": DH_ONDERWERPEN[onderwerp],
                "gerelateerd": rel,
                "bron": source_url(r),
            },
            to_markdown(r["text"]),
        )

    # Vergadering 29 juni 2015, agenda in the order of the besluitenlijst
    agenda1 = [
        {"nummer": Quoted("7"), "titel": r_ap7["title"], "stukken": [ids["rv7"]], "besluit": ids["b7"]},
        {"nummer": Quoted("8"), "titel": r_ap8["title"], "stukken": [ids["rv8"]], "besluit": ids["b8"]},
        {"nummer": Quoted("9"), "titel": r_b9["title"], "besluit": ids["b9"]},
        {"nummer": Quoted("15"), "titel": r_b15["title"], "besluit": ids["b15"]},
        {"nummer": Quoted("16"), "titel": r_ap16["title"], "toelichting": " ".join(
            " ".join(g) for g in logical_lines(r_ap16["text"]))},
    ]
    site.add(
        "vergaderingen",
        v1,
        {
            "orgaan": "gemeenteraad",
            "datum": d1,
            "aanvang": parse_meeting_time(r_ap7["meeting"]),
            "status": "gehouden",
            "agenda": agenda1,
            "bron": bron1,
        },
    )

    # ---- meeting 31 augustus 2015 ----------------------------------------------
    v2 = "raad-2015-08-31"
    d2 = Date("2015-08-31")
    bron2 = source_url(r_ap6)
    for r in (r_ap6, r_ap12, r_ap14):
        if r["date"] != d2 or source_url(r) != bron2 or r["status"] is not None:
            fail(f"{r['id']}: unexpected shape for the agenda of 31 augustus 2015")
    rv12 = f"raadsvoorstel-{d2}-ap12"
    site.add(
        "stukken",
        rv12,
        {
            "titel": r_ap12["title"],
            "datum": d2,
            "soort": "raadsvoorstel",
            "aan": "gemeenteraad",
            "onderwerpen": DH_ONDERWERPEN["12"],
            "bron": bron2,
        },
        to_markdown(r_ap12["text"]),
    )
    agenda2 = [
        {
            "nummer": Quoted("6"),
            "titel": r_ap6["title"],
            # Public agendapunt; the stukken themselves are under geheimhouding
            # (art. 25 Gemeentewet) and are not published, so none is listed.
            "toelichting": r_ap6["text"]
            + " De stukken zelf vallen onder geheimhouding en worden niet gepubliceerd.",
        },
        {"nummer": Quoted("12"), "titel": r_ap12["title"], "stukken": [rv12]},
        {"nummer": Quoted("14"), "titel": r_ap14["title"]},
    ]
    site.add(
        "vergaderingen",
        v2,
        {
            "orgaan": "gemeenteraad",
            "datum": d2,
            "aanvang": parse_meeting_time(r_ap6["meeting"]),
            "status": "gehouden",
            "agenda": agenda2,
            "bron": bron2,
        },
    )
    return site


# --------------------------------------------------------------------------
# Middelburg (college van B&W, 2020-2021)
# --------------------------------------------------------------------------

MDB_UITSLAG = {
    "besloten": "conform",
    "besloten (voorgelegd aan de raad)": "conform",
    "aangehouden": "aangehouden",
    "kennisgenomen": "kennisgenomen",
}

# Stable, readable besluit ids (never carry the outcome in an id).
MDB_SLUG_OVERRIDE = {
    "mdb-2021-06-01-subsidie-wo2-aangehouden": "subsidie-wo2",
}

MDB_ONDERWERPEN = {
    "mdb-2021-06-08-sportaccommodaties": ["sport", "corona", "huur"],
    "mdb-2021-06-08-regioplan-laaggeletterdheid": ["laaggeletterdheid", "educatie"],
    "mdb-2021-06-08-tiny-houses": ["wonen", "erfpacht", "inkoop"],
    "mdb-2021-02-09-educatiebudget": ["educatie", "laaggeletterdheid", "subsidie"],
    "mdb-2021-02-09-waterprogramma": ["water", "riolering", "rioolheffing"],
    "mdb-2021-06-01-persoonsgegevens": ["privacy", "openbaarheid"],
    "mdb-2021-06-01-opgraving": ["begraafplaatsen"],
    "mdb-2021-06-01-subsidie-wo2-aangehouden": ["subsidie", "erfgoed"],
    "mdb-2021-03-09-terrasboot": ["horeca", "bezwaar", "vergunningen"],
    "mdb-2021-03-09-ensia": ["informatiebeveiliging", "DigiD", "Suwinet"],
    "mdb-2021-06-22-ijmuiden-ver": ["energie", "windenergie", "ruimtelijke ordening"],
    "mdb-2020-06-09-centric": ["burgerzaken", "ICT", "contracten"],
    "mdb-2020-12-15-veersepoort": ["grondverkoop", "bedrijventerrein"],
    "mdb-2021-02-23-maatwerk": ["Wmo", "wonen"],
}

# From the records' edge_cases: the 9 juni 2020 meeting was held by video.
MDB_LOCATIE = {"2020-06-09": "Videoconferentie"}


def build_middelburg(records: list[dict]) -> Site:
    site = Site(REPO / "examples" / "middelburg", site_toml("Middelburg", "0687"))
    site.add(
        "organen",
        "college",
        {"naam": "College van burgemeester en wethouders", "soort": "college", "afkorting": "B&W"},
    )
    by_date: dict[str, list[dict]] = {}
    for r in records:  # file order = agenda order within a date
        if r["kind"] != "besluit" or r["gremium"] != "college van burgemeester en wethouders":
            fail(f"{r['id']}: unexpected Middelburg record kind/gremium")
        by_date.setdefault(r["date"], []).append(r)

    for date in sorted(by_date):
        vid = f"college-{date}"
        agenda = []
        bron = None
        for n, r in enumerate(by_date[date], start=1):
            status = r["status"]
            if status not in MDB_UITSLAG:
                fail(f"{r['id']}: unknown status {status!r}")
            suffix = MDB_SLUG_OVERRIDE.get(r["id"]) or r["id"][len(f"mdb-{date}-"):]
            if not r["id"].startswith(f"mdb-{date}-"):
                fail(f"{r['id']}: id does not carry its date")
            bid = f"{vid}-{suffix}"
            url = source_url(r)
            if bron is None:
                bron = url
            elif url != bron:
                fail(f"{r['id']}: another besluitenlijst URL on the same date")
            body = to_markdown(r["text"])
            if status == "besloten (voorgelegd aan de raad)":
                body += "\n\nBesloten (voorgelegd aan de raad)."
            site.add(
                "besluiten",
                bid,
                {
                    "titel": r["title"],
                    "datum": Date(date),
                    "orgaan": "college",
                    "vergadering": vid,
                    "agendapunt": Quoted(str(n)),
                    "uitslag": MDB_UITSLAG[status],
                    "onderwerpen": MDB_ONDERWERPEN[r["id"]],
                    "bron": url,
                },
                body,
            )
            agenda.append({"nummer": Quoted(str(n)), "titel": r["title"], "besluit": bid})
        site.add(
            "vergaderingen",
            vid,
            {
                "orgaan": "college",
                "datum": Date(date),
                "locatie": MDB_LOCATIE.get(date),
                "status": "gehouden",
                "agenda": agenda,
                "bron": bron,
            },
        )
    return site


# --------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=Path, default=DEFAULT_RECORDS)
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    records = []
    with args.records.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    print(f"{args.records}:{n}: {e}", file=sys.stderr)
                    return 1

    dh = [r for r in records if r.get("municipality") == "Den Helder"]
    mdb = [r for r in records if r.get("municipality") == "Middelburg"]
    try:
        sites = [build_den_helder(dh), build_middelburg(mdb)]
        written = []
        for s in sites:
            written += s.write()
    except ConversionError as e:
        print(f"convert_records: {e}", file=sys.stderr)
        return 1
    if not args.quiet:
        for p in sorted(written):
            print(p.relative_to(REPO))
        print(f"{len(written)} files from {len(dh)} Den Helder and {len(mdb)} Middelburg records",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
