//! Splits a caseload document into its top-level fields and the raw bytes of each matter,
//! without recursion, so that a truncated or hostile document costs only the matter it
//! breaks: every matter before it is still read.

/// What the scanner found.
pub(crate) struct Scanned<'a> {
    /// Top-level fields other than `matters`: key and raw JSON value.
    pub fields: Vec<(String, &'a [u8])>,
    /// Whether a `matters` field was found.
    pub has_matters: bool,
    /// Each matter's raw bytes, or why it could not be delimited.
    pub matters: Vec<Result<&'a [u8], CutMatter<'a>>>,
    /// A structural error that stopped the scan (after the matters listed).
    pub fatal: Option<ScanError>,
    /// The scan stopped at a matter over the limit it was given.
    pub too_many_matters: bool,
}

/// A matter the document ends (or breaks) inside: the bytes read, and why.
pub(crate) type CutMatter<'a> = (&'a [u8], ScanError);

/// Why the scanner stopped, and the byte offset in the document where it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ScanError {
    pub at: usize,
    pub what: ScanProblem,
}

/// The structural problems the scanner finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ScanProblem {
    /// The document ends here.
    Truncated,
    /// `expected` was wanted, `found` is here.
    Expected { expected: &'static str, found: char },
    /// A closing bracket that does not match the open one.
    Unbalanced(char),
    /// A field name is not a valid JSON string.
    BadFieldName,
    /// Text after the document's closing brace.
    Trailing,
    /// A value is missing (e.g. `"a": ,`).
    MissingValue,
    /// `matters` is not an array.
    MattersNotArray,
}

impl ScanError {
    fn new(at: usize, what: ScanProblem) -> ScanError {
        ScanError { at, what }
    }

    /// The problem in Chinese and English, without its position.
    pub(crate) fn text(&self) -> (String, String) {
        match &self.what {
            ScanProblem::Truncated => (
                "文件在此处意外结束（可能被截断）".to_owned(),
                "the document ends here (truncated?)".to_owned(),
            ),
            ScanProblem::Expected { expected, found } => (
                format!("此处应为{}，实为“{}”", expected_zh(expected), shown(*found)),
                format!("expected {expected}, found `{}`", shown(*found)),
            ),
            ScanProblem::Unbalanced(b) => (format!("括号“{b}”不配对"), format!("unbalanced `{b}`")),
            ScanProblem::BadFieldName => (
                "字段名不是有效的 JSON 字符串".to_owned(),
                "a field name is not a valid JSON string".to_owned(),
            ),
            ScanProblem::Trailing => (
                "文档结束后还有多余的内容".to_owned(),
                "unexpected text after the document".to_owned(),
            ),
            ScanProblem::MissingValue => ("缺少取值".to_owned(), "a value is missing".to_owned()),
            ScanProblem::MattersNotArray => (
                "“matters”字段必须是数组".to_owned(),
                "`matters` must be an array".to_owned(),
            ),
        }
    }
}

/// A character as a message shows it: control characters escaped.
fn shown(c: char) -> String {
    if c.is_control() {
        c.escape_default().to_string()
    } else {
        c.to_string()
    }
}

fn expected_zh(expected: &str) -> &'static str {
    match expected {
        "`{`" => "“{”（文档应是一个 JSON 对象）",
        "`:`" => "冒号“:”",
        "`[`" => "“[”",
        "a field name" => "带引号的字段名",
        "`,` or `}`" => "逗号“,”或“}”",
        "`,` or `]`" => "逗号“,”或“]”",
        _ => "其他内容",
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The most matters to collect.
    max_matters: usize,
}

