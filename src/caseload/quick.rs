//! A reader of the plain matters that make up nearly every caseload, beside serde's.
//!
//! serde's derived reader goes through its data model for every key and value (a visitor
//! per field, a `MapAccess` per object), which was a third of a large check's time. Most
//! matters are plain: known fields once each, strings without escapes, small integers. This
//! reader takes those straight from the bytes and declines everything else (an escape, a
//! `null`, an unknown or repeated field, a value it does not know, a number it would have to
//! think about), and the caller then reads the matter with serde as before.
//!
//! So it never decides what a matter means on its own: whenever it gives a matter, serde
//! gives the same one (the differential tests below hold it to that, on every matter of a
//! generated caseload and on matters mangled byte by byte), and every error, with its
//! message and position, is still serde's.
//!
//! Enumerations, months and quarters are read by their own `Deserialize` from the string
//! (serde's `StrDeserializer`, without JSON), and dates by [`crate::parse_date`], so the
//! names a field accepts are defined once.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::Deserialize;

use super::input::{
    intern, EventInput, ItemCategory, ItemInput, MatterInput, MeetingInput, ReportedItem,
};

/// The matter in `text` (one JSON object, as the scanner delimited it), when it is plain
/// enough to read without serde; `None` when serde must read it.
pub(super) fn read_matter(text: &str) -> Option<MatterInput> {
    let mut p = Parser::new(text);
    p.space();
    let matter = p.matter()?;
    p.space();
    (p.at == p.bytes.len()).then_some(matter)
}

/// Marks field `bit` of an object as seen: `None` when it was already (serde refuses a
/// repeated field).
fn once(seen: &mut u32, bit: u32) -> Option<()> {
    let mask = 1u32 << bit;
    if *seen & mask != 0 {
        return None;
    }
    *seen |= mask;
    Some(())
}

/// A value named by its code, read by its type's own `Deserialize`.
fn named<'de, T: Deserialize<'de>>(code: &'de str) -> Option<T> {
    T::deserialize(StrDeserializer::<ValueError>::new(code)).ok()
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    /// The item names of this matter so far: its reports name its items again and again,
    /// and a look here is cheaper than one in the names shared by the thread.
    items: Vec<Arc<str>>,
}

