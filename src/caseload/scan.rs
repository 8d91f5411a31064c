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
    /// not the grammar inside (serde does that per matter). Inside a container it goes 64
    /// bytes at a time ([`Cursor::blocks`]), byte by byte where a string has a backslash
    /// and in the last 63 bytes of the input.
    fn value(&mut self) -> Result<&'a [u8], ScanError> {
        self.value_by::<true>()
    }

    /// [`Cursor::value`], with the block fast path inside containers (`FAST`) or byte by
    /// byte only (the reference the fast path is tested against: same ranges, same errors
    /// at the same positions, the cursor left at the same place).
    fn value_by<const FAST: bool>(&mut self) -> Result<&'a [u8], ScanError> {
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
            if FAST && !closers.is_empty() {
                self.blocks(&mut closers)?;
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

    /// Inside a container (`closers` not empty), outside any string: goes through the
    /// value 64 bytes at a time, pairing the brackets outside strings as the byte loop of
    /// [`Cursor::value`] does, until the closer that empties `closers` (the cursor left
    /// after it), an unbalanced closer (the error, the cursor at it), a backslash inside a
    /// string or fewer than 64 bytes left (the cursor left outside any string, at the
    /// start of the string open there, for the byte loop to go on from).
    fn blocks(&mut self, closers: &mut Closers) -> Result<(), ScanError> {
        // The next block's start; all ones when it is inside a string, and then where that
        // string opened.
        let (mut base, mut in_string, mut opened) = (self.pos, 0u64, self.pos);
        while let Some(block) = self
            .bytes
            .get(base..)
            .and_then(<[u8]>::first_chunk::<BLOCK>)
        {
            let masks = Masks::of(block);
            // A bit per byte inside a string: its opening quote in, its closing quote out.
            let inside = prefix_xor(masks.quotes) ^ in_string;
            // Past a backslash inside a string, quotes may be escaped: the masks hold only
            // below it.
            let escape = masks.backslashes & inside;
            let valid = match escape {
                0 => u64::MAX,
                _ => (1u64 << escape.trailing_zeros()) - 1,
            };
            let mut brackets = masks.brackets & !inside & valid;
            while brackets != 0 {
                let k = brackets.trailing_zeros() as usize;
                brackets &= brackets - 1;
                // Tests rather than a `match` (a jump table, which mispredicts).
                let b = block.get(k).copied().unwrap_or_default();
                if b | 0x20 == b'{' {
                    // `{` + 2 is `}`, `[` + 2 is `]`.
                    closers.push(b + 2);
                } else if b | 0x20 == b'}' {
                    if closers.pop() != Some(b) {
                        self.pos = base + k;
                        return Err(ScanError::new(self.pos, ScanProblem::Unbalanced(b as char)));
                    }
                    if closers.is_empty() {
                        self.pos = base + k + 1;
                        return Ok(());
                    }
                }
            }
            let quotes = masks.quotes & valid;
            if quotes != 0 {
                // The last quote inside a string (below the backslash, if any) opens it.
                opened = base + (63 - quotes.leading_zeros() as usize);
            }
            if escape != 0 {
                // The byte loop reads the string with the backslash, escapes and all.
                self.pos = opened;
                return Ok(());
            }
            in_string = 0u64.wrapping_sub(inside >> 63);
            base += BLOCK;
        }
        self.pos = if in_string != 0 { opened } else { base };
        Ok(())
    }
}

/// The bytes the fast path of [`Cursor::value`] takes at a time.
const BLOCK: usize = 64;

/// Bit masks of a block, bit `k` for its byte `k`.
struct Masks {
    quotes: u64,
    backslashes: u64,
    /// `{`, `[`, `}` and `]`, and the four other bytes that differ from them only in bits
    /// 0x20, 0x04 and 0x02 (`Y`, `_`, `y` and DEL), for the walk to pass over.
    brackets: u64,
}

