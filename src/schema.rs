//! `besluitspoor schema`: a JSON Schema (draft-07) of the front matter of
//! each kind, so an editor validates and completes the YAML while a clerk
//! types. The key tables follow content-format.md ("Keys per kind") and the
//! closed vocabularies come from [`crate::model::vocab`], so a value added
//! there is offered here too.
//!
//! Scalars are read as text by besluitspoor (`agendapunt: 7` is the text
//! `7`), so text keys accept numbers as well; dates are `YYYY-MM-DD` strings
//! (YAML 1.2 has no date type).

use serde_json::{json, Map, Value};

use crate::model::{
    Functie, Kind, Motietype, OpvolgingStatus, OrgaanSoort, StukSoort, Uitslag, VergaderStatus,
};

/// The `$id` prefix of the schemas.
pub const ID_BASE: &str = "https://besluitspoor.nl/schema/v1/";

fn text(description: &str) -> Value {
    json!({"type": ["string", "number"], "description": description})
}

fn date(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": format!("{description} (YYYY-MM-DD)"),
    })
}

fn time(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9]{2}:[0-9]{2}$",
        "description": format!("{description} (HH:MM)"),
    })
}

fn id(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": "^[a-z0-9-]{1,80}$",
        "description": format!("{description}: an id (lower-case letters, digits and -)"),
    })
}

fn ids(description: &str) -> Value {
    json!({"type": "array", "items": id(description), "description": description})
}

/// A required list of ids: `check` refuses an empty one.
fn nonempty_ids(description: &str) -> Value {
    json!({"type": "array", "items": id(description), "minItems": 1, "description": description})
}

fn choice(values: Vec<&'static str>, description: &str) -> Value {
    json!({"type": "string", "enum": values, "description": description})
}

fn boolean(description: &str) -> Value {
    json!({"type": "boolean", "description": description})
}

fn count(description: &str) -> Value {
    json!({"type": "integer", "minimum": 0, "description": description})
}

fn object(props: Vec<(&str, Value)>, required: &[&str], description: &str) -> Value {
    let mut properties = Map::new();
    for (k, v) in props {
        properties.insert(k.to_string(), v);
    }
    json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn values<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| as_str(*v)).collect()
}

fn stemming() -> Value {
    let lists = |what: &str| {
        object(
            vec![
                ("voor", ids(&format!("{what} that voted for"))),
                ("tegen", ids(&format!("{what} that voted against"))),
                ("verdeeld", ids(&format!("{what} that were divided"))),
            ],
            &[],
            what,
        )
    };
    let mut personen = lists("personen (roll call)");
    personen["properties"]
        .as_object_mut()
        .expect("object")
        .remove("verdeeld");
    object(
        vec![
            ("voor", count("votes for")),
            ("tegen", count("votes against")),
            ("fracties", lists("fracties")),
            ("personen", personen),
        ],
        &[],
        "the vote",
    )
}

fn opvolging() -> Value {
    let status = || {
        choice(
            values(OpvolgingStatus::ALL, OpvolgingStatus::as_str),
            "follow-up status; `te laat` is derived, never written",
        )
    };
    object(
        vec![
            ("status", status()),
            ("termijn", date("deadline")),
            (
                "termijn_tekst",
                text("a deadline in words when there is no date (\"voor het reces\")"),
            ),
            ("portefeuillehouder", id("the responsible persoon")),
            (
                "afgedaan_met",
                json!({
                    "type": "string",
                    "pattern": "^([a-z0-9-]{1,80}|https?://.+)$",
                    "description": "the id of the stuk or besluit (or an https URL) that settled it; required for `voldaan`",
                }),
            ),
            (
                "voortgang",
                json!({
                    "type": "array",
                    "description": "the history a citizen reads, newest last",
                    "items": object(
                        vec![
                            ("datum", date("date of the entry")),
                            ("status", status()),
                            ("tekst", text("what happened")),
                        ],
                        &["datum", "tekst"],
                        "a voortgang entry",
                    ),
                }),
            ),
        ],
        &["status"],
        "follow-up of a decision, motion or commitment",
    )
}

