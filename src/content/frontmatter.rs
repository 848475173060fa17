//! Front matter → typed [`Item`], one function per kind, following the key
//! tables of content-format.md ("Keys per kind").

use std::path::Path;

use super::fields::{is_valid_id, Ctx, Fields};
use super::yaml::Node;
use crate::diagnostics::Pos;
use crate::model::*;

/// Where a file sits, to resolve its `bijlagen`.
pub struct FileDirs<'p> {
    /// The site's `content/` folder.
    pub content: &'p Path,
    /// The folder holding the file.
    pub dir: &'p Path,
}

/// The outcome of decoding: the item (absent when a required key was
/// unusable) and whether it is `geheim`.
pub struct Decoded {
    pub item: Option<Item>,
    pub geheim: bool,
    pub id: Option<(String, Pos)>,
}

/// Decodes a front-matter tree of `kind` for the file named `stem`.
/// Problems go to `ctx`; the item is returned whenever its identity and
/// required keys could be read, so later stages can still check links.
pub fn decode(
    ctx: &Ctx,
    root: &Node,
    kind: Kind,
    stem: &str,
    body: String,
    dirs: &FileDirs<'_>,
) -> Decoded {
    let Some(mut f) = Fields::new(ctx, root, format!("the front matter of a {}", kind.name()))
    else {
        return Decoded {
            item: None,
            geheim: false,
            id: None,
        };
    };

    let id = match f.node("id") {
        Some(Node::Scalar { value, pos, .. }) => {
            if is_valid_id(value) {
                Some((value.clone(), *pos))
            } else {
                ctx.error(
                    *pos,
                    format!("`id` must be 1–80 lower-case letters, digits or `-`, found `{value}`"),
                );
                None
            }
        }
        Some(other) => {
            ctx.error(
                other.pos(),
                format!("`id` must be text, found {}", other.describe()),
            );
            None
        }
        None => {
            if is_valid_id(stem) {
                Some((stem.to_string(), Pos::START))
            } else {
                ctx.error(
                    Pos::START,
                    format!(
                        "the file name `{stem}` is not a valid id (1–80 lower-case letters, digits or `-`); rename the file or set `id:`"
                    ),
                );
                None
            }
        }
    };

    let geheim = f.bool("geheim").unwrap_or(false);

    let (titel, datum, common) = if kind.is_document() {
        let titel = if kind == Kind::Vergadering {
            f.text("titel")
        } else {
            f.req_text("titel")
        };
        let datum = f.req_date("datum");
        let common = decode_common(&mut f, dirs);
        (titel, datum, common)
    } else {
        (f.req_text("naam"), None, Common::default())
    };

    let data = match kind {
        Kind::Orgaan => decode_orgaan(&mut f),
        Kind::Persoon => decode_persoon(&mut f),
        Kind::Fractie => decode_fractie(&mut f),
        Kind::Vergadering => decode_vergadering(&mut f, titel.is_none()),
        Kind::Besluit => decode_besluit(&mut f),
        Kind::Motie | Kind::Amendement => decode_indiening(&mut f, kind),
        Kind::Toezegging => decode_toezegging(&mut f),
        Kind::Vraag => decode_vraag(&mut f, datum),
        Kind::Stuk => decode_stuk(&mut f),
    };
    f.finish_with(&|key| other_kinds_key(kind, key));

    let item = match (&id, data) {
        (Some((id, id_pos)), Some(data))
            if (titel.is_some() || kind == Kind::Vergadering)
                && (datum.is_some() || !kind.is_document()) =>
        {
            Some(Item {
                id: id.clone(),
                kind,
                path: ctx.path.clone(),
                id_pos: *id_pos,
                titel: titel.unwrap_or_default(),
                datum,
                common,
                body,
                data,
                plain: Default::default(),
            })
        }
        _ => None,
    };
    Decoded { item, geheim, id }
}

/// For an unknown top-level key that other kinds have (`indieners` in a
/// besluit): which kinds, and the folders the file may belong in. The key
/// sets are those of the JSON Schema (`besluitspoor schema`).
fn other_kinds_key(kind: Kind, key: &str) -> Option<String> {
    let owners: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|&k| k != kind)
        .filter(|&k| crate::schema::schema(k)["properties"].get(key).is_some())
        .collect();
    if owners.is_empty() || owners.len() > 3 {
        return None;
    }
    let folders: Vec<String> = owners
        .iter()
        .map(|k| format!("`content/{}/`", k.folder()))
        .collect();
    Some(format!(
        "`{key}` belongs in the front matter of {}; is the file in the wrong folder ({})?",
        Kind::list_text(&owners),
        crate::diagnostics::or_list(&folders)
    ))
}