impl Masks {
    fn of(block: &[u8; BLOCK]) -> Masks {
        use crate::json_text::{below, equal_bytes, HIGHS, LOWS, ONES};
        // The high bits of a word's bytes, packed into its low 8 bits: the multiplier (bits
        // 7j for j in 0..8) moves the high bit of byte `i` (bit 8i + 7) to bit 56 + `i`
        // (j = 7 - i) and nothing else there or across (no two terms on one bit).
        let pack = |highs: u64| highs.wrapping_mul(0x0002_0408_1020_4081) >> 56;
        let words = || {
            (block.chunks_exact(8))
                .map(|word| u64::from_le_bytes(word.try_into().unwrap_or_default()))
        };
        let (mut quotes, mut brackets, mut backslash) = (0, 0, 0);
        for (i, word) in words().enumerate() {
            quotes |= pack(equal_bytes(word, b'"')) << (8 * i);
            // The bytes whose bits 0x59 are those of the brackets, and no others but
            // maybe 0x20, 0x04 and 0x02 (the high bit of the masked bytes is clear, so
            // adding 0x7f sets it for those that differ, without a carry out).
            let x = (word & (ONES * 0x59)) ^ (ONES * 0x59);
            brackets |= pack(!((x + LOWS) | word) & HIGHS) << (8 * i);
            // A backslash's high bit, and perhaps a false one above it (the borrow):
            // whether the block has any.
            backslash |= below(word ^ (ONES * u64::from(b'\\')), 1);
        }
        let mut backslashes = 0;
        if backslash != 0 {
            for (i, word) in words().enumerate() {
                backslashes |= pack(equal_bytes(word, b'\\')) << (8 * i);
            }
        }
        Masks {
            quotes,
            backslashes,
            brackets,
        }
    }
}

