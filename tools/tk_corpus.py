#!/usr/bin/env python3
"""The benchmark corpus: the Tweede Kamer moties as a besluitspoor site.

    python3 tools/tk_corpus.py --out DIR [--scale N] [--seed S] [--hugo [--hugo-out DIR2]]

Reads ../shared/data/tk-moties/moties.jsonl.gz (8,065 real moties, Dec 2023 -
Oct 2025) and writes a complete besluitspoor site into DIR (site.toml and
content/). Standard library only; the same arguments give the same bytes.

What the site holds (all derived from the source, nothing looked up):

- `organen/tweede-kamer.md`, one `fracties/<id>.md` per Kamer party;
- one vergadering per date (`vergaderingen/<year>/tk-YYYY-MM-DD.md`) whose
  agenda has one agendapunt per dossier debated that day, in source order;
- one motie per source record (`moties/<year>/motie-<nummer>.md`): the
  `onderwerp` as `titel`, the motion text (from "De Kamer," to "en gaat over
  tot de orde van de dag.", then its signatures) as body, the dossier's
  agendapunt, a `bron` link to the original, and:
  * `indieners`: the fracties of the Kamerleden who signed it, through the
    curated table MEMBERS below (public officials in office, as published);
    names not in the table are skipped, never guessed. Without a known
    signature the names in the title ("Motie van de leden X en Y") are
    tried; a motie with no known signer at all gets the fractie
    `kamerleden-overig` ("Overige Kamerleden"), whose page says why;
  * `uitslag`: `Stemmen - aangenomen` -> aangenomen, `- verworpen` and
    `- niet aangenomen` -> verworpen, `- aangehouden` -> aangehouden;
    `- uitstellen` (vote postponed) and null (not voted) -> no uitslag.
    `- gestaakt` (a tie, "de stemmen staken") -> no uitslag and
    `stemming: {voor: 75, tegen: 75}`: the content format reads equal counts
    as a tie, a result in its own right that is not an adoption. The Kamer
    votes by fractie with all 150 seats counted, so a tie is 75-75; no
    other vote counts are in the source and none are written;
  * `motietype`: wantrouwen / afkeuring / treurnis when the dictum says so
    ("zegt het vertrouwen ... op", "keurt ... af", "betreurt"), else voorstel;
  * for adopted moties an `opvolging` block: status `openstaand` (the source
    has no follow-up data), `termijn` when the request names a date
    ("voor 1 januari 2025"), else `termijn_tekst` when it names a moment in
    words ("voor de zomer"), else neither (no deadline).

`--scale N` sets the number of moties. Below 8,065 it takes N records evenly
spread over the sorted source. Above, it adds synthetic moties: each copies
the structure of a real one (clause types in order, dossier, fracties,
outcome) and fills every clause with a real clause of the same type drawn at
random (seeded), so word frequencies follow the real Zipfian vocabulary. Round
r of copies is dated 2r years before its model, as if the Kamer had kept
publishing for decades; a synthetic deadline keeps its source clause's lead
time. Synthetic moties carry no signatures and no `bron`.

`--hugo` also writes the equivalent Hugo site (default DIR-hugo): the same
items and URLs, lists with the same pagination, fractie and vergadering pages
as taxonomy terms, the follow-up register, a sitemap and an RSS feed, with
templates that show what besluitspoor's pages show. See BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
import shutil
import sys
from collections import Counter, OrderedDict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tk-moties" / "moties.jsonl.gz"

# The reference date of the benchmark builds (after the last source record).
REFERENCE_DATE = "2025-11-01"
PAGINATE = 25

# --------------------------------------------------------------------------
# Fracties of the Tweede Kamer elected 22 November 2023.
# (id, naam, afkorting, zetels)
FRACTIES = [
    ("pvv", "Partij voor de Vrijheid", "PVV", 37),
    ("groenlinks-pvda", "GroenLinks-PvdA", "GL-PvdA", 25),
    ("vvd", "Volkspartij voor Vrijheid en Democratie", "VVD", 24),
    ("nsc", "Nieuw Sociaal Contract", "NSC", 20),
    ("d66", "Democraten 66", "D66", 9),
    ("bbb", "BoerBurgerBeweging", "BBB", 7),
    ("cda", "Christen-Democratisch Appèl", "CDA", 5),
    ("sp", "Socialistische Partij", "SP", 5),
    ("denk", "DENK", "DENK", 3),
    ("pvdd", "Partij voor de Dieren", "PvdD", 3),
    ("fvd", "Forum voor Democratie", "FvD", 3),
    ("sgp", "Staatkundig Gereformeerde Partij", "SGP", 3),
    ("christenunie", "ChristenUnie", "CU", 3),
    ("volt", "Volt", "Volt", 2),
    ("ja21", "JA21", "JA21", 1),
]
OVERIG = ("kamerleden-overig", "Overige Kamerleden", None, None)

# Kamerleden as they sign moties -> their fractie. Public officials in
# office; curated by hand from the signatures in the source (every name that
# signs five or more moties and whose fractie is not in doubt). Names not
# listed are skipped, never guessed.
MEMBERS = {
    "christenunie": ["Ceder", "Grinwis", "Bikker"],
    "ja21": ["Eerdmans"],
    "sp": ["Dobbe", "Van Nispen", "Dijk", "Beckerman", "Van Kent"],
    "denk": ["Van Baarle", "El Abassi", "Ergin"],
    "sgp": ["Flach", "Stoffer", "Diederik van Dijk", "D. van Dijk"],
    "volt": ["Dassen", "Koekkoek"],
    "cda": ["Boswijk", "Krul", "Inge van Dijk", "I. van Dijk", "Bontenbal", "Vedder"],
    "d66": [
        "Paternotte", "Sneller", "Jetten", "Rooderkerk", "Podt", "Vijlbrief",
        "Van der Werf", "Bamenga", "Paulusma", "Tjeerd de Groot",
    ],
    "pvdd": ["Kostić", "Kostic", "Teunissen", "Christine Teunissen", "Ouwehand"],
    "groenlinks-pvda": [
        "Piri", "De Hoop", "Bushoff", "Mutluer", "Kröger", "Westerveld",
        "Thijssen", "Kathmann", "Lahlah", "Bromet", "Stultiens", "Tseggai",
        "Mohandis", "Chakor", "Slagt-Tichelman", "White", "Timmermans",
        "Patijn", "Van der Lee", "Klaver", "Maatoug", "Pijpelink",
    ],
    "nsc": [
        "Omtzigt", "Van Vroonhoven", "Van Hijum", "Idsinga", "Palmen",
        "Six Dijkstra", "Olger van Dijk", "Holman", "Welzijn", "Postma",
        "Bruyning", "Daniëlle Jansen", "Danielle Jansen", "Soepboer",
        "Kahraman", "Joseph", "Saris", "Veldkamp", "Koops",
        "Van Oostenbruggen", "Hertzberger", "Boomsma", "Uitermark", "Zeedijk",
    ],
    "vvd": [
        "Van Campen", "Michon-Derkzen", "Peter de Groot", "Tielen", "Erkens",
        "Veltman", "Martens-America", "Ellian", "Van der Burg", "Van Eijk",
        "Brekelmans", "Yeşilgöz-Zegerius", "Yeşilgoz-Zegerius", "Aartsen",
        "De Kort", "Rajkowski", "Kamminga", "Becker", "Meulenkamp",
        "Aukje de Vries", "Dral", "Van den Hil", "Bevers", "Kisteman",
        "Heinen", "Hermans",
    ],
    "bbb": [
        "Van der Plas", "Vermeer", "Wijen-Nass", "Pierik", "Tuinman",
        "Rikkers-Oosterkamp", "Keijzer",
    ],
    "pvv": [
        "Wilders", "Graus", "Heutink", "Claassen", "Nijhof-Leeuw", "Ram",
        "Mooiman", "Crijns", "Boon", "Vondeling", "Kops", "Thiadens",
        "De Roon", "Emiel van Dijk", "Boutkan", "Agema", "Tony van Dijck",
        "Markuszower", "Madlener", "Léon de Jong", "Faddegon",
        "Faber-van de Klashorst", "Smitskam", "Maeijer",
    ],
    "fvd": ["Van Houwelingen", "Baudet", "Van Meijeren", "De Vos"],
}
MEMBER_FRACTIE = {
    name.lower(): f for f, names in MEMBERS.items() for name in names
}

MAANDEN = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
]
TERMIJN_DATUM = re.compile(
    r"\b(?:voor|vóór|uiterlijk|per)\s+(?:(\d{1,2})\s+)?(" + "|".join(MAANDEN) + r")\s+(\d{4})\b"
)
TERMIJN_TEKST = re.compile(
    r"\b(?:voor|vóór|uiterlijk)\s+(de zomer(?: van \d{4})?|het zomerreces|het kerstreces"
    r"|het einde van (?:dit|het) jaar|de begrotingsbehandeling|prinsjesdag|de voorjaarsnota"
    r"|het commissiedebat)",
    re.IGNORECASE,
)

# The words that open a clause of a motion ("constaterende dat ...").
OPENERS = [
    "gehoord de beraadslaging", "constaterende", "overwegende", "van mening",
    "verzoekt", "spreekt", "roept", "draagt", "zegt", "keurt", "betreurt",
    "dringt", "besluit", "stelt vast", "concludeert", "wijst", "vraagt",
    "erkent", "onderstreept", "benadrukt", "veroordeelt", "verklaart",
    "gelet op", "mede gelet op", "voorts", "tevens", "en gaat over",
]
BULLETS = ("•", "–", "-", "·")
END = re.compile(r"\b(?:en\s+)?(?:gaat|gaan)\s+over\s+tot\s+(?:de\s+)?(?:orde\s+van\s+de\s+)?dag\b\.?", re.IGNORECASE)


def clause_type(text: str) -> str:
    low = text.lower()
    for o in OPENERS:
        if low.startswith(o):
            return o.split()[0]
    if text.startswith(BULLETS):
        return "bullet"
    return "other"


def is_opener(line: str) -> bool:
    low = line.lower()
    return line.startswith(BULLETS) or any(low.startswith(o) for o in OPENERS)


def slug(s: str) -> str:
    s = s.lower()
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


# --------------------------------------------------------------------------
# Reading the source


class Motie:
    __slots__ = (
        "id", "nummer", "document", "titel", "dossier", "datum", "besluit",
        "clauses", "signers", "fracties", "termijn", "termijn_tekst",
        "motietype", "bron", "termijn_lead",
    )


def parse_text(tekst: str) -> tuple[list[str], list[str]]:
    """The clauses from "De Kamer," up to and including "en gaat over ...",
    and the signature lines after it."""
    lines = [l.strip() for l in tekst.split("\n")]
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("De Kamer"))
    except StopIteration:
        start = 0
    clauses: list[str] = []
    signers: list[str] = []
    after = False
    for line in lines[start + 1:]:
        if not line:
            continue
        if after:
            signers.append(line)
            continue
        rest = ""
        end = END.search(line)
        if end:
            line, rest = line[: end.end()].strip(), line[end.end():].strip()
            after = True
        if not clauses or is_opener(line) or clauses[-1].endswith((";", ":")):
            clauses.append(line)
        else:
            sep = "" if clauses[-1].endswith("(") or line.startswith((")", ",", ";", ".")) else " "
            clauses[-1] = clauses[-1] + sep + line
        if rest:
            signers.extend(split_names(rest))
    return clauses, signers


def split_names(text: str) -> list[str]:
    """Names run together on one line ("Ceder Hirsch Bamenga"): known
    members first (longest match), anything else one word at a time."""
    words = text.replace(",", " ").split()
    out = []
    i = 0
    while i < len(words):
        for n in range(4, 0, -1):
            cand = " ".join(words[i:i + n])
            if n == 1 or cand.lower() in MEMBER_FRACTIE:
                out.append(cand)
                i += n
                break
    return out


def clean_signer(s: str) -> str:
    s = s.strip().strip("_").strip().rstrip(",.").strip()
    s = re.sub(r"\s+e$", "", s)
    return s.lstrip("\\")


def header_names(onderwerp: str) -> list[str]:
    m = re.match(r"(?:(?:nader )?gewijzigde )?motie van (?:het lid|de leden) (.*?) over ", onderwerp + " ", re.IGNORECASE)
    if not m:
        return []
    names = m.group(1).replace(" c.s.", "")
    return [n.strip() for n in re.split(r",\s*|\s+en\s+", names) if n.strip()]


def fracties_of(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        f = MEMBER_FRACTIE.get(n.lower())
        if f and f not in out:
            out.append(f)
    return out


def parse_date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def termijn_of(clauses: list[str], datum: dt.date) -> tuple[dt.date | None, str | None]:
    request = " ".join(c for c in clauses if clause_type(c) in ("verzoekt", "roept", "dringt", "bullet"))
    m = TERMIJN_DATUM.search(request)
    if m:
        day = int(m.group(1) or 1)
        month = MAANDEN.index(m.group(2)) + 1
        year = int(m.group(3))
        try:
            d = dt.date(year, month, day)
        except ValueError:
            d = None
        if d and dt.date(1990, 1, 1) < d < dt.date(2040, 1, 1):
            return d, None
    m = TERMIJN_TEKST.search(request)
    if m:
        return None, "voor " + m.group(1)
    return None, None


def motietype_of(clauses: list[str]) -> str:
    for c in clauses:
        low = c.lower()
        if low.startswith("zegt") and "vertrouwen" in low and " op" in low:
            return "wantrouwen"
        if low.startswith("keurt") and low.rstrip(",;. ").endswith("af"):
            return "afkeuring"
        if low.startswith("betreurt"):
            return "treurnis"
    return "voorstel"


UITSLAG = {
    "Stemmen - aangenomen": "aangenomen",
    "Stemmen - verworpen": "verworpen",
    "Stemmen - niet aangenomen": "verworpen",
    "Stemmen - aangehouden": "aangehouden",
}


def load(data: Path) -> list[Motie]:
    out = []
    with gzip.open(data, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            m = Motie()
            m.nummer = r["nummer"]
            m.id = "motie-" + slug(r["nummer"])
            m.document = r.get("document_nummer")
            m.titel = " ".join((r.get("onderwerp") or r["titel"]).split())
            m.dossier = " ".join((r.get("titel") or "Overig").split())
            m.datum = parse_date(r["datum"])
            m.besluit = r.get("besluit")
            tekst = r.get("tekst") or ""
            m.clauses, raw_signers = parse_text(tekst) if tekst else ([], [])
            signers = [clean_signer(n) for s in raw_signers for n in re.split(r",\s*|\s+en\s+", s)]
            m.signers = [s for s in signers if s and len(s) < 60]
            fr = fracties_of(m.signers) or fracties_of(header_names(m.titel))
            m.fracties = fr or [OVERIG[0]]
            m.termijn, m.termijn_tekst = termijn_of(m.clauses, m.datum)
            m.termijn_lead = (m.termijn - m.datum).days if m.termijn else None
            m.motietype = motietype_of(m.clauses)
            m.bron = (
                "https://www.tweedekamer.nl/kamerstukken/moties/detail?id="
                + r["nummer"]
                + (f"&did={m.document}" if m.document else "")
            )
            out.append(m)
    out.sort(key=lambda m: (m.datum, m.nummer))
    return out


# --------------------------------------------------------------------------
# Scaling


def shift_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def scale(real: list[Motie], n: int, seed: int) -> list[Motie]:
    if n <= len(real):
        if n == len(real):
            return list(real)
        return [real[(i * len(real)) // n] for i in range(n)]
    rng = random.Random(seed)
    # Pools of real clauses by type, with the lead time of the deadline
    # their motion had (for the request clauses).
    pools: dict[str, list[tuple[str, int | None]]] = {}
    for m in real:
        for c in m.clauses:
            t = clause_type(c)
            if t in ("gehoord", "en"):
                continue
            key = (t, c.endswith(":"))
            pools.setdefault(key, []).append((c, m.termijn_lead if t == "verzoekt" else None))
    subjects = [m.titel.split(" over ", 1)[1] for m in real if " over " in m.titel]
    out = list(real)
    for k in range(n - len(real)):
        model = real[k % len(real)]
        rnd = k // len(real) + 1
        m = Motie()
        m.nummer = f"S{k + 1:06d}"
        m.id = f"motie-syn-{k + 1:06d}"
        m.document = None
        m.datum = shift_years(model.datum, 2 * rnd)
        m.dossier = model.dossier
        m.titel = "Motie over " + rng.choice(subjects).strip()
        m.besluit = model.besluit
        m.fracties = list(model.fracties)
        clauses = []
        lead = None
        for c in model.clauses:
            t = clause_type(c)
            key = (t, c.endswith(":"))
            if t in ("gehoord", "en") or key not in pools:
                clauses.append(c)
                continue
            text, l = rng.choice(pools[key])
            if t == "verzoekt" and l is not None and lead is None:
                lead = l
            clauses.append(text)
        m.clauses = clauses
        m.signers = []
        m.termijn, m.termijn_tekst = termijn_of(clauses, m.datum)
        if m.termijn is not None:
            m.termijn = m.datum + dt.timedelta(days=lead if lead is not None else 180)
        m.termijn_lead = None
        m.motietype = motietype_of(clauses)
        m.bron = None
        out.append(m)
    out.sort(key=lambda m: (m.datum, m.nummer))
    return out


# --------------------------------------------------------------------------
# Writing


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(s, ensure_ascii=False)


class Writer:
    """Writes files under a root, creating folders once."""

    def __init__(self, root: Path):
        self.root = root
        self.dirs: set[Path] = set()
        self.count = 0

    def write(self, rel: str, text: str) -> None:
        p = self.root / rel
        if p.parent not in self.dirs:
            p.parent.mkdir(parents=True, exist_ok=True)
            self.dirs.add(p.parent)
        p.write_text(text, encoding="utf-8")
        self.count += 1


def body_markdown(m: Motie) -> str:
    parts = []
    if m.clauses:
        parts.append("De Kamer,")
        for c in m.clauses:
            if c.startswith(BULLETS):
                c = "- " + c.lstrip("".join(BULLETS)).strip()
            else:
                # A clause starting with a digit and a dot would become a
                # numbered list; keep it a paragraph.
                c = re.sub(r"^(\d+)\.", r"\1\\.", c)
            parts.append(c)
    if m.signers:
        parts.append(", ".join(m.signers))
    return "\n\n".join(parts) + "\n"


def uitslag_of(m: Motie) -> str | None:
    return UITSLAG.get(m.besluit or "")


def vergadering_id(d: dt.date) -> str:
    return f"tk-{d.isoformat()}"


def meetings(moties: list[Motie]) -> "OrderedDict[dt.date, list[str]]":
    """Per date, the dossiers in order of first appearance: the agenda."""
    out: OrderedDict[dt.date, list[str]] = OrderedDict()
    for m in moties:
        agenda = out.setdefault(m.datum, [])
        if m.dossier not in agenda:
            agenda.append(m.dossier)
    return out


def agendapunt(agendas, m: Motie) -> str:
    return str(agendas[m.datum].index(m.dossier) + 1)


def write_besluitspoor(out: Path, moties: list[Motie], agendas) -> int:
    w = Writer(out)
    w.write(
        "site.toml",
        "\n".join([
            'title = "Moties van de Tweede Kamer (benchmarkcorpus)"',
            'base_url = "https://moties.example.nl"',
            'municipality = "Tweede Kamer"',
            'language = "nl"',
            'timezone = "Europe/Amsterdam"',
            'theme = "default"',
            f"paginate = {PAGINATE}",
            "",
            "[follow_up]",
            "answer_days = 30",
            "",
        ]),
    )
    w.write(
        "content/organen/tweede-kamer.md",
        "---\nnaam: Tweede Kamer der Staten-Generaal\nsoort: raad\nafkorting: TK\n---\n",
    )
    used = {f for m in moties for f in m.fracties}
    for fid, naam, afk, zetels in FRACTIES + [OVERIG]:
        if fid not in used:
            continue
        lines = ["---", f"naam: {q(naam)}"]
        if afk:
            lines.append(f"afkorting: {q(afk)}")
        if zetels:
            lines += [f"zetels: {zetels}", "van: 2023-12-06"]
        lines.append("---")
        body = ""
        if fid == OVERIG[0]:
            body = ("Moties waarvan de indieners niet in de lijst van Kamerleden "
                    "van het benchmarkcorpus staan.\n")
        w.write(f"content/fracties/{fid}.md", "\n".join(lines) + "\n" + body)
    for d, agenda in agendas.items():
        lines = ["---", "orgaan: tweede-kamer", f"datum: {d.isoformat()}", "agenda:"]
        for k, dossier in enumerate(agenda, 1):
            lines += [f'  - nummer: "{k}"', f"    titel: {q(dossier)}"]
        lines.append("---")
        w.write(f"content/vergaderingen/{d.year}/{vergadering_id(d)}.md", "\n".join(lines) + "\n")
    for m in moties:
        lines = [
            "---",
            f"titel: {q(m.titel)}",
            f"datum: {m.datum.isoformat()}",
            f"vergadering: {vergadering_id(m.datum)}",
            f'agendapunt: "{agendapunt(agendas, m)}"',
            "indieners: [" + ", ".join(m.fracties) + "]",
            f"motietype: {m.motietype}",
        ]
        u = uitslag_of(m)
        if u:
            lines.append(f"uitslag: {u}")
        if m.besluit == "Stemmen - gestaakt":
            lines += ["stemming:", "  voor: 75", "  tegen: 75"]
        if u == "aangenomen":
            lines += ["opvolging:", "  status: openstaand"]
            if m.termijn:
                lines.append(f"  termijn: {m.termijn.isoformat()}")
            elif m.termijn_tekst:
                lines.append(f"  termijn_tekst: {q(m.termijn_tekst)}")
        if m.bron:
            lines.append(f"bron: {q(m.bron)}")
        lines.append("---")
        w.write(f"content/moties/{m.datum.year}/{m.id}.md", "\n".join(lines) + "\n" + body_markdown(m))
    return w.count


# --------------------------------------------------------------------------
# The equivalent Hugo site

HUGO_CONFIG = """baseURL = "https://moties.example.nl/"
title = "Moties van de Tweede Kamer (benchmarkcorpus)"
defaultContentLanguage = "nl"
disableKinds = []
enableRobotsTXT = false

