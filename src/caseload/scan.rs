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
    pub fatal: Option<String>,
    /// The scan stopped at a matter over the limit it was given.
    pub too_many_matters: bool,
}

/// A matter the document ends (or breaks) inside: the bytes read, and why.
pub(crate) type CutMatter<'a> = (&'a [u8], String);

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

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_ws();
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(b) => Err(format!(
                "expected `{}` at byte {}, found `{}`",
                byte as char,
                self.pos,
                (b as char).escape_default()
            )),
            None => Err(format!(
                "the document ends at byte {} (truncated?)",
                self.pos
            )),
        }
    }

    /// Skips a string starting at `"`; returns its raw bytes including quotes.
    fn string(&mut self) -> Result<&'a [u8], String> {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return Ok(&self.bytes[start..self.pos]),
                _ => {}
            }
        }
        Err(format!(
            "a string starting at byte {start} is not closed (truncated?)"
        ))
    }

    /// Skips one JSON value of any depth; returns its raw bytes. Checks bracket pairing,
    /// not the grammar inside (serde does that per matter).
    fn value(&mut self) -> Result<&'a [u8], String> {
        self.skip_ws();
        let start = self.pos;
        let mut closers: Vec<u8> = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(format!(
                    "the value starting at byte {start} is not complete (truncated?)"
                ));
            };
            match b {
                b'"' => {
                    self.string()?;
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
                        return Err(format!(
                            "unbalanced `{}` at byte {} in the value starting at byte {start}",
                            b as char, self.pos
                        ));
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
                            Err(format!("a value is missing at byte {start}"))
                        };
                    }
                    _ => {}
                }
            }
        }
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

fn scan_object<'a>(c: &mut Cursor<'a>, out: &mut Scanned<'a>) -> Result<(), String> {
    c.expect(b'{')?;
    c.skip_ws();
    if c.peek() == Some(b'}') {
        c.pos += 1;
        return trailing(c);
    }
    loop {
        c.skip_ws();
        if c.peek() != Some(b'"') {
            return Err(match c.peek() {
                Some(b) => format!(
                    "expected a field name at byte {}, found `{}`",
                    c.pos,
                    (b as char).escape_default()
                ),
                None => format!("the document ends at byte {} (truncated?)", c.pos),
            });
        }
        let raw_key = c.string()?;
        let key: String = serde_json::from_slice(raw_key)
            .map_err(|e| format!("bad field name at byte {}: {e}", c.pos))?;
        c.expect(b':')?;
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
            Some(b) => {
                return Err(format!(
                    "expected `,` or `}}` at byte {}, found `{}`",
                    c.pos,
                    (b as char).escape_default()
                ))
            }
            None => return Err(format!("the document ends at byte {} (truncated?)", c.pos)),
        }
    }
}

fn trailing(c: &mut Cursor<'_>) -> Result<(), String> {
    c.skip_ws();
    match c.peek() {
        None => Ok(()),
        Some(_) => Err(format!(
            "unexpected text after the document at byte {}",
            c.pos
        )),
    }
}

fn scan_matters<'a>(c: &mut Cursor<'a>, out: &mut Scanned<'a>) -> Result<(), String> {
    c.expect(b'[')
        .map_err(|e| format!("`matters` must be an array: {e}"))?;
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
                return Err(format!(
                    "the matters after #{} could not be read: {e}",
                    out.matters.len()
                ));
            }
        }
        c.skip_ws();
        match c.peek() {
            Some(b',') => c.pos += 1,
            Some(b']') => {
                c.pos += 1;
                return Ok(());
            }
            Some(b) => {
                return Err(format!(
                    "expected `,` or `]` after matter #{} at byte {}, found `{}`",
                    out.matters.len(),
                    c.pos,
                    (b as char).escape_default()
                ))
            }
            None => {
                return Err(format!(
                    "the document ends after matter #{} (truncated?)",
                    out.matters.len()
                ))
            }
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
    c.expect(b'{').ok()?;
    loop {
        c.skip_ws();
        let key: String = serde_json::from_slice(c.string().ok()?).ok()?;
        c.expect(b':').ok()?;
        c.skip_ws();
        let value = c.value().ok()?;
        if key == "id" {
            return serde_json::from_slice(value).ok();
        }
        c.expect(b',').ok()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
