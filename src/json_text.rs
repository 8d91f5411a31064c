//! JSON reading errors in the reader's language, with their place in the file.
//!
//! serde and serde_json write their messages in English ("invalid type: integer `1`,
//! expected a string at line 3 column 7"). A clerk reading Chinese gets a Chinese sentence
//! instead: the standard messages are recognised and translated piece by piece; the
//! messages duban's own deserializers raise carry both languages; anything else is
//! summarised in Chinese without the English fragment (the English message keeps it).

use crate::error::Position;
use crate::{Error, Language};

/// Separates the Chinese and English halves of a message that duban's own deserializers
/// hand to `serde::de::Error::custom`, so that [`translate`] can give each language its own.
const LANGUAGE_SEPARATOR: char = '\u{1f}';

/// The `custom` message for a duban error raised inside a deserializer.
pub(crate) fn custom_message(err: &Error) -> String {
    format!(
        "{}{LANGUAGE_SEPARATOR}{}",
        err.message(Language::Chinese),
        err.message(Language::English)
    )
}

/// A serde_json error's message in both languages, without its position.
pub(crate) fn translate(e: &serde_json::Error) -> (String, String) {
    let full = e.to_string();
    let message = strip_position(&full);
    if let Some((zh, en)) = message.split_once(LANGUAGE_SEPARATOR) {
        return (zh.to_owned(), en.to_owned());
    }
    let en = without_type_names(message);
    let zh = if e.is_eof() {
        "内容不完整（文件在此处意外结束，可能被截断）".to_owned()
    } else {
        translate_message(message).unwrap_or_else(|| match e.classify() {
            serde_json::error::Category::Syntax => "不是有效的 JSON".to_owned(),
            _ => "内容不符合格式要求".to_owned(),
        })
    };
    (zh, en)
}

/// serde's message with the Rust names of duban's types replaced by what they are in JSON:
/// "expected struct MatterInput" becomes "expected a JSON object".
fn without_type_names(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    loop {
        let next = [
            ("internally tagged enum ", "one of the known kinds"),
            ("tuple struct ", "a JSON array"),
            ("struct variant ", "a JSON object"),
            ("struct ", "a JSON object"),
            ("enum ", "one of the known values"),
        ]
        .iter()
        .filter_map(|(prefix, with)| rest.find(prefix).map(|at| (at, *prefix, *with)))
        .min_by_key(|(at, prefix, _)| (*at, std::cmp::Reverse(prefix.len())));
        let Some((at, prefix, with)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        out.push_str(with);
        // Skip the type's name: an identifier (with `::` paths).
        let after = &rest[at + prefix.len()..];
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(after.len());
        rest = &after[name_len..];
    }
}

/// serde_json appends " at line L column C" when it knows the place.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => &message[..at],
        _ => message,
    }
}