/// Bit `k` of the result: the parity of bits 0 to `k` of `bits`.
fn prefix_xor(mut bits: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        bits ^= bits << shift;
    }
    bits
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

    /// What a scan of one value gives: the range it returns (or its error), and where it
    /// leaves the cursor.
    type Outcome = (Result<std::ops::Range<usize>, ScanError>, usize);

    fn value_from<const FAST: bool>(bytes: &[u8], from: usize) -> Outcome {
        let mut c = Cursor {
            bytes,
            pos: from,
            max_matters: 0,
        };
        let got = c.value_by::<FAST>().map(|raw| {
            let start = raw.as_ptr() as usize - bytes.as_ptr() as usize;
            start..start + raw.len()
        });
        (got, c.pos)
    }

    /// The fast path and the byte loop agree on `bytes` from `from`.
    fn agree(bytes: &[u8], from: usize) -> Result<(), TestCaseError> {
        prop_assert_eq!(
            value_from::<true>(bytes, from),
            value_from::<false>(bytes, from),
            "{:?} from {}",
            String::from_utf8_lossy(bytes),
            from
        );
        Ok(())
    }

    /// The fast path and the byte loop agree on `bytes` from its start, from its
    /// containers' starts, and from a few places inside.
    fn agree_throughout(bytes: &[u8]) -> Result<(), TestCaseError> {
        agree(bytes, 0)?;
        for (at, &b) in bytes.iter().enumerate() {
            if matches!(b, b'{' | b'[') || at % 29 == 0 {
                agree(bytes, at)?;
            }
        }
        Ok(())
    }

    /// Pieces of random documents: every byte the scanner tells apart, ASCII and
    /// multi-byte UTF-8 characters.
    const PIECES: [&str; 15] = [
        "{", "}", "[", "]", "\"", "\\", ",", ":", " ", "a", "\n", "中", "é", "\"a\"", "\"ab\":",
    ];

    fn piece_bytes(pieces: &[usize]) -> Vec<u8> {
        let mut bytes = Vec::new();
        for &k in pieces {
            bytes.extend_from_slice(PIECES[k % PIECES.len()].as_bytes());
        }
        bytes
    }

    /// Balanced containers with strings (some escaped) and scalars between, up to `depth`
    /// deep, from a list of choices; the bytes after the last choice are left open.
    fn nested(choices: &[u8], depth: usize) -> Vec<u8> {
        let (mut bytes, mut open) = (b"[".to_vec(), vec![b']']);
        for &choice in choices {
            match choice % 12 {
                0 | 1 if open.len() < depth => {
                    bytes.push(b'{');
                    open.push(b'}');
                }
                2 if open.len() < depth => {
                    bytes.push(b'[');
                    open.push(b']');
                }
                3 | 4 => {
                    if let Some(closer) = open.pop() {
                        bytes.push(closer);
                    }
                }
                5 => bytes.extend_from_slice(br#""k\"e{y":"#),
                6 => bytes.extend_from_slice(br#""\\""#),
                7 => bytes.extend_from_slice("\"值]【中】\",".as_bytes()),
                8 => bytes.extend_from_slice(
                    br#""a long string with {brackets} and [more] of them, past 64 bytes","#,
                ),
                9 => bytes.extend_from_slice(b"12,"),
                10 => bytes.extend_from_slice(br#""id":"M-1","#),
                _ => bytes.push(b' '),
            }
        }
        while let Some(closer) = open.pop() {
            bytes.push(closer);
        }
        bytes
    }

    /// Generated matters, one after another, as a caseload writes them.
    fn generated_matters() -> &'static [u8] {
        static MATTERS: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        MATTERS.get_or_init(|| {
            let mut out = Vec::new();
            crate::caseload::generate::write_caseload(&mut out, 40, 11).expect("writes to memory");
            out
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Random bytes of the pieces the scanner tells apart, of every length to 300,
        /// opened by a container or not.
        #[test]
        fn fast_path_agrees_on_random_bytes(
            open in 0usize..3,
            pieces in prop::collection::vec(0usize..PIECES.len(), 0..300),
        ) {
            let mut bytes = ["", "[", "{"][open].as_bytes().to_vec();
            bytes.extend(piece_bytes(&pieces));
            agree_throughout(&bytes)?;
            // Cut at every length, to end inside a string, after a backslash, and so on.
            for len in 0..bytes.len() {
                agree(&bytes[..len], 0)?;
            }
        }

        /// Balanced values, deeper than 64 (where `Closers` spills) or not, then mangled:
        /// a byte or two changed, or cut short.
        #[test]
        fn fast_path_agrees_on_nested_values(
            choices in prop::collection::vec(any::<u8>(), 0..400),
            depth in prop::sample::select(vec![3usize, 20, 70, 200]),
            changes in prop::collection::vec((any::<prop::sample::Index>(), 0usize..PIECES.len()), 0..3),
            cut in any::<prop::sample::Index>(),
        ) {
            let mut bytes = nested(&choices, depth);
            agree_throughout(&bytes)?;
            for (at, piece) in &changes {
                let at = at.index(bytes.len());
                bytes.splice(at..at + 1, PIECES[*piece].bytes());
            }
            agree_throughout(&bytes)?;
            let len = cut.index(bytes.len() + 1);
            agree(&bytes[..len], 0)?;
        }

        /// Generated matters, a byte changed here and there, from a matter's start.
        #[test]
        fn fast_path_agrees_on_mangled_matters(
            changes in prop::collection::vec((any::<prop::sample::Index>(), 0usize..PIECES.len()), 0..4),
            from in any::<prop::sample::Index>(),
        ) {
            let mut bytes = generated_matters().to_vec();
            for (at, piece) in &changes {
                let at = at.index(bytes.len());
                bytes.splice(at..at + 1, PIECES[*piece].bytes());
            }
            // From the start of a line (a matter), or from anywhere.
            let from = from.index(bytes.len());
            let line = bytes[..from].iter().rposition(|&b| b == b'\n').map_or(0, |k| k + 1);
            agree(&bytes, line)?;
            agree(&bytes, from)?;
        }
    }

    #[test]
    fn fast_path_finds_every_generated_matter() {
        let bytes = generated_matters();
        let mut matters = 0;
        for (at, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n') {
            if bytes.get(at + 1) == Some(&b'{') {
                let (fast, slow) = (
                    value_from::<true>(bytes, at + 1),
                    value_from::<false>(bytes, at + 1),
                );
                assert_eq!(fast, slow);
                // The matter is its whole line, but for the comma between matters.
                let end = bytes[at + 1..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |k| at + 1 + k);
                let end = if bytes[end - 1] == b',' { end - 1 } else { end };
                assert_eq!(fast.0, Ok(at + 1..end));
                matters += 1;
            }
        }
        assert_eq!(matters, 40);
    }

    /// One or two of the bytes that matter (quotes, backslashes, brackets) at every pair
    /// of places of a 130-byte container of plain bytes (and in one whose string opens
    /// in its first block), across the edges of blocks and words.
    #[test]
    fn fast_path_agrees_wherever_the_bytes_that_matter_are() {
        let special = [b'"', b'\\', b'{', b'}', b'[', b']'];
        let mut cases = 0;
        for base in [
            [b"[".as_slice(), &[b'a'; 128], b"]"].concat(),
            [b"{\"".as_slice(), &[b'x'; 126], b"\"}"].concat(),
        ] {
            assert_eq!(base.len(), 130);
            for i in 0..base.len() {
                for j in i..base.len() {
                    for &a in &special {
                        for &b in &special {
                            if i == j && a != b {
                                continue;
                            }
                            let mut bytes = base.clone();
                            bytes[i] = a;
                            bytes[j] = b;
                            assert_eq!(
                                value_from::<true>(&bytes, 0),
                                value_from::<false>(&bytes, 0),
                                "{:?}",
                                String::from_utf8_lossy(&bytes)
                            );
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert!(cases > 600_000);
    }

    /// Every byte value at every place of a block, among bytes of several kinds (those
    /// marked, whose borrows or carries could spill into the next byte, and others).
    #[test]
    fn masks_mark_their_bytes() {
        let naive = |block: &[u8; BLOCK], wanted: &dyn Fn(u8) -> bool| {
            (block.iter().enumerate()).fold(0u64, |mask, (k, &b)| mask | u64::from(wanted(b)) << k)
        };
        for fill in [b'a', b'"', b'\\', b'{', b']', b'#', 0x00, 0x80, 0xe4, 0xff] {
            for k in 0..BLOCK {
                for b in 0..=255u8 {
                    let mut block = [fill; BLOCK];
                    block[k] = b;
                    let masks = Masks::of(&block);
                    assert_eq!(masks.quotes, naive(&block, &|b| b == b'"'), "{block:?}");
                    assert_eq!(
                        masks.backslashes,
                        naive(&block, &|b| b == b'\\'),
                        "{block:?}"
                    );
                    assert_eq!(
                        masks.brackets,
                        naive(&block, &|b| b"{}[]Y_y\x7f".contains(&b)),
                        "{block:?}"
                    );
                }
            }
        }
        assert_eq!(prefix_xor(1 | 1 << 40), (1u64 << 40) - 1);
        assert_eq!(prefix_xor(1 << 63 | 1 << 62), 1 << 62);
        assert_eq!(prefix_xor(0b1011), !0u64 << 3 | 1);
    }

    /// The scanner alone, byte loop and fast path, over the matters of the document named
    /// by `DUBAN_SCAN_TIMING` (run with `--release --ignored --nocapture`).
    #[test]
    #[ignore = "a measurement, not a test"]
    fn scan_timing() {
        let Ok(path) = std::env::var("DUBAN_SCAN_TIMING") else {
            return;
        };
        let bytes = std::fs::read(path).expect("reads the document");
        let scanned = scan(&bytes, usize::MAX);
        let starts: Vec<usize> = (scanned.matters.iter())
            .filter_map(|m| m.as_ref().ok())
            .map(|raw| raw.as_ptr() as usize - bytes.as_ptr() as usize)
            .collect();
        fn time<const FAST: bool>(bytes: &[u8], starts: &[usize]) -> (std::time::Duration, usize) {
            let clock = std::time::Instant::now();
            let mut total = 0;
            for &start in starts {
                let mut c = Cursor {
                    bytes,
                    pos: start,
                    max_matters: 0,
                };
                total += c.value_by::<FAST>().map_or(0, <[u8]>::len);
            }
            (clock.elapsed(), total)
        }
        for round in 0..3 {
            let (slow, slow_total) = time::<false>(&bytes, &starts);
            let (fast, fast_total) = time::<true>(&bytes, &starts);
            assert_eq!(slow_total, fast_total);
            println!(
                "round {round}: {} matters, {slow_total} bytes: byte loop {slow:?}, fast path {fast:?}",
                starts.len()
            );
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