/// The keys of `kind` (without the common ones) and its required keys.
fn kind_keys(kind: Kind) -> (Vec<(&'static str, Value)>, Vec<&'static str>) {
    let uitslag = || choice(values(Uitslag::ALL, Uitslag::as_str), "the outcome");
    match kind {
        Kind::Orgaan => (
            vec![
                ("naam", text("name of the body")),
                (
                    "soort",
                    choice(
                        values(OrgaanSoort::ALL, OrgaanSoort::as_str),
                        "kind of body",
                    ),
                ),
                ("afkorting", text("abbreviation")),
            ],
            vec!["naam", "soort"],
        ),
        Kind::Persoon => (
            vec![
                ("naam", text("full name")),
                (
                    "functie",
                    choice(values(Functie::ALL, Functie::as_str), "function"),
                ),
                ("fractie", id("the fractie")),
                (
                    "portefeuilles",
                    json!({"type": "array", "items": text("portefeuille"), "description": "portefeuilles"}),
                ),
                ("van", date("in office from")),
                ("tot", date("in office until")),
            ],
            vec!["naam", "functie"],
        ),
        Kind::Fractie => (
            vec![
                ("naam", text("name of the party group")),
                ("afkorting", text("abbreviation")),
                ("zetels", count("seats")),
                ("van", date("from")),
                ("tot", date("until")),
            ],
            vec!["naam"],
        ),
        Kind::Vergadering => (
            vec![
                ("orgaan", id("the orgaan that meets")),
                ("aanvang", time("start")),
                ("einde", time("end")),
                ("locatie", text("location")),
                (
                    "status",
                    choice(
                        values(VergaderStatus::ALL, VergaderStatus::as_str),
                        "default: gepland before the reference date, else gehouden",
                    ),
                ),
                (
                    "agenda",
                    json!({
                        "type": "array",
                        "description": "the agendapunten, in order",
                        "items": object(
                            vec![
                                ("nummer", text("number of the agendapunt")),
                                ("titel", text("title")),
                                ("stukken", ids("the stukken, moties, … treated")),
                                ("besluit", id("the besluit taken")),
                                ("hamerstuk", boolean("adopted without debate")),
                                ("toelichting", text("explanation")),
                            ],
                            &["nummer", "titel"],
                            "an agendapunt",
                        ),
                    }),
                ),
            ],
            vec!["orgaan"],
        ),
        Kind::Besluit => (
            vec![
                ("orgaan", id("the orgaan that decided")),
                ("vergadering", id("the vergadering")),
                ("agendapunt", text("its agendapunt nummer")),
                ("portefeuillehouder", id("the responsible wethouder")),
                ("uitslag", uitslag()),
                ("stemming", stemming()),
                ("informatiecategorie", text("Woo category, e.g. 2d")),
                ("gemeenteblad", text("the official publication's id")),
                ("opvolging", opvolging()),
            ],
            vec!["orgaan"],
        ),
        Kind::Motie | Kind::Amendement => {
            let mut keys = vec![
                ("vergadering", id("the vergadering where it was submitted")),
                ("agendapunt", text("its agendapunt nummer")),
                (
                    "indieners",
                    nonempty_ids("the fracties or personen that submitted it"),
                ),
                ("uitslag", uitslag()),
                ("stemming", stemming()),
                ("opvolging", opvolging()),
            ];
            if kind == Kind::Motie {
                keys.push((
                    "motietype",
                    choice(values(Motietype::ALL, Motietype::as_str), "type of motie"),
                ));
            } else {
                keys.push(("wijzigt", id("the raadsvoorstel or besluit it amends")));
            }
            (keys, vec!["vergadering", "indieners"])
        }
        Kind::Toezegging => (
            vec![
                ("vergadering", id("the vergadering where it was made")),
                ("gedaan_door", id("the persoon who made it")),
                ("aan", id("the orgaan it was made to")),
                ("opvolging", opvolging()),
            ],
            vec!["gedaan_door", "opvolging"],
        ),
        Kind::Vraag => (
            vec![
                (
                    "indieners",
                    nonempty_ids("the fracties or personen who asked"),
                ),
                ("ingediend", date("submitted (default: datum)")),
                ("beantwoord", date("answered")),
                ("uitstel_tot", date("answer delayed until")),
                ("portefeuillehouder", id("the responsible wethouder")),
            ],
            vec!["indieners"],
        ),
        Kind::Stuk => (
            vec![
                (
                    "soort",
                    choice(
                        values(StukSoort::ALL, StukSoort::as_str),
                        "kind of document",
                    ),
                ),
                ("van", text("orgaan id or the sender's name")),
                ("aan", id("the orgaan it is addressed to")),
                ("kenmerk", text("the sender's reference")),
                (
                    "behandelt",
                    ids("moties, toezeggingen, besluiten, vragen it reports on"),
                ),
            ],
            vec!["soort"],
        ),
    }
}

/// The JSON Schema of the front matter of `kind`.
pub fn schema(kind: Kind) -> Value {
    let mut props: Vec<(&'static str, Value)> = vec![
        ("id", id("stable id (default: the file name)")),
        ("geheim", boolean("confidential: never published")),
    ];
    let mut required: Vec<&'static str> = Vec::new();
    if kind.is_document() {
        let titel = if kind == Kind::Vergadering {
            "title (default: the orgaan's name and the date)"
        } else {
            "title"
        };
        props.extend([
            ("titel", text(titel)),
            ("datum", date("date")),
            (
                "onderwerpen",
                json!({"type": "array", "items": text("topic"), "description": "topic words"}),
            ),
            (
                "bijlagen",
                json!({
                    "type": "array",
                    "description": "attachments in a bijlagen/ folder",
                    "items": object(
                        vec![("bestand", text("file name in bijlagen/")), ("titel", text("title"))],
                        &["bestand", "titel"],
                        "an attachment",
                    ),
                }),
            ),
            ("gerelateerd", ids("related items")),
            ("gepubliceerd", date("publication date (default: from git)")),
            (
                "bron",
                json!({"type": "string", "pattern": "^https?://", "description": "the URL of the original publication"}),
            ),
        ]);
        if kind != Kind::Vergadering {
            required.push("titel");
        }
        required.push("datum");
    }
    let (own, own_required) = kind_keys(kind);
    props.extend(own);
    required.extend(own_required);
    let mut s = object(
        props,
        &required,
        &format!(
            "Front matter of a {} (content/{}/)",
            kind.name(),
            kind.folder()
        ),
    );
    let obj = s.as_object_mut().expect("object");
    obj.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    obj.insert(
        "$id".into(),
        json!(format!("{ID_BASE}{}.json", kind.name())),
    );
    obj.insert(
        "title".into(),
        json!(format!("besluitspoor {}", kind.name())),
    );
    s
}

/// Every kind's schema, by kind name.
pub fn all() -> Vec<(Kind, Value)> {
    Kind::ALL.iter().map(|&k| (k, schema(k))).collect()
}

/// Writes one `<kind>.json` per kind into `dir`.
pub fn write_all(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (k, s) in all() {
        let p = dir.join(format!("{}.json", k.name()));
        let mut text = serde_json::to_string_pretty(&s).expect("json");
        text.push('\n');
        std::fs::write(&p, text)?;
        written.push(p);
    }
    Ok(written)
}

/// `besluitspoor schema [KIND] [--out DIR]`.
pub fn run(kind: Option<&str>, out: Option<&std::path::Path>) -> std::process::ExitCode {
    use std::process::ExitCode;
    if let Some(dir) = out {
        return match write_all(dir) {
            Ok(files) => {
                for f in files {
                    println!("{}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write the schemas to {}: {e}", dir.display());
                ExitCode::from(1)
            }
        };
    }
    let value = match kind {
        Some(name) => match Kind::ALL.iter().find(|k| k.name() == name) {
            Some(&k) => schema(k),
            None => {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                eprintln!("error: unknown kind `{name}`; one of {}", names.join(", "));
                return ExitCode::from(2);
            }
        },
        None => {
            // One document: a definition per kind.
            let mut defs = Map::new();
            for (k, s) in all() {
                defs.insert(k.name().to_string(), s);
            }
            json!({
                "$schema": "http://json-schema.org/draft-07/schema#",
                "$id": format!("{ID_BASE}all.json"),
                "title": "besluitspoor front matter, per kind",
                "definitions": defs,
            })
        }
    };
    use std::io::Write;
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        serde_json::to_string_pretty(&value).expect("json")
    );
    ExitCode::SUCCESS
}