impl<'a> Cursor<'a> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8, expected: &'static str) -> Result<(), ScanError> {
        self.skip_ws();
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.unexpected(expected)),
            None => Err(self.truncated()),
        }
    }

    fn truncated(&self) -> ScanError {
        ScanError::new(self.pos, ScanProblem::Truncated)
    }

    /// `expected` is missing at the cursor: names the character found there.
    fn unexpected(&self, expected: &'static str) -> ScanError {
        let found = self
            .bytes
            .get(self.pos..)
            .and_then(|rest| {
                let end = rest.len().min(4);
                (1..=end).find_map(|n| std::str::from_utf8(&rest[..n]).ok())
            })
            .and_then(|s| s.chars().next())
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        ScanError::new(self.pos, ScanProblem::Expected { expected, found })
    }

    /// Skips a string starting at `"`; returns its raw bytes including quotes.
    #[inline(always)]
    fn string(&mut self) -> Result<&'a [u8], ScanError> {
        let start = self.pos;
        self.pos += 1;
        // To the next quote or backslash a word at a time, rather than byte by byte through
        // `peek` (strings are most of the input).
        while let Some(rest) = self.bytes.get(self.pos..) {
            let Some(len) = crate::json_text::string_end(rest, false) else {
                self.pos = self.bytes.len();
                break;
            };
            self.pos += len + 1;
            if rest.get(len) == Some(&b'"') {
                return Ok(&self.bytes[start..self.pos]);
            }
            // A backslash: the byte after it is escaped.
            self.pos += 1;
        }
        Err(self.truncated())
    }

    /// Skips one JSON value of any depth; returns its raw bytes. Checks bracket pairing,
    /// not the grammar inside (serde does that per matter).
    fn value(&mut self) -> Result<&'a [u8], ScanError> {
        self.skip_ws();
        let start = self.pos;
        let mut closers = Closers::default();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.truncated());
            };
            match b {
                b'"' => {
                    self.string()?;
                    // Inside a container, `"key":"value","key":` and the like go from
                    // one string to the next without a turn of this loop for the colon
                    // or comma between them (compact JSON is mostly that).
                    while !closers.is_empty()
                        && matches!(self.peek(), Some(b':' | b','))
                        && self.bytes.get(self.pos + 1) == Some(&b'"')
                    {
                        self.pos += 1;
                        self.string()?;
                    }
                }
                b'{' => {
                    closers.push(b'}');
                    self.pos += 1;
                }
                b'[' => {
                    closers.push(b']');
                    self.pos += 1;
                }
                b'}' | b']' => {
                    if closers.pop() != Some(b) {
                        return Err(ScanError::new(self.pos, ScanProblem::Unbalanced(b as char)));
                    }
                    self.pos += 1;
                }
                b',' | b' ' | b'\t' | b'\n' | b'\r' if closers.is_empty() => {}
                _ => self.pos += 1,
            }
            if closers.is_empty() {
                // A scalar ends at a delimiter; a container at its closer.
                if matches!(self.bytes.get(start), Some(b'{' | b'[' | b'"')) {
                    return Ok(&self.bytes[start..self.pos]);
                }
                match self.peek() {
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') => {
                        return if self.pos > start {
                            Ok(&self.bytes[start..self.pos])
                        } else {
                            Err(ScanError::new(start, ScanProblem::MissingValue))
                        };
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The closing brackets a value still needs, innermost last: a bit each (`}` or `]`), in a
/// word while the value is no deeper than 64 (every matter, without an allocation per
/// matter), in more words past that.
#[derive(Default)]
struct Closers {
    depth: usize,
    word: u64,
    deeper: Vec<u64>,
}

impl Closers {
    fn push(&mut self, closer: u8) {
        let (index, bit) = (self.depth / 64, 1u64 << (self.depth % 64));
        let word = match index.checked_sub(1) {
            None => &mut self.word,
            Some(k) => {
                if self.deeper.len() <= k {
                    self.deeper.push(0);
                }
                match self.deeper.get_mut(k) {
                    Some(word) => word,
                    None => return,
                }
            }
        };
        if closer == b'}' {
            *word |= bit;
        } else {
            *word &= !bit;
        }
        self.depth += 1;
    }

    fn pop(&mut self) -> Option<u8> {
        self.depth = self.depth.checked_sub(1)?;
        let (index, bit) = (self.depth / 64, 1u64 << (self.depth % 64));
        let word = match index.checked_sub(1) {
            None => self.word,
            Some(k) => self.deeper.get(k).copied().unwrap_or_default(),
        };
        Some(if word & bit != 0 { b'}' } else { b']' })
    }

    fn is_empty(&self) -> bool {
        self.depth == 0
    }
}

/// Scans `bytes` (a JSON object with a `matters` array), stopping at the first matter
/// beyond `max_matters`.
pub(crate) fn scan(bytes: &[u8], max_matters: usize) -> Scanned<'_> {
    let mut out = Scanned {
        fields: Vec::new(),
        has_matters: false,
        matters: Vec::new(),
        fatal: None,
        too_many_matters: false,
    };
    let mut c = Cursor {
        bytes,
        pos: 0,
        max_matters,
    };
    // A UTF-8 byte order mark is tolerated.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        c.pos = 3;
    }
    if let Err(e) = scan_object(&mut c, &mut out) {
        out.fatal = Some(e);
    }
    out
}

