//! Issue 11, streaming: `CaseloadReader` (a window at a time) gives what the whole-document
//! path gives — the same report bytes, or the same error in both languages — for well-formed
//! and broken documents alike, whatever the window size, thread count and spill threshold.

#[path = "../examples/support/generate.rs"]
#[allow(dead_code)]
mod generate;

use duban::{
    check, Calendar, Caseload, CaseloadReader, Explanations, Language, Limits, Policy,
    StreamOptions,
};
use proptest::prelude::*;

fn as_of() -> chrono::NaiveDate {
    duban::parse_date("2025-12-01").expect("a date")
}

/// The report of the whole-document path, or its error, in `language`.
fn whole(json: &[u8], limits: &Limits, language: Language) -> Result<Vec<u8>, (String, String)> {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let caseload = Caseload::from_json_with_limits(json, limits).map_err(messages)?;
    let report = check(&caseload, &policy, &cal, as_of()).map_err(messages)?;
    let mut out = Vec::new();
    report
        .write_json(&mut out, language, Explanations::Omit)
        .expect("writes to a Vec");
    Ok(out)
}

/// The same through the streamed path.
fn streamed(
    json: &[u8],
    limits: &Limits,
    language: Language,
    block: usize,
    threads: usize,
) -> Result<Vec<u8>, (String, String)> {
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let reader = CaseloadReader::open_with_block(json, limits, block).map_err(messages)?;
    let options = StreamOptions {
        threads,
        language,
        spill_threshold: 1 << 10,
        ..StreamOptions::default()
    };
    let report = reader
        .check(&policy, &cal, as_of(), &options)
        .map_err(messages)?;
    let mut out = Vec::new();
    report.write_json(&mut out).expect("writes to a Vec");
    Ok(out)
}

fn messages(e: duban::Error) -> (String, String) {
    (
        e.message(Language::Chinese).to_owned(),
        e.message(Language::English).to_owned(),
    )
}

#[track_caller]
fn same(json: &[u8], limits: &Limits) {
    for language in [Language::Chinese, Language::English] {
        let expected = whole(json, limits, language);
        for (block, threads) in [(1, 1), (2, 2), (3, 1), (16, 3), (1 << 20, 1), (1 << 20, 2)] {
            let got = streamed(json, limits, language, block, threads);
            match (&expected, &got) {
                (Ok(a), Ok(b)) => assert!(
                    a == b,
                    "{:?}: the streamed report differs (blocks of {block}, {threads} threads)",
                    String::from_utf8_lossy(json)
                ),
                (a, b) => assert_eq!(
                    a,
                    b,
                    "{:?}: blocks of {block}, {threads} threads",
                    String::from_utf8_lossy(json)
                ),
            }
        }
    }
}

const MATTER: &str = r#"{"id": "YB-1", "kind": "monthly_report", "unit": "市财政局", "sector": "经济", "month": "2025-10"}"#;