fn decode_common(f: &mut Fields<'_>, dirs: &FileDirs<'_>) -> Common {
    let onderwerpen = f
        .text_list("onderwerpen")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let gerelateerd = f.reference_list("gerelateerd");
    let gepubliceerd = f.date("gepubliceerd");
    let bron = f.text("bron");
    if let Some(url) = &bron {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            f.ctx().error(
                f.key_pos("bron"),
                format!("`bron` must be a web address starting with https://, found `{url}`"),
            );
        }
    }
    let mut bijlagen = Vec::new();
    for node in f.list("bijlagen") {
        let Some(mut b) = Fields::new(f.ctx(), node, "a bijlage") else {
            continue;
        };
        let bestand = b.req_text("bestand");
        let titel = b.req_text("titel");
        let bestand_pos = b.key_pos("bestand");
        b.finish();
        let (Some(bestand), Some(titel)) = (bestand, titel) else {
            continue;
        };
        if let Some(bijlage) = resolve_bijlage(f.ctx(), dirs, &bestand, titel, bestand_pos) {
            bijlagen.push(bijlage);
        }
    }
    Common {
        onderwerpen,
        bijlagen,
        gerelateerd,
        gepubliceerd,
        bron,
    }
}

/// Finds an attachment in `bijlagen/` next to the file, else in
/// `content/bijlagen/`. Its output path mirrors its path under `content/`.
fn resolve_bijlage(
    ctx: &Ctx,
    dirs: &FileDirs<'_>,
    bestand: &str,
    titel: String,
    pos: Pos,
) -> Option<Bijlage> {
    let unsafe_path =
        bestand.split('/').any(|p| p == ".." || p.is_empty()) || bestand.starts_with('/');
    if unsafe_path {
        ctx.error(
            pos,
            format!("`bestand` must be a path inside a bijlagen folder, found `{bestand}`"),
        );
        return None;
    }
    let candidates = [
        dirs.dir.join("bijlagen").join(bestand),
        dirs.content.join("bijlagen").join(bestand),
    ];
    for candidate in candidates {
        if let Ok(meta) = std::fs::metadata(&candidate) {
            if meta.is_file() {
                let rel = crate::diagnostics::display_path(dirs.content, &candidate);
                return Some(Bijlage {
                    bestand: bestand.to_string(),
                    titel,
                    output_path: rel,
                    size: meta.len(),
                    pos,
                });
            }
        }
    }
    ctx.error(
        pos,
        format!("bijlage `{bestand}` not found in `bijlagen/` next to this file nor in `content/bijlagen/`"),
    );
    None
}

fn decode_orgaan(f: &mut Fields<'_>) -> Option<KindData> {
    let soort = f.req_choice("soort", OrgaanSoort::parse, OrgaanSoort::expected());
    let afkorting = f.text("afkorting");
    Some(KindData::Orgaan(Orgaan {
        soort: soort?,
        afkorting,
    }))
}

fn decode_persoon(f: &mut Fields<'_>) -> Option<KindData> {
    let functie = f.req_choice("functie", Functie::parse, Functie::expected());
    let fractie = f.reference("fractie");
    let portefeuilles = f
        .text_list("portefeuilles")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let van = f.date("van");
    let tot = f.date("tot");
    Some(KindData::Persoon(Persoon {
        functie: functie?,
        fractie,
        portefeuilles,
        van,
        tot,
    }))
}

fn decode_fractie(f: &mut Fields<'_>) -> Option<KindData> {
    Some(KindData::Fractie(Fractie {
        afkorting: f.text("afkorting"),
        zetels: f.count("zetels"),
        van: f.date("van"),
        tot: f.date("tot"),
    }))
}

fn decode_vergadering(f: &mut Fields<'_>, default_titel: bool) -> Option<KindData> {
    let orgaan = f.req_reference("orgaan");
    let aanvang = f.time("aanvang");
    let einde = f.time("einde");
    let locatie = f.text("locatie");
    let status = f.choice("status", VergaderStatus::parse, VergaderStatus::expected());
    let mut agenda = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for node in f.list("agenda") {
        let Some(mut a) = Fields::new(f.ctx(), node, "an agendapunt") else {
            continue;
        };
        let pos = a.pos;
        let nummer = a.req_text("nummer");
        let titel = a.req_text("titel");
        let stukken = a.reference_list("stukken");
        let besluit = a.reference("besluit");
        let hamerstuk = a.bool("hamerstuk").unwrap_or(false);
        let toelichting = a.text("toelichting");
        let nummer_pos = a.key_pos("nummer");
        a.finish();
        if let (Some(nummer), Some(titel)) = (nummer, titel) {
            if seen.contains(&nummer) {
                f.ctx().error(
                    nummer_pos,
                    format!("agendapunt `{nummer}` is on the agenda twice"),
                );
            }
            seen.push(nummer.clone());
            agenda.push(Agendapunt {
                nummer,
                titel,
                stukken,
                besluit,
                hamerstuk,
                toelichting,
                pos,
            });
        }
    }
    Some(KindData::Vergadering(Vergadering {
        orgaan: orgaan?,
        aanvang,
        einde,
        locatie,
        status,
        agenda,
        default_titel,
    }))
}