fn scan_object<'a>(c: &mut Cursor<'a>, out: &mut Scanned<'a>) -> Result<(), ScanError> {
    c.expect(b'{', "`{`")?;
    c.skip_ws();
    if c.peek() == Some(b'}') {
        c.pos += 1;
        return trailing(c);
    }
    loop {
        c.skip_ws();
        if c.peek() != Some(b'"') {
            return Err(match c.peek() {
                Some(_) => c.unexpected("a field name"),
                None => c.truncated(),
            });
        }
        let key_at = c.pos;
        let raw_key = c.string()?;
        let key: String = serde_json::from_slice(raw_key)
            .map_err(|_| ScanError::new(key_at, ScanProblem::BadFieldName))?;
        c.expect(b':', "`:`")?;
        c.skip_ws();
        if key == "matters" {
            scan_matters(c, out)?;
        } else {
            let value = c.value()?;
            out.fields.push((key, value));
        }
        c.skip_ws();
        match c.peek() {
            Some(b',') => c.pos += 1,
            Some(b'}') => {
                c.pos += 1;
                return trailing(c);
            }
            Some(_) => return Err(c.unexpected("`,` or `}`")),
            None => return Err(c.truncated()),
        }
    }
}

fn trailing(c: &mut Cursor<'_>) -> Result<(), ScanError> {
    c.skip_ws();
    match c.peek() {
        None => Ok(()),
        Some(_) => Err(ScanError::new(c.pos, ScanProblem::Trailing)),
    }
}

fn scan_matters<'a>(c: &mut Cursor<'a>, out: &mut Scanned<'a>) -> Result<(), ScanError> {
    c.expect(b'[', "`[`").map_err(|e| match e.what {
        ScanProblem::Truncated => e,
        _ => ScanError::new(e.at, ScanProblem::MattersNotArray),
    })?;
    out.has_matters = true;
    c.skip_ws();
    if c.peek() == Some(b']') {
        c.pos += 1;
        return Ok(());
    }
    loop {
        c.skip_ws();
        if out.matters.len() >= c.max_matters {
            out.too_many_matters = true;
            return Ok(());
        }
        let start = c.pos;
        match c.value() {
            Ok(raw) => out.matters.push(Ok(raw)),
            Err(e) => {
                out.matters.push(Err((&c.bytes[start..], e.clone())));
                return Err(e);
            }
        }
        c.skip_ws();
        match c.peek() {
            Some(b',') => c.pos += 1,
            Some(b']') => {
                c.pos += 1;
                return Ok(());
            }
            Some(_) => return Err(c.unexpected("`,` or `]`")),
            None => return Err(c.truncated()),
        }
    }
}

/// The `id` of a (possibly incomplete) matter object: the string value of its top-level
/// `"id"` key, if the bytes get that far.
pub(crate) fn top_level_id(bytes: &[u8]) -> Option<String> {
    let mut c = Cursor {
        bytes,
        pos: 0,
        max_matters: 0,
    };
    c.expect(b'{', "`{`").ok()?;
    loop {
        c.skip_ws();
        let key: String = serde_json::from_slice(c.string().ok()?).ok()?;
        c.expect(b':', "`:`").ok()?;
        c.skip_ws();
        let value = c.value().ok()?;
        if key == "id" {
            return serde_json::from_slice(value).ok();
        }
        c.expect(b',', "`,`").ok()?;
    }
}

/// What the incremental scanner finds next in a document read a window at a time.
/// Ranges are byte offsets in the window given to [`Incremental::next`].
#[derive(Debug)]
pub(crate) enum Found {
    /// The window ends before the next item is complete: read more and ask again (with
    /// the window's start moved by as much as was dropped from it).
    More,
    /// A top-level field other than `matters`: key, and the range of its raw value.
    Field(String, std::ops::Range<usize>),
    /// The scanner moved on without finding anything yet: ask again.
    Step,
    /// The `matters` array opens.
    MattersBegin,
    /// A matter's raw bytes.
    Matter(std::ops::Range<usize>),
    /// A matter the document ends or breaks inside: the range read, and why (the scan
    /// stops there).
    CutMatter(std::ops::Range<usize>, ScanError),
    /// One matter more than the limit given.
    TooManyMatters,
    /// The end: the structural error that stopped the scan, if one did. Offsets in errors
    /// are the window's.
    End(Option<ScanError>),
}