fn translate_message(message: &str) -> Option<String> {
    if let Some(zh) = syntax(message) {
        return Some(zh.to_owned());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "类型不符：应为{}，实为{}",
            expected_zh(expected),
            unexpected_zh(found)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "取值无效：应为{}，实为{}",
            expected_zh(expected),
            unexpected_zh(found)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (len, expected) = rest.split_once(", expected ")?;
        return Some(format!("长度 {len} 不符：应为{}", expected_zh(expected)));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Some(format!("缺少字段“{}”", unquote(rest)));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return Some(format!("字段“{}”重复", unquote(rest)));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        return Some(format!(
            "未知字段“{}”{}",
            unquote(field),
            choices_zh(expected)
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (variant, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        return Some(format!(
            "未知取值“{}”{}",
            unquote(variant),
            choices_zh(expected)
        ));
    }
    None
}

/// serde_json's syntax messages (its `ErrorCode`s).
fn syntax(message: &str) -> Option<&'static str> {
    Some(match message {
        "EOF while parsing a list" => "数组不完整（文件在此处意外结束）",
        "EOF while parsing an object" => "对象不完整（文件在此处意外结束）",
        "EOF while parsing a string" => "字符串不完整（文件在此处意外结束）",
        "EOF while parsing a value" => "缺少取值（文件在此处意外结束）",
        "expected `:`" => "此处应为冒号“:”",
        "expected `,` or `]`" => "此处应为逗号“,”或“]”",
        "expected `,` or `}`" => "此处应为逗号“,”或“}”",
        "expected ident" => "此处应为 true、false 或 null",
        "expected value" => "此处应为一个取值（不是有效的 JSON）",
        "expected `\"`" => "此处应为双引号",
        "invalid escape" => "字符串中的转义符无效",
        "invalid number" => "数字格式无效",
        "number out of range" => "数字超出范围",
        "invalid unicode code point" => "Unicode 码位无效",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "字符串中含有控制字符"
        }
        "key must be a string" => "对象的键必须是字符串",
        "lone leading surrogate in hex escape" => "字符串中的 Unicode 转义不成对",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "JSON 之后还有多余的内容",
        "unexpected end of hex escape" => "Unicode 转义不完整",
        "recursion limit exceeded" => "嵌套层数过深",
        "invalid value: expected key to be a number in quotes" => "对象的键应为带引号的数字",
        "float key must be finite (got NaN or +/-inf)" => "对象的键必须是有限的数",
        _ => return None,
    })
}

/// serde's `Unexpected` descriptions: what was found.
fn unexpected_zh(found: &str) -> String {
    let found = found.trim();
    let value = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_owned())
    };
    if let Some(v) = value("integer ") {
        return format!("整数 {v}");
    }
    if let Some(v) = value("floating point ") {
        return format!("小数 {v}");
    }
    if let Some(v) = value("boolean ") {
        return format!("布尔值 {v}");
    }
    if let Some(v) = value("character ") {
        return format!("字符“{v}”");
    }
    if let Some(v) = found.strip_prefix("string ") {
        return format!("字符串“{}”", v.trim_matches('"'));
    }
    match found {
        "null" | "unit value" => "空值 null".to_owned(),
        "sequence" => "数组".to_owned(),
        "map" => "对象".to_owned(),
        "byte array" => "字节串".to_owned(),
        "Option value" => "可选值".to_owned(),
        "enum" | "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => {
            "枚举值".to_owned()
        }
        _ => "其他类型".to_owned(),
    }
}

/// serde's `Expected` descriptions: what was wanted. Derived types are described by their
/// shape (`struct X` is an object), never by their Rust name.
fn expected_zh(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with("struct ") || e.starts_with("a map") || e == "map" {
        return "对象".to_owned();
    }
    if e.starts_with("enum ") || e.starts_with("variant identifier") {
        return "规定的取值之一".to_owned();
    }
    if e.starts_with("tuple") || e.starts_with("a sequence") || e == "sequence" {
        return "数组".to_owned();
    }
    if e.contains("string") || e == "a borrowed str" || e == "a character" {
        return "字符串".to_owned();
    }
    if e.contains("bool") {
        return "布尔值（true 或 false）".to_owned();
    }
    if matches!(
        e,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
    ) || e.contains("integer")
    {
        return "整数".to_owned();
    }
    if e == "f32" || e == "f64" || e.contains("float") {
        return "数字".to_owned();
    }
    if e.contains("unit") || e.contains("null") {
        return "空值 null".to_owned();
    }
    "规定的格式".to_owned()
}

/// "expected one of `a`, `b`" → "（可用：a、b）"; nothing when no list is given.
fn choices_zh(expected: &str) -> String {
    let names: Vec<&str> = expected
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, name)| name)
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("（可用：{}）", names.join("、"))
    }
}

fn unquote(text: &str) -> &str {
    text.trim().trim_matches('`')
}

/// Converts byte offsets of a text into lines and character columns. Offsets asked in
/// increasing order cost, together, one pass over the text; an earlier offset restarts
/// from the beginning.
pub(crate) struct Positions<'a> {
    text: &'a [u8],
    /// The offset in the whole document of `text`'s first byte, and the position there.
    base: usize,
    start: Position,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Positions<'a> {
        Positions::continuing(text, 0, Position { line: 1, column: 1 })
    }

    /// Positions in `text`, a part of a document that starts at byte `base` of it, where
    /// the position is `start`. Offsets given to [`Positions::at`] are the document's.
    pub(crate) fn continuing(text: &'a [u8], base: usize, start: Position) -> Positions<'a> {
        Positions {
            text,
            base,
            start,
            offset: 0,
            line: start.line,
            column: start.column,
        }
    }

    /// The position of the byte at `offset` of the document (clamped to the text).
    pub(crate) fn at(&mut self, offset: usize) -> Position {
        let offset = offset.saturating_sub(self.base).min(self.text.len());
        if offset < self.offset {
            *self = Positions::continuing(self.text, self.base, self.start);
        }
        let (line, column) = advance(
            (self.line, self.column),
            self.text.get(self.offset..offset).unwrap_or_default(),
        );
        (self.line, self.column) = (line, column);
        self.offset = offset;
        Position {
            line: self.line,
            column: self.column,
        }
    }

    /// The byte offset of a serde_json error found in `slice`, a part of this text that
    /// starts at byte `base`. serde_json counts lines from 1 and columns in bytes from 1,
    /// pointing at the last byte it read.
    pub(crate) fn offset_of(
        &self,
        base: usize,
        slice: &[u8],
        e: &serde_json::Error,
    ) -> Option<usize> {
        if e.line() == 0 {
            return None;
        }
        let mut line_start = 0;
        if e.line() > 1 {
            let mut newlines = 0;
            for (i, &b) in slice.iter().enumerate() {
                if b == b'\n' {
                    newlines += 1;
                    if newlines == e.line() - 1 {
                        line_start = i + 1;
                        break;
                    }
                }
            }
        }
        Some(base + line_start + e.column().saturating_sub(1))
    }
}

