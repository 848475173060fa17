#!/usr/bin/env python3
"""Turns the Tweede Kamer moties (shared/data/tk-moties/moties.jsonl.gz) into
a besluitspoor site, the scale corpus of the search benchmarks.

    benches/search/tk-moties-site.py OUT_DIR [--moties FILE]

One orgaan (tweede-kamer), one vergadering per day with votes, one persoon
per Kamerlid named as indiener in the motie's subject ("Motie van het lid
Flach c.s. over ...": public officials acting in office), one motie per
record with text. Ids, titles and bodies match tests/search/mod.rs, so the
index equals the one the relevance tests use.

Standard library only; deterministic.
"""
import argparse
import gzip
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
CANDIDATES = [HERE.parents[3] / "shared/data/tk-moties/moties.jsonl.gz",
              Path("/work/shared/data/tk-moties/moties.jsonl.gz")]


def uitslag(besluit):
    b = (besluit or "").lower()
    if "niet aangenomen" in b or "verworpen" in b:
        return "verworpen"
    if "aangenomen" in b:
        return "aangenomen"
    if "aangehouden" in b or "uitstellen" in b:
        return "aangehouden"
    if "ingetrokken" in b:
        return "ingetrokken"
    return None


def slug(name):
    s = name.lower()
    for a, b in (("ë", "e"), ("é", "e"), ("ö", "o"), ("ü", "u"), ("ï", "i"), ("á", "a"), ("è", "e"), ("ç", "c")):
        s = s.replace(a, b)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return ("lid-" + s)[:80]


def indieners(onderwerp):
    m = re.search(r"van (?:het lid|de leden) (.+?) over ", onderwerp or "")
    if not m:
        return []
    names = re.split(r",\s*|\s+en\s+", m.group(1).replace(" c.s.", ""))
    return [n.strip() for n in names if n.strip()]


def q(s):
    return json.dumps(s, ensure_ascii=False)


def body(tekst):
    out = []
    for line in tekst.splitlines():
        line = line.strip()
        if not line:
            continue
        if re.match(r"^([-*+#>|=_`~]|\d+[.)])", line):
            line = "\\" + line
        out.append(line)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--moties", default=next((str(p) for p in CANDIDATES if p.exists()), None))
    a = ap.parse_args()
    out = Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    c = out / "content"
    for d in ("organen", "personen", "vergaderingen", "moties"):
        (c / d).mkdir(parents=True)
    (out / "site.toml").write_text(
        'title = "Moties van de Tweede Kamer"\nbase_url = "https://moties.example.nl"\n'
        'municipality = "Den Haag"\ncbs_code = "0518"\nlanguage = "nl"\n'
        'timezone = "Europe/Amsterdam"\ntheme = "default"\n\n[follow_up]\nanswer_days = 30\n')
    (c / "organen/tweede-kamer.md").write_text("---\nnaam: Tweede Kamer\nsoort: overig\n---\n")
    personen = {"lid-onbekend": "Lid van de Tweede Kamer"}
    dates = set()
    n = 0
    with gzip.open(a.moties, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            tekst = d.get("tekst") or ""
            if not tekst.strip():
                continue
            mid = "motie-" + d["nummer"].lower()
            date = d["datum"][:10]
            dates.add(date)
            ids = []
            for name in indieners(d.get("onderwerp")):
                pid = slug(name)
                personen.setdefault(pid, name)
                if pid not in ids:
                    ids.append(pid)
            if not ids:
                ids = ["lid-onbekend"]
            fm = [
                "---",
                "titel: " + q((d.get("onderwerp") or d.get("titel") or mid).strip()),
                "datum: " + date,
                "vergadering: tk-" + date,
                "indieners: [" + ", ".join(ids) + "]",
            ]
            u = uitslag(d.get("besluit"))
            if u:
                fm.append("uitslag: " + u)
                if u == "aangenomen" and d.get("afgedaan") is False:
                    fm.append("opvolging:\n  status: openstaand")
            if d.get("titel"):
                fm.append("onderwerpen: [" + q(d["titel"].strip()) + "]")
            fm.append("---")
            (c / "moties" / (mid + ".md")).write_text("\n".join(fm) + "\n" + body(tekst), encoding="utf-8")
            n += 1
    for pid, name in sorted(personen.items()):
        (c / "personen" / (pid + ".md")).write_text(
            "---\nnaam: " + q(name) + "\nfunctie: overig\n---\n", encoding="utf-8")
    for date in sorted(dates):
        (c / "vergaderingen" / ("tk-" + date + ".md")).write_text(
            "---\norgaan: tweede-kamer\ndatum: " + date + "\ntitel: " + q("Tweede Kamer " + date) + "\n---\n")
    print(f"{n} moties, {len(personen)} personen, {len(dates)} vergaderingen in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
