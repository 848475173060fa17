//! The JSON Schemas of the front matter (`besluitspoor schema`) agree with
//! the loader: every file of the valid fixture site and the demo site
//! validates against its kind's schema, and the mistakes a clerk makes
//! (a typo in a key, an unknown value, a missing required key) do not.
//!
//! The validator here covers the part of JSON Schema the schemas use:
//! type, enum, pattern, required, properties, additionalProperties, items.

use std::path::Path;

use besluitspoor::content::{source, yaml::Node};
use besluitspoor::model::{Kind, Uitslag};
use besluitspoor::schema;
use serde_json::Value;

/// Problems of `node` against `schema`, as "path: message".
fn validate(schema: &Value, node: &Node, at: &str, out: &mut Vec<String>) {
    let types: Vec<&str> = match &schema["type"] {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => vec![],
    };
    match node {
        Node::Scalar { value, plain, .. } => {
            let ok = types.iter().any(|t| match *t {
                "string" => true,
                "number" => *plain && value.parse::<f64>().is_ok(),
                "integer" => *plain && value.parse::<u64>().is_ok(),
                "boolean" => *plain && (value == "true" || value == "false"),
                _ => false,
            });
            if !ok {
                out.push(format!("{at}: `{value}` is not {types:?}"));
                return;
            }
            if let Some(e) = schema["enum"].as_array() {
                if !e.iter().any(|v| v.as_str() == Some(value.as_str())) {
                    out.push(format!("{at}: `{value}` is not one of {e:?}"));
                }
            }
            if let Some(p) = schema["pattern"].as_str() {
                if types == ["string"] && !regex::Regex::new(p).unwrap().is_match(value) {
                    out.push(format!("{at}: `{value}` does not match {p}"));
                }
            }
        }
        Node::Seq { items, .. } => {
            if !types.contains(&"array") {
                out.push(format!("{at}: a list is not {types:?}"));
                return;
            }
            for (i, it) in items.iter().enumerate() {
                validate(&schema["items"], it, &format!("{at}[{i}]"), out);
            }
        }
        Node::Map { entries, .. } => {
            if !types.contains(&"object") {
                out.push(format!("{at}: a mapping is not {types:?}"));
                return;
            }
            for r in schema["required"].as_array().into_iter().flatten() {
                let r = r.as_str().unwrap();
                if !entries.iter().any(|(k, v)| k.name == r && !v.is_null()) {
                    out.push(format!("{at}: missing required `{r}`"));
                }
            }
            for (k, v) in entries {
                match schema["properties"].get(&k.name) {
                    Some(s) => {
                        if !v.is_null() {
                            validate(s, v, &format!("{at}.{}", k.name), out)
                        }
                    }
                    None => {
                        if schema["additionalProperties"] == Value::Bool(false) {
                            out.push(format!("{at}: unknown key `{}`", k.name));
                        }
                    }
                }
            }
        }
    }
}

fn front_matter(text: &str) -> Node {
    let split = source::split(text.as_bytes()).expect("split");
    besluitspoor::content::yaml::parse(&split.front_matter, split.front_matter_line)
        .expect("yaml")
        .expect("not empty")
}

fn problems(kind: Kind, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    validate(&schema::schema(kind), &front_matter(text), "", &mut out);
    out
}

fn check_site(root: &Path) -> usize {
    let mut n = 0;
    for entry in walkdir(root.join("content")) {
        let rel = entry.strip_prefix(root.join("content")).unwrap();
        let folder = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let Some(kind) = Kind::from_folder(folder) else {
            continue;
        };
        let text = std::fs::read_to_string(&entry).unwrap();
        if text.contains("geheim: true") {
            continue;
        }
        let p = problems(kind, &text);
        assert!(p.is_empty(), "{}: {p:?}", entry.display());
        n += 1;
    }
    n
}

fn walkdir(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().unwrap() != "bijlagen" {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_of_the_valid_fixture_site_validates() {
    let n = check_site(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/valid"));
    assert!(n > 20, "only {n} files checked");
}

#[test]
fn every_file_of_the_demo_site_validates() {
    let n = check_site(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(n > 20, "only {n} files checked");
}

#[test]
fn a_typo_in_a_key_is_reported() {
    let p = problems(
        Kind::Besluit,
        "---\ntitel: x\ndatun: 2026-01-01\norgaan: college\n---\n",
    );
    assert!(p.iter().any(|m| m.contains("unknown key `datun`")), "{p:?}");
    assert!(
        p.iter().any(|m| m.contains("missing required `datum`")),
        "{p:?}"
    );
}

#[test]
fn an_unknown_uitslag_and_a_bad_date_are_reported() {
    let p = problems(
        Kind::Motie,
        "---\ntitel: x\ndatum: 1-2-2026\nvergadering: raad\nindieners: [vvd]\nuitslag: aangenomen!\n---\n",
    );
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn nested_opvolging_and_stemming_are_checked() {
    let p = problems(
        Kind::Toezegging,
        "---\ntitel: x\ndatum: 2026-01-01\ngedaan_door: w\nopvolging:\n  status: klaar\n  termijn: morgen\n---\n",
    );
    assert_eq!(p.len(), 2, "{p:?}");
    let p = problems(
        Kind::Motie,
        "---\ntitel: x\ndatum: 2026-01-01\nvergadering: r\nindieners: [a]\nstemming:\n  voor: 3\n  fracties:\n    voor: [a]\n    tgen: [b]\n---\n",
    );
    assert_eq!(p, [".stemming.fracties: unknown key `tgen`"]);
}

#[test]
fn vocabularies_come_from_the_model() {
    let s = schema::schema(Kind::Besluit);
    let values: Vec<&str> = s["properties"]["uitslag"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let model: Vec<&str> = Uitslag::ALL.iter().map(|u| u.as_str()).collect();
    assert_eq!(values, model);
}

#[test]
fn every_kind_has_a_schema_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = schema::write_all(dir.path()).unwrap();
    assert_eq!(files.len(), Kind::ALL.len());
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(v["additionalProperties"], false);
    }
}