#[test]
fn broken_and_odd_documents_give_the_same_report_or_error() {
    let m = MATTER;
    let docs: Vec<String> = vec![
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}]}}"#),
        format!("\u{feff}{{\"schema\": \"duban-caseload/1\", \"matters\": [{m}]}}"),
        format!(r#"  {{ "matters" : [ {m} , {m} ] , "schema" : "duban-caseload/1" }}  "#),
        format!(r#"{{"matters": [{m}], "schema": "duban-caseload/2"}}"#),
        format!(r#"{{"matters": [{m}]}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}], "as_of": "2025-02-30"}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "as_of": 5, "matters": [{m}]}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "x": [1, {{"y": "]\""}}], "matters": [{m}], "z": null}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, {m}]}} trailing"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m} {m}]}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, {{"id": "A", "kind": ]}}]}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, {{"id": "CUT", "unit": "市"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, 1, "x", null, [], {{}}, 12.5e3]}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, {{"id": "Q\"\\\u00e9", "kind": "x"}}]}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": {{}}}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": []}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [],}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m},]}}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}], "matters": [{m}]}}"#),
        format!(r#"{{"schema": "duban-caseload/1""#),
        format!(r#"{{"schema": "duban-caseload/1", "matters""#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, "#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}]"#),
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}]}}"#).replace("2025-10", "2025-13"),
        format!("{{\"schema\": \"duban-caseload/1\",\n \"matters\": [\n{m},\n{{\"id\": \"多\", \"kind\": \"monthly_report\", \"unit\": 5}}]}}"),
        format!("{{\"schema\": \"duban-caseload/1\", \"matters\": [{m}, {{\"id\": \"B\", \"title\": \"\u{7}\"}}]}}"),
        "{}".to_owned(),
        "[]".to_owned(),
        String::new(),
        "   ".to_owned(),
        "{\"schema\": \"duban-caseload/1\", \"matters\": [".to_owned() + &"[".repeat(10_000),
        "{\"schema\": \"duban-caseload/1\", \"matters\": [\u{4e2d}]}".to_owned(),
        "{\"schema\": \"duban-caseload/1\", 5: 1, \"matters\": []}".to_owned(),
        "{\"sch\\u0065ma\": \"duban-caseload/1\", \"matters\": []}".to_owned(),
    ];
    for doc in &docs {
        same(doc.as_bytes(), &Limits::default());
    }
    // Bytes that are not UTF-8, inside a matter and in a field name.
    let mut latin1 =
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, {{"id": "X", "unit": "#)
            .into_bytes();
    latin1.extend(b"\"caf\xe9\"}]}");
    same(&latin1, &Limits::default());
    same(
        b"{\"sch\xe9ma\": 1, \"schema\": \"duban-caseload/1\", \"matters\": []}",
        &Limits::default(),
    );
}

#[test]
fn limits_give_the_same_errors() {
    let m = MATTER;
    let doc = format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}, {m}, {m}]}}"#);
    let mut limits = Limits::default();
    limits.matters = 2;
    same(doc.as_bytes(), &limits);
    let mut limits = Limits::default();
    limits.matter_bytes = 50;
    same(doc.as_bytes(), &limits);
    // Too large a document: refused, naming the limit (the streamed path counts what it
    // has read when it passes the limit, so the sizes named can differ).
    let mut limits = Limits::default();
    limits.caseload_bytes = 100;
    let err = streamed(doc.as_bytes(), &limits, Language::English, 16, 1).unwrap_err();
    assert!(err.1.contains("caseload_bytes"), "{}", err.1);
    assert!(whole(doc.as_bytes(), &limits, Language::English).is_err());
}