/// Item names a matter keeps at hand (a meeting decides a handful of items).
const ITEMS_AT_HAND: usize = 16;

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            bytes: text.as_bytes(),
            text,
            at: 0,
            items: Vec::new(),
        }
    }

    /// An item's name, shared with its other occurrences.
    fn item_name(&mut self) -> Option<Arc<str>> {
        let text = self.string()?;
        if let Some(name) = self.items.iter().find(|name| ***name == *text) {
            return Some(name.clone());
        }
        let name = intern(text);
        if self.items.len() < ITEMS_AT_HAND {
            self.items.push(name.clone());
        }
        Some(name)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON whitespace.
    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// Takes `byte` (after whitespace).
    fn eat(&mut self, byte: u8) -> Option<()> {
        self.space();
        if self.peek() != Some(byte) {
            return None;
        }
        self.at += 1;
        Some(())
    }

    /// A string without escapes or control characters (serde refuses the latter; the
    /// former it reads, and so declines here).
    fn string(&mut self) -> Option<&'a str> {
        if self.peek() != Some(b'"') {
            self.eat(b'"')?;
        } else {
            self.at += 1;
        }
        let start = self.at;
        // A word at a time rather than byte by byte through `peek` (strings are most of a
        // matter's bytes).
        let end = start + crate::json_text::string_end(self.bytes.get(start..)?, true)?;
        if self.bytes.get(end) != Some(&b'"') {
            return None;
        }
        // The quote is ASCII, so both ends are character boundaries of `text`.
        let s = self.text.get(start..end)?;
        self.at = end + 1;
        Some(s)
    }

    fn owned(&mut self) -> Option<String> {
        self.string().map(str::to_owned)
    }

    fn date(&mut self) -> Option<NaiveDate> {
        crate::parse_date(self.string()?).ok()
    }

    fn code<T: Deserialize<'a>>(&mut self) -> Option<T> {
        named(self.string()?)
    }

    /// An integer as serde_json reads one into an `i32`: declined when it has a fraction,
    /// an exponent, a leading zero or more digits than surely fit.
    fn int(&mut self) -> Option<i32> {
        self.space();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut value: i32 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            value = value.checked_mul(10)?.checked_add(i32::from(d - b'0'))?;
            self.at += 1;
        }
        let digits = self.at - start;
        if digits == 0 || digits > 9 || (digits > 1 && self.bytes.get(start) == Some(&b'0')) {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        // serde_json reads `-0` as a float, which an `i32` refuses.
        if negative && value == 0 {
            return None;
        }
        Some(if negative { -value } else { value })
    }

    /// An object: `field` reads the value of each key (the parser just past its colon).
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            self.space();
            field(self, key)?;
            self.space();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
            self.space();
        }
    }

    /// An array of what `element` reads.
    fn array<T>(&mut self, mut element: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(out);
        }
        loop {
            out.push(element(self)?);
            self.space();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(out);
                }
                _ => return None,
            }
        }
    }

    fn matter(&mut self) -> Option<MatterInput> {
        let (mut id, mut kind, mut unit) = (None, None, None);
        let mut sector: Option<Arc<str>> = None;
        let (mut unit_kind, mut source, mut title, mut meeting) = (None, None, None, None);
        let (mut month, mut quarter, mut start, mut annual_plan) = (None, None, None, None);
        let (mut year, mut grade) = (None, None);
        let (mut items, mut events) = (None, None);
        let mut seen = 0;
        self.object(|p, key| {
            match key.as_bytes() {
                b"id" => {
                    once(&mut seen, 0)?;
                    id = Some(Arc::from(p.string()?));
                }
                b"kind" => {
                    once(&mut seen, 1)?;
                    kind = Some(p.code()?);
                }
                b"unit" => {
                    once(&mut seen, 2)?;
                    unit = Some(intern(p.string()?));
                }
                b"sector" => {
                    once(&mut seen, 3)?;
                    sector = Some(intern(p.string()?));
                }
                b"unit_kind" => {
                    once(&mut seen, 4)?;
                    unit_kind = Some(p.code()?);
                }
                b"source" => {
                    once(&mut seen, 5)?;
                    source = Some(p.code()?);
                }
                b"title" => {
                    once(&mut seen, 6)?;
                    title = Some(p.owned()?);
                }
                b"meeting" => {
                    once(&mut seen, 7)?;
                    meeting = Some(p.meeting()?);
                }
                b"month" => {
                    once(&mut seen, 8)?;
                    month = Some(p.string()?.parse().ok()?);
                }
                b"quarter" => {
                    once(&mut seen, 9)?;
                    quarter = Some(p.string()?.parse().ok()?);
                }
                b"start" => {
                    once(&mut seen, 10)?;
                    start = Some(p.date()?);
                }
                b"annual_plan" => {
                    once(&mut seen, 11)?;
                    annual_plan = Some(p.code()?);
                }
                b"year" => {
                    once(&mut seen, 12)?;
                    year = Some(p.int()?);
                }
                b"grade" => {
                    once(&mut seen, 13)?;
                    grade = Some(p.code()?);
                }
                b"items" => {
                    once(&mut seen, 14)?;
                    items = Some(p.array(Parser::item)?);
                }
                b"events" => {
                    once(&mut seen, 15)?;
                    events = Some(p.array(Parser::event)?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(MatterInput {
            id: id?,
            kind: kind?,
            unit: unit?,
            sector: sector.unwrap_or_default(),
            unit_kind,
            source,
            title,
            meeting,
            month,
            quarter,
            start,
            annual_plan,
            year,
            grade,
            items: items.unwrap_or_default(),
            events: events.unwrap_or_default(),
        })
    }

    fn meeting(&mut self) -> Option<MeetingInput> {
        let (mut date, mut kind) = (None, None);
        let mut seen = 0;
        self.object(|p, key| {
            match key.as_bytes() {
                b"date" => {
                    once(&mut seen, 0)?;
                    date = Some(p.date()?);
                }
                b"kind" => {
                    once(&mut seen, 1)?;
                    kind = Some(p.code()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(MeetingInput {
            date: date?,
            kind: kind?,
        })
    }

    fn item(&mut self) -> Option<ItemInput> {
        let (mut id, mut category) = (None, None);
        let mut seen = 0;
        self.object(|p, key| {
            match key.as_bytes() {
                b"id" => {
                    once(&mut seen, 0)?;
                    id = Some(p.item_name()?);
                }
                b"category" => {
                    once(&mut seen, 1)?;
                    category = Some(p.code::<ItemCategory>()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(ItemInput {
            id: id?,
            category: category.unwrap_or_default(),
        })
    }

    fn reported(&mut self) -> Option<ReportedItem> {
        let (mut item, mut progress, mut physical, mut evidence) = (None, None, None, None);
        let mut seen = 0;
        self.object(|p, key| {
            match key.as_bytes() {
                b"item" => {
                    once(&mut seen, 0)?;
                    item = Some(p.item_name()?);
                }
                b"progress" => {
                    once(&mut seen, 1)?;
                    progress = Some(p.code()?);
                }
                b"physical_progress" => {
                    once(&mut seen, 2)?;
                    physical = Some(p.owned()?);
                }
                b"evidence" => {
                    once(&mut seen, 3)?;
                    evidence = Some(p.array(Parser::owned)?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(ReportedItem {
            item: item?,
            progress: progress?,
            physical_progress: physical,
            evidence: evidence.unwrap_or_default(),
        })
    }

    fn event(&mut self) -> Option<EventInput> {
        let (mut event, mut on, mut remedy, mut reasons) = (None, None, None, None);
        let (mut items, mut triggers, mut rectify_by, mut grounds) = (None, None, None, None);
        let (mut reason, mut note) = (None, None);
        let mut seen = 0;
        self.object(|p, key| {
            match key.as_bytes() {
                b"event" => {
                    once(&mut seen, 0)?;
                    event = Some(p.code()?);
                }
                b"on" => {
                    once(&mut seen, 1)?;
                    on = Some(p.date()?);
                }
                b"remedy" => {
                    once(&mut seen, 2)?;
                    remedy = Some(p.code()?);
                }
                b"reasons" => {
                    once(&mut seen, 3)?;
                    reasons = Some(p.array(Parser::code)?);
                }
                b"items" => {
                    once(&mut seen, 4)?;
                    items = Some(p.array(Parser::reported)?);
                }
                b"triggers" => {
                    once(&mut seen, 5)?;
                    triggers = Some(p.array(Parser::code)?);
                }
                b"rectify_by" => {
                    once(&mut seen, 6)?;
                    rectify_by = Some(p.date()?);
                }
                b"grounds" => {
                    once(&mut seen, 7)?;
                    grounds = Some(p.array(Parser::code)?);
                }
                b"reason" => {
                    once(&mut seen, 8)?;
                    reason = Some(p.owned()?);
                }
                b"note" => {
                    once(&mut seen, 9)?;
                    note = Some(p.owned()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(EventInput {
            event: event?,
            on: on?,
            remedy,
            reasons: reasons.unwrap_or_default(),
            items,
            triggers: triggers.unwrap_or_default(),
            rectify_by,
            grounds: grounds.unwrap_or_default(),
            reason,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The matters of a generated caseload of `n`, one per line, as written.
    fn generated(n: usize, seed: u64) -> Vec<String> {
        let mut out = Vec::new();
        super::super::generate::write_caseload(&mut out, n, seed).expect("writes to memory");
        let text = String::from_utf8(out).expect("the generator writes UTF-8");
        text.lines()
            .filter(|line| line.starts_with("{\"id\""))
            .map(|line| line.trim_end_matches(',').to_owned())
            .collect()
    }

    #[test]
    fn every_generated_matter_reads_as_serde_reads_it() {
        let matters = generated(5000, 7);
        assert_eq!(matters.len(), 5000);
        let mut declined = 0;
        for text in &matters {
            let expected = serde(text);
            match read_matter(text) {
                Some(quick) => assert_eq!(Some(quick), expected, "{text}"),
                None => {
                    // Only what serde refuses too: the generator writes plain JSON.
                    assert_eq!(expected, None, "declined a matter serde reads: {text}");
                    declined += 1;
                }
            }
        }
        assert_eq!(declined, 0, "the generated matters are all plain");
    }

    #[test]
    fn spacing_and_key_order_do_not_matter() {
        for text in generated(500, 11) {
            let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            // Pretty, and with the keys in alphabetical order (serde_json's map).
            let pretty = serde_json::to_string_pretty(&value).expect("writes");
            let quick = read_matter(&pretty);
            assert!(quick.is_some(), "declined: {pretty}");
            assert_eq!(quick, read_matter(&text));
            assert_eq!(quick, serde(&pretty));
        }
    }

    /// Bytes worth putting into a matter: structure, escapes, digits, spaces.
    fn mangling_byte() -> impl Strategy<Value = u8> {
        prop::sample::select(b"\"\\{}[],:0-9.eEnul \t\nabx\x01\xe4".to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// A matter damaged anywhere is read as serde reads it, or left to serde.
        #[test]
        fn a_mangled_matter_is_read_as_serde_reads_it_or_declined(
            pick in 0usize..400,
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, mangling_byte()), 1..4),
        ) {
            static MATTERS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
            let matters = MATTERS.get_or_init(|| generated(400, 3));
            let mut bytes = matters[pick % matters.len()].clone().into_bytes();
            for (at, how, byte) in edits {
                let i = at.index(bytes.len() + 1);
                match how {
                    0 => bytes.insert(i, byte),
                    1 if i < bytes.len() => { bytes.remove(i); }
                    _ if i < bytes.len() => bytes[i] = byte,
                    _ => bytes.push(byte),
                }
            }
            // Matters come to the reader as text (the batch checked as UTF-8).
            if let Ok(text) = std::str::from_utf8(&bytes) {
                if let Some(quick) = read_matter(text) {
                    prop_assert_eq!(Some(quick), serde(text), "{}", text);
                }
            }
        }
    }

    fn serde(text: &str) -> Option<MatterInput> {
        serde_json::from_str(text).ok()
    }

    #[test]
    fn plain_matters_read_as_serde_reads_them() {
        for text in [
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "month": "2024-01"}"#,
            r#" {"id":"b","kind":"year_end_summary","unit":"室","sector":"督查","year":2024,"events":[]} "#,
            r#"{"id": "c", "kind": "meeting_follow_up", "unit": "u", "sector": "s",
                "meeting": {"date": "2023-09-20", "kind": "executive"},
                "items": [{"id": "1"}, {"id": "2", "category": "project"}],
                "events": [{"event": "submit", "on": "2023-11-08", "note": "n",
                   "items": [{"item": "1", "progress": "on_schedule", "evidence": ["x", "y"]},
                             {"item": "2", "progress": "completed", "physical_progress": "p"}]},
                   {"event": "return", "on": "2023-11-09", "remedy": "redo",
                    "reasons": ["no_evidence"]}]}"#,
            r#"{"id": "d", "kind": "evaluation", "unit": "u", "year": -5, "grade": "poor"}"#,
        ] {
            let quick = read_matter(text);
            assert!(quick.is_some(), "declined: {text}");
            assert_eq!(quick, serde(text), "{text}");
        }
    }

    #[test]
    fn strings_end_at_their_quote_and_escapes_are_declined_wherever_they_are() {
        for len in 0..40 {
            let body: String = "督查abcdefg".chars().cycle().take(len).collect();
            let quoted = format!("\"{body}\",\"x\"");
            let mut p = Parser::new(&quoted);
            assert_eq!(p.string(), Some(body.as_str()));
            assert_eq!(p.peek(), Some(b','));
            for special in ['\\', '\u{0}', '\u{1f}', '\n'] {
                for at in 0..=body.chars().count() {
                    let mut chars: Vec<char> = body.chars().collect();
                    chars.insert(at, special);
                    let text = format!("\"{}\"", chars.into_iter().collect::<String>());
                    let mut p = Parser::new(&text);
                    assert_eq!(p.string(), None, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn anything_unusual_is_left_to_serde() {
        for text in [
            r#"{"id": "a\"", "kind": "monthly_report", "unit": "u"}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "title": null}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "unit": "v"}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "other": 1}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "year": 2024.0}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "year": 02024}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "year": 1e3}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "year": -0}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "year": 9999999999}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u", "month": "2024-13"}"#,
            r#"{"id": "a", "kind": "monthly", "unit": "u"}"#,
            r#"{"id": "a", "kind": "monthly_report"}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u",}"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u"} x"#,
            r#"{"id": "a", "kind": "monthly_report", "unit": "u""#,
            "{\"id\": \"a\u{1}\", \"kind\": \"monthly_report\", \"unit\": \"u\"}",
            r#"{"id": "a", "kind": "inspection", "unit": "u", "events": [{"event": "apply"}]}"#,
        ] {
            assert_eq!(read_matter(text), None, "{text}");
        }
    }
}
