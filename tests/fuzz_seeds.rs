//! The fuzz targets' bodies (`fuzz/bodies.rs`), run on stable over every seed: so that the
//! targets keep compiling against the library and their properties keep holding, without
//! the nightly toolchain cargo-fuzz needs. The seeds are those `fuzz/seeds.list` names
//! (the repository's own data files and `fuzz/seeds/`); each is also run cut at a few points.
//!
//! Also: the dictionary (`fuzz/duban.dict`) lists every key and value of the schemas, and
//! each target of `fuzz/Cargo.toml` has its file and its seeds.

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::path::{Path, PathBuf};

/// The seed files of one target: each listed file, and every file of each listed directory.
fn seeds(sources: &[String]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for source in sources {
        let path = Path::new(source);
        assert!(path.exists(), "seed source {source} is missing");
        if path.is_dir() {
            let mut dir: Vec<PathBuf> = std::fs::read_dir(path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect();
            dir.sort();
            files.extend(dir);
        } else {
            files.push(path.to_owned());
        }
    }
    files
}

/// The seed sources of `target` in `fuzz/seeds.list`.
fn sources(target: &str) -> Vec<String> {
    std::fs::read_to_string("fuzz/seeds.list")
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut fields = l.split_whitespace();
            (fields.next() == Some(target)).then(|| fields.next().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn every_target_runs_over_its_seeds() {
    for (name, body) in bodies::TARGETS {
        let files = seeds(&sources(name));
        assert!(files.len() >= 2, "{name}: only {} seeds", files.len());
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            body(&bytes);
            // The seed cut short, as a fuzzer's first mutations would.
            for cut in [
                bytes.len() / 3,
                bytes.len() / 2,
                bytes.len().saturating_sub(1),
            ] {
                body(&bytes[..cut]);
            }
        }
    }
}

#[test]
fn every_target_has_its_file_and_its_place_in_the_manifest() {
    let manifest = std::fs::read_to_string("fuzz/Cargo.toml").unwrap();
    for (name, _) in bodies::TARGETS {
        let path = format!("fuzz_targets/{name}.rs");
        assert!(manifest.contains(&format!("name = \"{name}\"")), "{name}");
        assert!(manifest.contains(&format!("path = \"{path}\"")), "{name}");
        let target = std::fs::read_to_string(Path::new("fuzz").join(&path)).unwrap();
        assert!(target.contains(&format!("bodies::{name}(data)")), "{path}");
    }
    let declared = manifest.matches("[[bin]]").count();
    assert_eq!(
        declared,
        bodies::TARGETS.len(),
        "targets in fuzz/Cargo.toml"
    );
    // Every line of the seed list names a target.
    let list = std::fs::read_to_string("fuzz/seeds.list").unwrap();
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let target = line.split_whitespace().next().unwrap();
        assert!(
            bodies::TARGETS.iter().any(|(name, _)| *name == target),
            "fuzz/seeds.list: unknown target in {line:?}"
        );
    }
}

#[test]
fn the_dictionary_has_every_key_and_value_of_the_schemas() {
    let dict = std::fs::read_to_string("fuzz/duban.dict").unwrap();
    for schema in [
        "schema/caseload-1.schema.json",
        "schema/policy-1.schema.json",
    ] {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
        let (mut keys, mut values) = (Vec::new(), Vec::new());
        walk(&value, &mut keys, &mut values);
        assert!(keys.len() > 10 && values.len() > 10, "{schema}");
        for k in keys {
            assert!(
                dict.contains(&format!("\"\\\"{k}\\\":\"")),
                "{schema}: key {k}"
            );
        }
        for v in values {
            assert!(
                dict.contains(&format!("\"\\\"{v}\\\"\"")),
                "{schema}: value {v}"
            );
        }
    }
    // Every entry is one quoted string (libFuzzer's format); comments and blank lines aside.
    for line in dict
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        assert!(
            line.starts_with('"') && line.ends_with('"') && line.is_ascii(),
            "{line}"
        );
    }
}

/// The property names and the enumerated (or constant) strings of a JSON Schema.
fn walk(v: &serde_json::Value, keys: &mut Vec<String>, values: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map {
                match (k.as_str(), x) {
                    ("enum", serde_json::Value::Array(list)) => {
                        values.extend(list.iter().filter_map(|s| s.as_str().map(String::from)))
                    }
                    ("const", serde_json::Value::String(s)) => values.push(s.clone()),
                    ("properties", serde_json::Value::Object(props)) => {
                        keys.extend(props.keys().cloned())
                    }
                    _ => {}
                }
                walk(x, keys, values);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|x| walk(x, keys, values)),
        _ => {}
    }
}