/// The line and column after `bytes`, starting at `(line, column)`: a newline starts a new
/// line; every other character (not every byte: UTF-8 continuation bytes add nothing)
/// moves one column. The last newline is found backwards; the newlines before it are
/// counted a word (8 bytes) at a time, a byte lane each, and only the characters after it
/// are counted (a document's newlines are between its matters, so those are few).
pub(crate) fn advance((line, column): (usize, usize), bytes: &[u8]) -> (usize, usize) {
    match last_newline(bytes) {
        None => (line, column + chars(bytes)),
        Some(last) => (
            line + 1 + count_lanes(bytes.get(..last).unwrap_or_default(), newline_lanes),
            1 + chars(bytes.get(last + 1..).unwrap_or_default()),
        ),
    }
}

/// A byte in each byte lane of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte lane.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;
/// The low seven bits of each byte lane.
pub(crate) const LOWS: u64 = !HIGHS;

/// The high bit of each byte of `word` equal to `byte`, exactly (the low seven bits plus
/// 0x7f carry into the high bit unless all are zero, and never into the next byte).
pub(crate) fn equal_bytes(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOWS) + LOWS) | x) & HIGHS
}

/// 1 in the low bit of each byte of `word` that is a newline.
fn newline_lanes(word: u64) -> u64 {
    equal_bytes(word, b'\n') >> 7
}

/// 1 in the low bit of each byte of `word` that is a UTF-8 continuation byte (10xxxxxx:
/// bit 7 set, bit 6, shifted up into bit 7, clear).
fn continuation_lanes(word: u64) -> u64 {
    (word & !(word << 1) & HIGHS) >> 7
}

/// The characters of `bytes`: its bytes less its continuation bytes.
fn chars(bytes: &[u8]) -> usize {
    bytes.len() - count_lanes(bytes, continuation_lanes)
}

/// The bytes of `bytes` that `lanes` marks (1 in the low bit of each marked byte of a
/// word), a word at a time: the marks added up a byte lane each, and the lanes summed now
/// and then (a popcount a word costs more where the processor has no popcount
/// instruction, as the baseline x86-64 target has not).
fn count_lanes(bytes: &[u8], lanes: impl Fn(u64) -> u64) -> usize {
    /// Words added to the lanes before they are summed (a lane holds at most 255).
    const LANE_WORDS: usize = 255;
    let mut words = bytes.chunks_exact(8);
    let mut count = 0;
    let (mut sums, mut pending) = (0u64, 0);
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        sums += lanes(u64::from_le_bytes(word));
        pending += 1;
        if pending == LANE_WORDS {
            count += lane_sum(sums);
            (sums, pending) = (0, 0);
        }
    }
    let mut tail = [0u8; 8];
    let rest = words.remainder();
    if let Some(head) = tail.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    // The zero padding is neither a newline nor a continuation byte.
    count + lane_sum(sums) + lane_sum(lanes(u64::from_le_bytes(tail)))
}

/// The place of the last newline of `bytes`, searched backwards a word at a time.
fn last_newline(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.rchunks_exact(8);
    let mut end = bytes.len();
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let marks = newline_lanes(u64::from_le_bytes(word));
        if marks != 0 {
            // The highest marked byte is the last newline of the word.
            return Some(end - 8 + (63 - marks.leading_zeros() as usize) / 8);
        }
        end -= 8;
    }
    words.remainder().iter().rposition(|&b| b == b'\n')
}