[pagination]
pagerSize = {paginate}
path = "pagina"

[taxonomies]
fractie = "fracties"
vergadering = "vergaderingen"

[permalinks]
[permalinks.page]
moties = "/moties/:contentbasename/"
organen = "/organen/:contentbasename/"
[permalinks.term]
fracties = "/fracties/:slug/"
vergaderingen = "/vergaderingen/:slug/"

[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]
page = ["html"]

[services.rss]
limit = 50

[params]
referenceDate = "{refdate}"
"""

# Templates: the same information as besluitspoor's pages (a card per item
# with outcome and follow-up, item facts, body, agenda grouped per
# agendapunt, paginated lists), in plain semantic HTML.
HUGO_LAYOUTS = {
    "_partials/head.html": """<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{{ .Title }} · {{ site.Title }}</title><link rel="canonical" href="{{ .Permalink }}"><link rel="stylesheet" href="/style.css"></head><body><header><a href="/">{{ site.Title }}</a><nav><a href="/vergaderingen/">Vergaderingen</a> <a href="/moties/">Moties</a> <a href="/fracties/">Fracties</a> <a href="/opvolging/">Opvolging</a></nav></header><main>""",
    "_partials/foot.html": """</main><footer><p>{{ site.Title }}</p></footer></body></html>""",
    "_partials/card.html": """<li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Day }} {{ index hugo.Data.maanden (sub .Date.Month 1) }} {{ .Date.Year }}</time>{{ with .Params.uitslag }} <span class="uitslag uitslag-{{ . }}">{{ . | humanize }}</span>{{ end }}{{ with .Params.opvolging }}{{ $te_laat := and (eq .status "openstaand") (isset . "termijn") (lt .termijn site.Params.referenceDate) }} <span class="opvolging">{{ if $te_laat }}Te laat{{ else }}Openstaand{{ end }}{{ with .termijn }} · termijn {{ . }}{{ end }}{{ with .termijn_tekst }} · {{ . }}{{ end }}</span>{{ end }}{{ with .Params.stemming }} <span class="stemming">{{ .voor }} voor, {{ .tegen }} tegen{{ if eq .voor .tegen }} (de stemmen staakten){{ end }}</span>{{ end }}</li>""",
    "_partials/pager.html": """{{ $p := . }}{{ if gt $p.TotalPages 1 }}{{ $cur := $p.PageNumber }}{{ $tot := $p.TotalPages }}{{ $all := $p.Pagers }}{{ $nums := slice }}{{ if le $tot 9 }}{{ $nums = seq $tot }}{{ else }}{{ $nums = slice 1 }}{{ range seq (int (math.Max 2 (sub $cur 2))) (int (math.Min (sub $tot 1) (add $cur 2))) }}{{ $nums = $nums | append . }}{{ end }}{{ $nums = $nums | append $tot }}{{ end }}<nav class="pagination" aria-label="Paginering"><p>Pagina {{ $cur }} van {{ $tot }}</p>{{ with $p.Prev }}<a rel="prev" href="{{ .URL }}">Vorige</a>{{ end }}<ol>{{ $last := 0 }}{{ range $nums }}{{ $n := int . }}{{ if gt (sub $n $last) 1 }}<li aria-hidden="true">…</li>{{ end }}<li><a href="{{ (index $all (sub $n 1)).URL }}"{{ if eq $n $cur }} aria-current="page"{{ end }}>{{ $n }}</a></li>{{ $last = $n }}{{ end }}</ol>{{ with $p.Next }}<a rel="next" href="{{ .URL }}">Volgende</a>{{ end }}</nav>{{ end }}""",
    "home.html": """{{ partial "head.html" . }}<h1>{{ site.Title }}</h1><section><h2>Recent besloten</h2><ul>{{ range first 10 (where site.RegularPages "Section" "moties") }}{{ partial "card.html" . }}{{ end }}</ul></section><section><h2>Recente vergaderingen</h2><ul>{{ range first 5 site.Taxonomies.vergaderingen.ByCount.Reverse }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul></section><section><h2>In cijfers</h2><ul><li><a href="/moties/">Moties</a>: {{ len (where site.RegularPages "Section" "moties") }}</li><li><a href="/vergaderingen/">Vergaderingen</a>: {{ len site.Taxonomies.vergaderingen }}</li></ul></section>{{ partial "foot.html" . }}""",
    "section.html": """{{ partial "head.html" . }}<h1>{{ .Title }}</h1><p>{{ len .RegularPagesRecursive }} items</p>{{ $p := .Paginate .RegularPagesRecursive.ByDate.Reverse }}<ul>{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}</ul>{{ partial "pager.html" $p }}{{ partial "foot.html" . }}""",
    "opvolging/section.html": """{{ partial "head.html" . }}<h1>Opvolging</h1>{{ $open := where (where site.RegularPages "Section" "moties") "Params.opvolging.status" "openstaand" }}{{ $late := where (where $open "Params.opvolging.termijn" "!=" nil) "Params.opvolging.termijn" "lt" site.Params.referenceDate }}<p>{{ len $open }} openstaand, waarvan {{ len $late }} te laat.</p><section><h2>Te laat</h2><ul>{{ range sort $late "Params.opvolging.termijn" }}{{ partial "card.html" . }}{{ end }}</ul></section><section><h2>Openstaand</h2><ul>{{ range $open }}{{ partial "card.html" . }}{{ end }}</ul></section>{{ partial "foot.html" . }}""",
    "page.html": """{{ partial "head.html" . }}<nav class="breadcrumb"><a href="/">Home</a> › <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></nav><article><h1>{{ .Title }}</h1><ul class="card-facts">{{ partial "card.html" . }}</ul><dl>{{ with .Params.vergaderingen }}{{ range . }}{{ with site.GetPage (printf "/vergaderingen/%s" .) }}<dt>Vergadering</dt><dd><a href="{{ .RelPermalink }}#agendapunt-{{ $.Params.agendapunt }}">{{ .Title }}, agendapunt {{ $.Params.agendapunt }}</a></dd>{{ end }}{{ end }}{{ end }}<dt>Indieners</dt><dd>{{ range $i, $f := .GetTerms "fracties" }}{{ if $i }}, {{ end }}<a href="{{ $f.RelPermalink }}">{{ $f.Title }}</a>{{ end }}</dd>{{ with .Params.motietype }}<dt>Soort motie</dt><dd>{{ . | humanize }}</dd>{{ end }}{{ with .Params.bron }}<dt>Bron</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}</dl>{{ .Content }}</article>{{ partial "foot.html" . }}""",
    "taxonomy.html": """{{ partial "head.html" . }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages.ByDate.Reverse }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ partial "pager.html" $p }}{{ partial "foot.html" . }}""",
    "fracties/term.html": """{{ partial "head.html" . }}<article><h1>{{ .Title }}</h1><dl>{{ with .Params.afkorting }}<dt>Afkorting</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.zetels }}<dt>Zetels</dt><dd>{{ . }}</dd>{{ end }}</dl>{{ .Content }}<section><h2>Ingediend</h2><p>{{ len .Pages }} moties</p>{{ $p := .Paginate .Pages.ByDate.Reverse }}<ul>{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}</ul>{{ partial "pager.html" $p }}</section></article>{{ partial "foot.html" . }}""",
    "vergaderingen/term.html": """{{ partial "head.html" . }}<article><h1>{{ .Title }}</h1><p>Tweede Kamer der Staten-Generaal, {{ .Date.Format "2006-01-02" }}</p><h2>Agenda</h2><ol class="agenda">{{ $pages := .Pages }}{{ range .Params.agenda }}{{ $nr := .nummer }}<li id="agendapunt-{{ $nr }}"><h3>{{ $nr }}. {{ .titel }}</h3>{{ $m := where $pages "Params.agendapunt" $nr }}{{ with $m }}<h4>Moties</h4><ul>{{ range sort . "File.ContentBaseName" }}{{ partial "card.html" . }}{{ end }}</ul>{{ end }}</li>{{ end }}</ol></article>{{ partial "foot.html" . }}""",
}


def write_hugo(out: Path, moties: list[Motie], agendas) -> int:
    w = Writer(out)
    w.write("hugo.toml", HUGO_CONFIG.replace("{paginate}", str(PAGINATE)).replace("{refdate}", REFERENCE_DATE))
    for name, text in HUGO_LAYOUTS.items():
        w.write(f"layouts/{name}", text + "\n")
    w.write("data/maanden.json", json.dumps(MAANDEN) + "\n")
    w.write("static/style.css", "body{font-family:sans-serif;max-width:60rem;margin:auto}\n")
    w.write("content/_index.md", "---\ntitle: Home\n---\n")
    w.write("content/moties/_index.md", "---\ntitle: Moties\n---\n")
    w.write("content/organen/_index.md", "---\ntitle: Organen\n---\n")
    w.write("content/opvolging/_index.md", "---\ntitle: Opvolging\n---\n")
    w.write(
        "content/organen/tweede-kamer.md",
        "---\ntitle: Tweede Kamer der Staten-Generaal\ndate: 2023-12-06\nafkorting: TK\n---\n",
    )
    w.write("content/fracties/_index.md", "---\ntitle: Fracties\n---\n")
    w.write("content/vergaderingen/_index.md", "---\ntitle: Vergaderingen\n---\n")
    used = {f for m in moties for f in m.fracties}
    for fid, naam, afk, zetels in FRACTIES + [OVERIG]:
        if fid not in used:
            continue
        lines = ["---", f"title: {q(naam)}", f"slug: {fid}"]
        if afk:
            lines.append(f"afkorting: {q(afk)}")
        if zetels:
            lines.append(f"zetels: {zetels}")
        lines.append("---")
        w.write(f"content/fracties/{fid}/_index.md", "\n".join(lines) + "\n")
    for d, agenda in agendas.items():
        vid = vergadering_id(d)
        lines = [
            "---",
            f"title: {q('Tweede Kamer der Staten-Generaal ' + d.isoformat())}",
            f"date: {d.isoformat()}",
            f"slug: {vid}",
            "agenda:",
        ]
        for k, dossier in enumerate(agenda, 1):
            lines += [f'  - nummer: "{k}"', f"    titel: {q(dossier)}"]
        lines.append("---")
        w.write(f"content/vergaderingen/{vid}/_index.md", "\n".join(lines) + "\n")
    for m in moties:
        lines = [
            "---",
            f"title: {q(m.titel)}",
            f"date: {m.datum.isoformat()}",
            f"vergaderingen: [{vergadering_id(m.datum)}]",
            f'agendapunt: "{agendapunt(agendas, m)}"',
            "fracties: [" + ", ".join(m.fracties) + "]",
            f"motietype: {m.motietype}",
        ]
        u = uitslag_of(m)
        if u:
            lines.append(f"uitslag: {u}")
        if m.besluit == "Stemmen - gestaakt":
            lines += ["stemming:", "  voor: 75", "  tegen: 75"]
        if u == "aangenomen":
            lines += ["opvolging:", "  status: openstaand"]
            if m.termijn:
                lines.append(f'  termijn: "{m.termijn.isoformat()}"')
            elif m.termijn_tekst:
                lines.append(f"  termijn_tekst: {q(m.termijn_tekst)}")
        if m.bron:
            lines.append(f"bron: {q(m.bron)}")
        lines.append("---")
        w.write(f"content/moties/{m.datum.year}/{m.id}.md", "\n".join(lines) + "\n" + body_markdown(m))
    return w.count


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path, help="site folder to write (replaced)")
    ap.add_argument("--scale", type=int, default=None, help="number of moties (default: all 8,065)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the synthetic moties (default 7)")
    ap.add_argument("--hugo", action="store_true", help="also write the equivalent Hugo site")
    ap.add_argument("--hugo-out", type=Path, default=None, help="folder of the Hugo site (default OUT-hugo)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="moties.jsonl.gz")
    ap.add_argument("--stats", action="store_true", help="print what was written as JSON")
    args = ap.parse_args(argv)

    real = load(args.data)
    n = args.scale if args.scale is not None else len(real)
    if n < 1:
        ap.error("--scale must be at least 1")
    moties = scale(real, n, args.seed)
    agendas = meetings(moties)

    for target in [args.out] + ([args.hugo_out or Path(str(args.out).rstrip("/") + "-hugo")] if args.hugo else []):
        if target.exists():
            shutil.rmtree(target)
    files = write_besluitspoor(args.out, moties, agendas)
    hugo_files = 0
    if args.hugo:
        hugo_files = write_hugo(args.hugo_out or Path(str(args.out).rstrip("/") + "-hugo"), moties, agendas)
    stats = {
        "moties": len(moties),
        "real": sum(1 for m in moties if m.bron),
        "vergaderingen": len(agendas),
        "fracties": len({f for m in moties for f in m.fracties}),
        "files": files,
        "hugo_files": hugo_files,
        "uitslag": dict(sorted(Counter(uitslag_of(m) or "-" for m in moties).items())),
        "indieners_overig": sum(1 for m in moties if m.fracties == [OVERIG[0]]),
    }
    if args.stats:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        print(f"wrote {files} files ({stats['moties']} moties, {stats['vergaderingen']} vergaderingen) to {args.out}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