/// Where the incremental scanner is in the document's grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Start,
    FirstKey,
    Key,
    AfterField,
    FirstMatter,
    Matter,
    AfterMatter,
    Trailing,
    Done,
}

/// The scanner of [`scan`] over a document read a window at a time: it finds the same
/// fields, matters and errors, one at a time.
pub(crate) struct Incremental {
    state: State,
    /// The next byte to scan, in the window.
    pub(crate) pos: usize,
    matters: usize,
    pub(crate) max_matters: usize,
}

/// Bytes kept after an item before it is taken as complete, so that a scalar, a
/// character named in an error, or the whitespace after an item is never cut by the
/// window's end.
const LOOKAHEAD: usize = 4;

impl Incremental {
    pub(crate) fn new(max_matters: usize) -> Incremental {
        Incremental {
            state: State::Start,
            pos: 0,
            matters: 0,
            max_matters,
        }
    }

    /// The offset, in the window, before which nothing is needed any more.
    pub(crate) fn needed_from(&self) -> usize {
        self.pos
    }

    /// The window's first `n` bytes were dropped.
    pub(crate) fn dropped(&mut self, n: usize) {
        self.pos = self.pos.saturating_sub(n);
    }

    /// The next item in `window` (the document from some point on; `eof`: to its end;
    /// `at_start`: from its first byte).
    pub(crate) fn next(&mut self, window: &[u8], eof: bool, at_start: bool) -> Found {
        if self.state == State::Done {
            return Found::End(None);
        }
        let before = (self.state, self.pos, self.matters);
        let mut c = Cursor {
            bytes: window,
            pos: self.pos,
            max_matters: self.max_matters,
        };
        let found = self.step(&mut c, at_start);
        if !eof && c.pos.saturating_add(LOOKAHEAD) >= window.len() {
            (self.state, self.pos, self.matters) = before;
            return Found::More;
        }
        self.pos = c.pos;
        match found {
            Ok(found) => found,
            Err(e) => {
                self.state = State::Done;
                Found::End(Some(e))
            }
        }
    }