fn decode_besluit(f: &mut Fields<'_>) -> Option<KindData> {
    let orgaan = f.req_reference("orgaan");
    let vergadering = f.reference("vergadering");
    let agendapunt = f.text("agendapunt");
    let portefeuillehouder = f.reference("portefeuillehouder");
    let uitslag = f.choice("uitslag", Uitslag::parse, Uitslag::expected());
    let stemming = f.map("stemming").and_then(decode_stemming);
    let informatiecategorie = f.text("informatiecategorie");
    let gemeenteblad = f.text("gemeenteblad");
    let opvolging = f.map("opvolging").and_then(decode_opvolging);
    Some(KindData::Besluit(Besluit {
        orgaan: orgaan?,
        vergadering,
        agendapunt,
        portefeuillehouder,
        uitslag,
        stemming,
        informatiecategorie,
        gemeenteblad,
        opvolging,
    }))
}

fn decode_indiening(f: &mut Fields<'_>, kind: Kind) -> Option<KindData> {
    let vergadering = f.req_reference("vergadering");
    let agendapunt = f.text("agendapunt");
    let indieners = f.req_reference_list("indieners");
    let (motietype, wijzigt) = if kind == Kind::Motie {
        (
            f.choice("motietype", Motietype::parse, Motietype::expected()),
            None,
        )
    } else {
        (None, f.reference("wijzigt"))
    };
    let uitslag = f.choice("uitslag", Uitslag::parse, Uitslag::expected());
    let stemming = f.map("stemming").and_then(decode_stemming);
    let opvolging = f.map("opvolging").and_then(decode_opvolging);
    if matches!(
        uitslag,
        Some(Uitslag::Aangenomen | Uitslag::UnaniemAangenomen | Uitslag::GeamendeerdAangenomen)
    ) && opvolging.is_none()
        && kind == Kind::Motie
    {
        f.ctx().warning(
            f.key_pos("uitslag"),
            "this motie is adopted but has no `opvolging`; add one so its follow-up is tracked",
        );
    }
    let data = Indiening {
        vergadering: vergadering?,
        agendapunt,
        indieners,
        motietype,
        wijzigt,
        uitslag,
        stemming,
        opvolging,
    };
    Some(if kind == Kind::Motie {
        KindData::Motie(data)
    } else {
        KindData::Amendement(data)
    })
}

fn decode_toezegging(f: &mut Fields<'_>) -> Option<KindData> {
    let vergadering = f.reference("vergadering");
    let gedaan_door = f.req_reference("gedaan_door");
    let aan = f.reference("aan");
    let has_opvolging = f.allow("opvolging").is_some();
    let opvolging = f.map("opvolging").and_then(decode_opvolging);
    if !has_opvolging {
        f.ctx().error(
            f.pos,
            "missing required key `opvolging` in the front matter of a toezegging",
        );
    }
    Some(KindData::Toezegging(Toezegging {
        vergadering,
        gedaan_door: gedaan_door?,
        aan,
        opvolging: opvolging?,
    }))
}

fn decode_vraag(f: &mut Fields<'_>, datum: Option<jiff::civil::Date>) -> Option<KindData> {
    let indieners = f.req_reference_list("indieners");
    let ingediend = f.date("ingediend").or(datum);
    let beantwoord = f.date("beantwoord");
    let uitstel_tot = f.date("uitstel_tot");
    let portefeuillehouder = f.reference("portefeuillehouder");
    if let (Some(i), Some(b)) = (ingediend, beantwoord) {
        if b < i {
            f.ctx().error(
                f.key_pos("beantwoord"),
                format!("`beantwoord` ({b}) is before the questions were submitted ({i})"),
            );
        }
    }
    Some(KindData::Vraag(Vraag {
        indieners,
        ingediend: ingediend?,
        beantwoord,
        uitstel_tot,
        portefeuillehouder,
    }))
}