/// The sum of the eight bytes of `lanes`.
fn lane_sum(lanes: u64) -> usize {
    const EVEN: u64 = 0x00ff_00ff_00ff_00ff;
    // Four sums of two bytes, each at most 510, in 16-bit lanes; their sum (at most 2040)
    // in the top lane of the product.
    let pairs = (lanes & EVEN) + ((lanes >> 8) & EVEN);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// Where the string whose contents start `bytes` may end: the first `"` or `\\` of `bytes`
/// (and, with `control`, the first control character, which a JSON string may not hold),
/// or none. A word (8 bytes) at a time, each byte tested exactly: the strings of a caseload
/// are mostly Chinese names, read byte by byte at every byte's cost.
// Inlined, so that each caller's `control` is a constant in the loop.
#[inline(always)]
pub(crate) fn string_end(bytes: &[u8], control: bool) -> Option<usize> {
    // Words read in place (most strings end in their first), the last few bytes alone.
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let found = if control {
            string_stops(word)
        } else {
            quotes_and_backslashes(word)
        };
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let stop = |b: u8| b == b'"' || b == b'\\' || (control && b < 0x20);
    let rest = bytes.get(at..).unwrap_or_default();
    rest.iter().position(|&b| stop(b)).map(|k| at + k)
}

/// The high bit of each byte of `x` below `n` (at most 0x80), exact for the lowest one (a
/// borrow can only mark bytes above a marked one): that is all a search needs.
pub(crate) fn below(x: u64, n: u64) -> u64 {
    x.wrapping_sub(ONES * n) & !x & HIGHS
}

/// The lowest marked byte of the result is `word`'s first quote or backslash.
fn quotes_and_backslashes(word: u64) -> u64 {
    below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1)
}

/// The lowest marked byte of the result is `word`'s first quote, backslash or control
/// character: where a string of a JSON text that is read without escapes stops.
fn string_stops(word: u64) -> u64 {
    quotes_and_backslashes(word) | below(word, 0x20)
}