    fn step(&mut self, c: &mut Cursor<'_>, at_start: bool) -> Result<Found, ScanError> {
        match self.state {
            State::Start => {
                if at_start && c.bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    c.pos = 3;
                }
                c.expect(b'{', "`{`")?;
                c.skip_ws();
                if c.peek() == Some(b'}') {
                    c.pos += 1;
                    self.state = State::Trailing;
                } else {
                    self.state = State::FirstKey;
                }
                Ok(Found::Step)
            }
            State::FirstKey | State::Key => {
                c.skip_ws();
                if c.peek() != Some(b'"') {
                    return Err(match c.peek() {
                        Some(_) => c.unexpected("a field name"),
                        None => c.truncated(),
                    });
                }
                let key_at = c.pos;
                let raw_key = c.string()?;
                let key: String = serde_json::from_slice(raw_key)
                    .map_err(|_| ScanError::new(key_at, ScanProblem::BadFieldName))?;
                c.expect(b':', "`:`")?;
                c.skip_ws();
                if key == "matters" {
                    c.expect(b'[', "`[`").map_err(|e| match e.what {
                        ScanProblem::Truncated => e,
                        _ => ScanError::new(e.at, ScanProblem::MattersNotArray),
                    })?;
                    self.state = State::FirstMatter;
                    Ok(Found::MattersBegin)
                } else {
                    let value = c.value()?;
                    let start = c.pos - value.len();
                    self.state = State::AfterField;
                    Ok(Found::Field(key, start..c.pos))
                }
            }
            State::AfterField => {
                c.skip_ws();
                match c.peek() {
                    Some(b',') => {
                        c.pos += 1;
                        self.state = State::Key;
                        Ok(Found::Step)
                    }
                    Some(b'}') => {
                        c.pos += 1;
                        self.state = State::Trailing;
                        Ok(Found::Step)
                    }
                    Some(_) => Err(c.unexpected("`,` or `}`")),
                    None => Err(c.truncated()),
                }
            }
            State::FirstMatter => {
                c.skip_ws();
                if c.peek() == Some(b']') {
                    c.pos += 1;
                    self.state = State::AfterField;
                } else {
                    self.state = State::Matter;
                }
                Ok(Found::Step)
            }
            State::Matter => {
                c.skip_ws();
                if self.matters >= self.max_matters {
                    self.state = State::Done;
                    return Ok(Found::TooManyMatters);
                }
                let start = c.pos;
                match c.value() {
                    Ok(raw) => {
                        self.matters += 1;
                        self.state = State::AfterMatter;
                        Ok(Found::Matter(start..start + raw.len()))
                    }
                    Err(e) => {
                        self.matters += 1;
                        self.state = State::Done;
                        Ok(Found::CutMatter(start..c.bytes.len(), e))
                    }
                }
            }
            State::AfterMatter => {
                c.skip_ws();
                match c.peek() {
                    Some(b',') => {
                        c.pos += 1;
                        self.state = State::Matter;
                        Ok(Found::Step)
                    }
                    Some(b']') => {
                        c.pos += 1;
                        self.state = State::AfterField;
                        Ok(Found::Step)
                    }
                    Some(_) => Err(c.unexpected("`,` or `]`")),
                    None => Err(c.truncated()),
                }
            }
            State::Trailing => {
                self.state = State::Done;
                trailing(c).map(|()| Found::End(None))
            }
            State::Done => Ok(Found::End(None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The bit stack gives back what a stack of bytes would, at any depth.
        #[test]
        fn closers_pop_what_was_pushed(steps in prop::collection::vec(0u8..3, 0..600)) {
            let (mut closers, mut model) = (Closers::default(), Vec::new());
            for step in steps {
                match step {
                    0 => { closers.push(b'}'); model.push(b'}'); }
                    1 => { closers.push(b']'); model.push(b']'); }
                    _ => prop_assert_eq!(closers.pop(), model.pop()),
                }
                prop_assert_eq!(closers.is_empty(), model.is_empty());
            }
            while let Some(closer) = model.pop() {
                prop_assert_eq!(closers.pop(), Some(closer));
            }
            prop_assert_eq!(closers.pop(), None);
        }
    }

    #[test]
    fn splits_matters_and_fields() {
        let s = scan(br#"{"schema": "x", "matters": [{"id": "a", "n": [1, {"b": "]"}]}, {"id": "b"} ], "as_of": "2023-01-01"}"#, usize::MAX);
        assert!(s.fatal.is_none());
        assert_eq!(s.fields.len(), 2);
        assert_eq!(s.matters.len(), 2);
        assert_eq!(s.matters[1].as_ref().ok(), Some(&&br#"{"id": "b"}"#[..]));
    }

    #[test]
    fn truncation_keeps_complete_matters() {
        let s = scan(
            br#"{"schema": "x", "matters": [{"id": "a"}, {"id": "b", "e": [1, 2"#,
            usize::MAX,
        );
        assert_eq!(s.matters.len(), 2);
        assert!(s.matters[0].is_ok());
        assert!(s.matters[1].is_err());
        assert!(s.fatal.is_some());
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let mut doc = b"{\"matters\": [".to_vec();
        doc.extend(std::iter::repeat(b'[').take(1_000_000));
        doc.extend(std::iter::repeat(b']').take(1_000_000));
        doc.extend(b"]}");
        let s = scan(&doc, usize::MAX);
        assert!(s.fatal.is_none());
        assert_eq!(s.matters.len(), 1);
    }

    #[test]
    fn id_of_a_cut_matter() {
        assert_eq!(
            top_level_id(br#"{"items": [{"id": "x"}], "id": "M-7", "events": [1, "#).as_deref(),
            Some("M-7")
        );
        assert_eq!(top_level_id(br#"{"items": [{"id": "x"}], "ev"#), None);
    }

    #[test]
    fn unbalanced_brackets_are_errors() {
        let s = scan(br#"{"matters": [{"id": "a"]}]}"#, usize::MAX);
        assert!(s.fatal.is_some());
        assert!(s.matters[0].is_err());
    }
}