#[test]
fn the_as_of_day_is_known_only_when_it_comes_before_the_matters() {
    let m = MATTER;
    let before =
        format!(r#"{{"schema": "duban-caseload/1", "as_of": "2025-12-01", "matters": [{m}]}}"#);
    let after =
        format!(r#"{{"schema": "duban-caseload/1", "matters": [{m}], "as_of": "2025-12-01"}}"#);
    let reader =
        CaseloadReader::open_with_block(before.as_bytes(), &Limits::default(), 8).expect("opens");
    assert_eq!(reader.as_of(), Some(as_of()));
    let reader =
        CaseloadReader::open_with_block(after.as_bytes(), &Limits::default(), 8).expect("opens");
    assert_eq!(reader.as_of(), None);
    // The whole document can still be had, to be read the other way.
    assert_eq!(reader.into_bytes().expect("reads"), after.as_bytes());
}

#[test]
fn a_spilled_report_leaves_no_file_behind() {
    let dir = std::env::temp_dir().join(format!("duban-spill-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let mut json = Vec::new();
    generate::write_caseload(&mut json, 300, 5).expect("writes");
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let reader = CaseloadReader::open(&json[..]).expect("opens");
    let options = StreamOptions {
        threads: 2,
        spill_threshold: 0,
        spill_dir: Some(dir.clone()),
        ..StreamOptions::default()
    };
    let report = reader
        .check(&policy, &cal, as_of(), &options)
        .expect("checks");
    // The spill was opened and unlinked at once: the directory is empty while it is used.
    assert_eq!(std::fs::read_dir(&dir).expect("lists").count(), 0);
    let mut out = Vec::new();
    report.write_json(&mut out).expect("writes");
    assert_eq!(Ok(out), whole(&json, &Limits::default(), Language::Chinese));
    std::fs::remove_dir(&dir).expect("still empty");
}

#[test]
fn a_matter_with_bytes_not_utf8_is_reported_as_by_the_whole_document() {
    // Batches whose bytes are UTF-8 are read without checking each string again; one that
    // is not is read matter by matter: the same report, errors and positions either way.
    let mut json = Vec::new();
    generate::write_caseload(&mut json, 60, 3).expect("writes");
    let at = json
        .windows(6)
        .rposition(|w| w == b"\"unit\"")
        .expect("a unit")
        + 8; // the start of the unit's name
    let intact = whole(&json, &Limits::default(), Language::English).expect("reads");
    json.splice(at..at, [0xFF, 0xFE]);
    let expected = whole(&json, &Limits::default(), Language::English);
    let errors = |r: &[u8]| {
        r.windows(19)
            .filter(|w| w == b"\"code\": \"malformed\"")
            .count()
    };
    assert_eq!(
        expected.as_deref().map(errors),
        Ok(errors(&intact) + 1),
        "the damaged matter is reported"
    );
    for (threads, block) in [(1, 1 << 20), (2, 97), (3, 4096)] {
        let out = streamed(&json, &Limits::default(), Language::English, block, threads);
        assert!(out == expected, "{threads} threads, blocks of {block}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A generated document cut anywhere, or with a byte changed anywhere, gives the same
    /// report or error through both paths.
    #[test]
    fn cut_or_damaged_anywhere(cut in 0.0f64..1.0, at in 0.0f64..1.0, byte in any::<u8>(), block in 1usize..200) {
        let mut json = Vec::new();
        generate::write_caseload(&mut json, 40, 9).expect("writes");
        let n = json.len();
        let mut damaged = json.clone();
        let i = ((n as f64) * at) as usize % n;
        damaged[i] = byte;
        let cut = &json[..((n as f64) * cut) as usize];
        for doc in [cut, &damaged[..]] {
            let expected = whole(doc, &Limits::default(), Language::English);
            for threads in [1, 2] {
                let got = streamed(doc, &Limits::default(), Language::English, block, threads);
                prop_assert!(expected == got, "blocks of {}, {} threads", block, threads);
            }
        }
    }
}

/// A reader that hands its bytes over a few at a time (the pattern of sizes in `sizes`),
/// is interrupted now and then, and fails for good after `fail_after` bytes if given.
struct Trickle<'a> {
    bytes: &'a [u8],
    at: usize,
    calls: usize,
    sizes: &'a [usize],
    fail_after: Option<usize>,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.calls += 1;
        if self.calls % 7 == 0 {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        if self.fail_after.is_some_and(|limit| self.at >= limit) {
            return Err(std::io::Error::other("the disk went away"));
        }
        let size = self.sizes[self.calls % self.sizes.len()];
        let end = (self.at + size)
            .min(self.bytes.len())
            .min(self.fail_after.unwrap_or(usize::MAX).max(self.at + 1));
        let n = (end - self.at).min(buf.len());
        buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn a_reader_that_trickles_or_is_interrupted_gives_the_same_report_and_one_that_fails_an_error() {
    let mut json = Vec::new();
    generate::write_caseload(&mut json, 120, 4).expect("writes");
    let (policy, cal) = (Policy::ankang_2020(), Calendar::china());
    let expected = whole(&json, &Limits::default(), Language::Chinese).expect("checks");
    let run = |fail_after: Option<usize>, block: usize, threads: usize| {
        let input = Trickle {
            bytes: &json,
            at: 0,
            calls: 0,
            sizes: &[1, 7, 300, 4096, 13],
            fail_after,
        };
        let options = StreamOptions {
            threads,
            ..StreamOptions::default()
        };
        let reader = CaseloadReader::open_with_block(input, &Limits::default(), block)?;
        let report = reader.check(&policy, &cal, as_of(), &options)?;
        let mut out = Vec::new();
        report.write_json(&mut out).expect("writes to a Vec");
        Ok::<_, duban::Error>(out)
    };
    for (block, threads) in [(64, 1), (1000, 2), (1 << 20, 2)] {
        let got = run(None, block, threads).expect("reads every byte");
        assert!(got == expected, "blocks of {block}, {threads} threads");
        for fail_after in [0, 10, json.len() / 2] {
            let e = run(Some(fail_after), block, threads).expect_err("the reader fails");
            let zh = e.message(Language::Chinese);
            assert!(zh.starts_with("无法读取事项清单"), "{zh}");
            assert!(!zh.contains("disk"), "{zh}");
            assert!(
                e.message(Language::English)
                    .ends_with(&format!("(after {fail_after} bytes): the disk went away")),
                "{}",
                e.message(Language::English)
            );
        }
    }
}