/// The text " (line L, column C)" / "（第L行第C列）" for a message, or nothing.
pub(crate) fn at_text(position: Option<Position>) -> (String, String) {
    match position {
        Some(p) => (
            format!("（第{}行第{}列）", p.line, p.column),
            format!(" (line {}, column {})", p.line, p.column),
        ),
        None => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh_of(json: &str) -> String {
        match serde_json::from_str::<serde_json::Value>(json) {
            Ok(_) => String::new(),
            Err(e) => translate(&e).0,
        }
    }

    #[test]
    fn syntax_errors_are_chinese() {
        for bad in [
            "",
            "{",
            "[1,",
            "{\"a\" 1}",
            "tru",
            "{\"a\":1}x",
            "\"\\q\"",
            "{1:2}",
        ] {
            let zh = zh_of(bad);
            assert!(!zh.is_empty(), "{bad:?}");
            assert!(
                !zh.contains("expected") && !zh.contains("EOF") && !zh.contains("line"),
                "{bad:?} -> {zh}"
            );
        }
    }

    #[test]
    fn type_errors_name_the_shape() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Matter {
            id: String,
        }
        let e = serde_json::from_str::<Matter>("1").unwrap_err();
        assert_eq!(translate(&e).0, "类型不符：应为对象，实为整数 1");
        assert_eq!(
            translate(&e).1,
            "invalid type: integer `1`, expected a JSON object"
        );
        let e = serde_json::from_str::<Matter>("{\"id\": 5}").unwrap_err();
        assert_eq!(translate(&e).0, "类型不符：应为字符串，实为整数 5");
        let e = serde_json::from_str::<Matter>("{}").unwrap_err();
        assert_eq!(translate(&e).0, "缺少字段“id”");
    }

    #[test]
    fn positions_count_characters() {
        let text = "ab\n安康x\n";
        let mut p = Positions::new(text.as_bytes());
        assert_eq!(p.at(0), Position { line: 1, column: 1 });
        // "安" and "康" are three bytes each; "x" is the third character of line 2.
        let x = text.find('x').unwrap();
        assert_eq!(p.at(x), Position { line: 2, column: 3 });
        assert_eq!(p.at(1), Position { line: 1, column: 2 });
    }

    #[test]
    fn string_end_finds_the_first_stop_wherever_it_is() {
        let naive = |bytes: &[u8], control: bool| {
            (bytes.iter()).position(|&b| b == b'"' || b == b'\\' || (control && b < 0x20))
        };
        // Every byte value at every offset of strings of up to 24 bytes, after plain
        // bytes of several kinds (ASCII, a Chinese character's, the highest), and before
        // a second stop.
        let mut checked = 0;
        for len in 0..=24 {
            for at in 0..len {
                for fill in [b'a', 0xe5, 0xff, 0x21, 0x7f] {
                    for b in 0..=255u8 {
                        let mut bytes = vec![fill; len];
                        bytes[at] = b;
                        if at + 1 < len {
                            bytes[len - 1] = b'"';
                        }
                        for control in [true, false] {
                            assert_eq!(
                                string_end(&bytes, control),
                                naive(&bytes, control),
                                "{bytes:?} {control}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 700_000);
    }

    proptest::proptest! {
        #[test]
        fn string_end_agrees_with_a_byte_by_byte_search(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
            control: bool,
        ) {
            let naive = (bytes.iter())
                .position(|&b| b == b'"' || b == b'\\' || (control && b < 0x20));
            proptest::prop_assert_eq!(string_end(&bytes, control), naive);
        }
    }

    /// The first version of [`advance`] (two passes, the last newline found backwards):
    /// the reference the word-at-a-time one must agree with exactly.
    fn advance_reference((line, column): (usize, usize), bytes: &[u8]) -> (usize, usize) {
        let chars = |b: &[u8]| b.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        match bytes.iter().rposition(|&b| b == b'\n') {
            None => (line, column + chars(bytes)),
            Some(last) => {
                let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
                let tail = bytes.get(last + 1..).unwrap_or_default();
                (line + newlines, 1 + chars(tail))
            }
        }
    }

    /// Every string of `len` bytes or fewer from `alphabet` (so that each byte lands at
    /// every offset of a word, and in the tail): `advance` agrees with the reference.
    fn agree_on_every_string(alphabet: &[u8], len: u32) -> usize {
        let mut bytes = Vec::new();
        let mut checked = 0;
        for len in 0..=len {
            for mut code in 0..alphabet.len().pow(len) {
                bytes.clear();
                for _ in 0..len {
                    bytes.push(alphabet[code % alphabet.len()]);
                    code /= alphabet.len();
                }
                for start in [(1, 1), (7, 30)] {
                    assert_eq!(
                        advance(start, &bytes),
                        advance_reference(start, &bytes),
                        "{bytes:?}"
                    );
                }
                checked += 1;
            }
        }
        checked
    }

    #[test]
    fn advance_agrees_with_the_reference_on_every_short_string() {
        // A newline, ASCII, a lead byte, a continuation byte.
        assert_eq!(
            agree_on_every_string(&[b'\n', b'a', 0xE5, 0x80], 10),
            1_398_101
        );
        // With bytes one bit away from a newline (0x0b, 0x8a: a sloppy zero-byte test
        // takes them for one next to a newline, or alone).
        assert_eq!(
            agree_on_every_string(&[b'\n', b'a', 0xE5, 0x80, 0x0b, 0x8a], 8),
            2_015_539
        );
    }

    #[test]
    fn advance_counts_a_known_text() {
        // Two newlines; after the last, "安康x" is three characters (seven bytes).
        let text = "第一行\nab\n安康x";
        assert_eq!(advance((1, 1), text.as_bytes()), (3, 4));
        assert_eq!(advance((2, 5), "安康安康".as_bytes()), (2, 9));
        assert_eq!(advance((2, 5), b""), (2, 5));
        assert_eq!(advance((1, 1), b"abcdefg\n"), (2, 1));
        assert_eq!(advance((1, 1), b"abcdefghijklmno\n"), (2, 1));
        // Past a word's lanes' capacity: 300 words of "安康" and "x" (three characters
        // in seven bytes... and one newline-free word apiece on average).
        let long = "安康x".repeat(8 * 300 / 7 + 1);
        let chars = long.chars().count();
        assert_eq!(advance((4, 2), long.as_bytes()), (4, 2 + chars));
        assert_eq!(lane_sum(u64::MAX), 8 * 255);
        assert_eq!(lane_sum(0x0102_0304_0506_0708), 36);
    }

    proptest::proptest! {
        #[test]
        fn advance_agrees_with_the_reference_on_long_strings(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u8>(),
                    proptest::strategy::Just(b'\n'),
                    proptest::strategy::Just(0x80u8),
                    proptest::strategy::Just(0xE5u8),
                    proptest::strategy::Just(b'a'),
                ],
                0..2000,
            ),
            line in 1usize..1000,
            column in 1usize..1000,
        ) {
            proptest::prop_assert_eq!(
                advance((line, column), &bytes),
                advance_reference((line, column), &bytes)
            );
            let text = String::from_utf8_lossy(&bytes);
            proptest::prop_assert_eq!(
                advance((line, column), text.as_bytes()),
                advance_reference((line, column), text.as_bytes())
            );
        }
    }
}