fn decode_stuk(f: &mut Fields<'_>) -> Option<KindData> {
    let soort = f.req_choice("soort", StukSoort::parse, StukSoort::expected());
    let van = f.text("van").map(|v| {
        if is_valid_id(&v) {
            Afzender::Orgaan(Ref {
                id: v,
                pos: f.key_pos("van"),
            })
        } else {
            Afzender::Naam(v)
        }
    });
    let aan = f.reference("aan");
    let kenmerk = f.text("kenmerk");
    let behandelt = f.reference_list("behandelt");
    Some(KindData::Stuk(Stuk {
        soort: soort?,
        van,
        aan,
        kenmerk,
        behandelt,
    }))
}

fn decode_stemming(mut f: Fields<'_>) -> Option<Stemming> {
    let pos = f.pos;
    let voor = f.count("voor");
    let tegen = f.count("tegen");
    let mut s = Stemming {
        voor,
        tegen,
        pos,
        ..Stemming::default()
    };
    if let Some(mut fr) = f.map("fracties") {
        s.fracties_voor = fr.reference_list("voor");
        s.fracties_tegen = fr.reference_list("tegen");
        s.fracties_verdeeld = fr.reference_list("verdeeld");
        fr.finish();
    }
    // Where the roll call's `voor` and `tegen` lists are written.
    let mut personen_pos: Option<(Pos, Pos)> = None;
    if let Some(mut p) = f.map("personen") {
        personen_pos = Some((p.key_pos("voor"), p.key_pos("tegen")));
        s.personen_voor = p.reference_list("voor");
        s.personen_tegen = p.reference_list("tegen");
        p.finish();
    }
    let ctx = f.ctx();
    f.finish();
    if let Some((voor_pos, tegen_pos)) = personen_pos {
        for (count, list, key, at) in [
            (s.voor, &s.personen_voor, "voor", voor_pos),
            (s.tegen, &s.personen_tegen, "tegen", tegen_pos),
        ] {
            if let Some(c) = count {
                if c as usize != list.len() {
                    ctx.error(
                        at,
                        format!(
                            "the roll call lists {} {key} but `stemming.{key}` says {c}",
                            list.len()
                        ),
                    );
                }
            }
        }
        for r in &s.personen_tegen {
            if s.personen_voor.iter().any(|v| v.id == r.id) {
                ctx.error(
                    r.pos,
                    format!("`{}` is listed as voting both voor and tegen", r.id),
                );
            }
        }
    }
    Some(s)
}

fn decode_opvolging(mut f: Fields<'_>) -> Option<Opvolging> {
    let pos = f.pos;
    let status = f.req_choice(
        "status",
        OpvolgingStatus::parse,
        OpvolgingStatus::expected(),
    );
    let termijn = f.date("termijn");
    let termijn_tekst = f.text("termijn_tekst");
    let portefeuillehouder = f.reference("portefeuillehouder");
    let afgedaan_met = f.text("afgedaan_met").and_then(|v| {
        let vpos = f.key_pos("afgedaan_met");
        if v.starts_with("https://") || v.starts_with("http://") {
            Some(AfgedaanMet::Url(v))
        } else if is_valid_id(&v) {
            Some(AfgedaanMet::Item(Ref { id: v, pos: vpos }))
        } else {
            f.ctx().error(
                vpos,
                format!("`afgedaan_met` must be the id of a stuk or besluit, or an https URL; found `{v}`"),
            );
            None
        }
    });
    let mut voortgang = Vec::new();
    for node in f.list("voortgang") {
        let Some(mut v) = Fields::new(f.ctx(), node, "a voortgang entry") else {
            continue;
        };
        let datum = v.req_date("datum");
        let status = v.choice(
            "status",
            OpvolgingStatus::parse,
            OpvolgingStatus::expected(),
        );
        let tekst = v.req_text("tekst");
        v.finish();
        if let (Some(datum), Some(tekst)) = (datum, tekst) {
            voortgang.push(Voortgang {
                datum,
                status,
                tekst,
            });
        }
    }
    let ctx = f.ctx();
    let status_pos = f.key_pos("status");
    f.finish();
    if status == Some(OpvolgingStatus::Voldaan) && afgedaan_met.is_none() {
        ctx.error(
            status_pos,
            "status `voldaan` needs `afgedaan_met`: the id of the stuk or besluit (or the https URL) with which the raad received the result",
        );
    }
    Some(Opvolging {
        status: status?,
        termijn,
        termijn_tekst,
        portefeuillehouder,
        afgedaan_met,
        voortgang,
        pos,
    })
}
