//! The compact form of the model that the generator writes into a page and the WASM app
//! reads back (`PageData`): small to decode, and small in code.
//!
//! JSON through serde cost the app over half of its own code (every model type's visitor,
//! field-name matching and serde_json's parser), so the page carries this instead; serde
//! and JSON stay for the CLI's `--json` output, whose shape is a public contract.
//!
//! A value is written as two streams: its **structure** (bytes) and its **texts** (every
//! string, one after the other, as they are). For a type deriving [`Pack`]
//! (`#[derive(Pack)]`, from `tarif-pack-derive`):
//! - a struct is its fields in declaration order; an enum is its variant's position
//!   (0, 1, …) then that variant's fields;
//! - unsigned integers are LEB128 varints, `i64` is zigzag-encoded first; `bool` is one
//!   byte, 0 or 1;
//! - a string is its length in bytes in the structure, and its UTF-8 in the texts;
//! - a `Vec` or a `BTreeMap` (entries in key order) is its length, then its elements;
//! - `Option` is 0, or 1 then the value;
//! - a `Decimal` is its 16-byte `Decimal::serialize` form, checked on the way back.
//!
//! In a page ([`to_text`], [`from_text`]) the structure is written one letter a byte
//! (see `letters`: no character a page or a script would change or end on), then `|`,
//! then the texts with `\` written `\\`, `<` written `\l` (so the `<script>` element cannot
//! end early), a carriage return `\r` and NUL `\0` (HTML's parser would change those). The
//! texts stay readable text, which compresses as well as the JSON it replaced did; the
//! structure, a byte a character, compresses almost as well as its bytes (base64, which
//! cuts bytes across characters, cost a large search index's parts 18 % more brotli).
//!
//! Both ends come from one build of `tarif` (the app is embedded in it), so there is no
//! versioning: a page is always read by the app it was written for. Reading checks every
//! byte all the same, and says where it stopped.
//!
//! Reading stops at the first problem: the [`Reader`] keeps it, and from then on every
//! read reads nothing and gives an empty value (0, `false`, `""`, no elements, an enum's
//! first variant), which [`from_text`] drops to return the problem instead. So `unpack`
//! returns the value itself, and the derived code is one call per field, with no error
//! branch (and no dropping of the fields read so far) at each of them: reading `PageData`
//! was about a tenth of the app's code when each field returned a `Result`.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;

pub use tarif_pack_derive::Pack;

/// A value with a compact form (see the module's documentation).
pub trait Pack: Sized {
    /// Writes this value.
    fn pack(&self, w: &mut Writer);
    /// Reads a value; on a problem, stops the reader ([`Reader::stop`]) and gives an
    /// empty value, as every read does once the reader has stopped.
    fn unpack(r: &mut Reader<'_>) -> Self;
}

/// `value`'s text for a page: the structure in letters, `|`, the texts escaped.
pub fn to_text<T: Pack>(value: &T) -> String {
    let mut w = Writer::default();
    value.pack(&mut w);
    let mut out = letters::encode(&w.bytes);
    out.reserve(w.text.len() + 1);
    out.push('|');
    // Runs without a character to escape copied whole (each is ASCII: a byte of its own),
    // found a block at a time: a large site's search index packs tens of megabytes.
    let mut rest = w.text.as_str();
    while let Some(at) = first_escaped(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'\\' => "\\\\",
            b'<' => "\\l",
            b'\r' => "\\r",
            _ => "\\0",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// Where the first byte `to_text` escapes is in `bytes`.
fn first_escaped(bytes: &[u8]) -> Option<usize> {
    first_byte(bytes, |b| matches!(b, b'\\' | b'<' | b'\r' | 0))
}

/// Where the first byte that `wanted` picks is in `bytes`: each block of bytes looked at
/// whole (a loop the compiler runs on vectors), then the block that has one byte by byte.
/// For texts of tens of megabytes: a large site's packed search index, and its parts'
/// scripts.
pub fn first_byte(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    const BLOCK: usize = 64;
    bytes
        .chunks(BLOCK)
        .enumerate()
        .find(|(_, block)| block.iter().fold(false, |seen, &b| seen | wanted(b)))
        .and_then(|(n, block)| Some(n * BLOCK + block.iter().position(|&b| wanted(b))?))
}

/// Reads a whole `T` from text written by [`to_text`] (whitespace before it is ignored);
/// anything left over is an error.
pub fn from_text<T: Pack>(text: &str) -> Result<T, Error> {
    let text = text.trim_start();
    let (structure, texts) = text.split_once('|').ok_or(Error {
        at: text.len(),
        problem: Problem::Letter,
    })?;
    let bytes = letters::decode(structure).map_err(|at| Error {
        at,
        problem: Problem::Letter,
    })?;
    let texts = unescape(texts).map_err(|at| Error {
        at,
        problem: Problem::Escape,
    })?;
    let mut r = Reader {
        bytes: &bytes,
        at: 0,
        text: &texts,
        text_at: 0,
        problem: None,
    };
    let value = T::unpack(&mut r);
    if r.at != bytes.len() || r.text_at != texts.len() {
        r.stop(Problem::Trailing);
    }
    match r.problem {
        Some(problem) => Err(problem),
        None => Ok(value),
    }
}

/// The texts as written, or the byte offset of a backslash that starts no escape.
fn unescape(escaped: &str) -> Result<String, usize> {
    let mut out = String::with_capacity(escaped.len());
    let mut chars = escaped.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some((_, '\\')) => '\\',
            Some((_, 'l')) => '<',
            Some((_, 'r')) => '\r',
            Some((_, '0')) => '\0',
            _ => return Err(i),
        });
    }
    Ok(out)
}

/// A value being written: its structure and its texts.
#[derive(Debug, Default)]
pub struct Writer {
    bytes: Vec<u8>,
    text: String,
}

impl Writer {
    /// Appends raw bytes to the structure.
    pub fn bytes(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }
}

/// What went wrong reading, and where: a byte offset in the structure's letters for
/// [`Problem::Letter`], in the escaped texts for [`Problem::Escape`], in the texts for
/// [`Problem::Utf8`], and in the decoded structure otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub at: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The bytes end in the middle of a value.
    End,
    /// A varint longer than its type allows.
    Overflow,
    /// A `bool` that is neither 0 nor 1, an `Option` whose flag is neither.
    Flag(u8),
    /// A variant number past the enum's last variant.
    Variant { tag: u32, count: usize },
    /// A string that is not UTF-8.
    Utf8,
    /// A decimal with a scale over 28.
    Decimal,
    /// A value its type rejects (a language tag, a currency code, a date).
    Invalid(&'static str),
    /// Bytes after the value.
    Trailing,
    /// A character of the structure that is not one of its letters (or no `|` after
    /// the structure).
    Letter,
    /// A backslash in the texts that starts no escape.
    Escape,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.problem {
            Problem::End => "the data ends in the middle of a value",
            Problem::Overflow => "a number is too large for its type",
            Problem::Flag(_) => "a yes/no byte is neither 0 nor 1",
            Problem::Variant { .. } => "an unknown variant",
            Problem::Utf8 => "a text is not UTF-8",
            Problem::Decimal => "a decimal has a scale over 28",
            Problem::Invalid(what) => what,
            Problem::Trailing => "bytes are left after the value",
            Problem::Letter => "a character of the structure is not one of its letters",
            Problem::Escape => "a backslash starts no escape",
        };
        write!(
            f,
            "{what} at byte {}: the page was not written by this build of tarif (rebuild the site)",
            self.at
        )
    }
}

impl std::error::Error for Error {}

/// A value being read: its structure and its texts, how far each has been read, and the
/// problem it stopped at, if any.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    text: &'a str,
    text_at: usize,
    problem: Option<Error>,
}

impl<'a> Reader<'a> {
    /// Stops reading at the current position because of `problem`: see [`Reader::stop_at`].
    pub fn stop(&mut self, problem: Problem) {
        self.stop_at(self.at, problem);
    }

    /// Stops reading because of `problem` at `at`, unless it has stopped already (the
    /// first problem is the one reported). Nothing is left to read after it: every later
    /// read gives an empty value.
    fn stop_at(&mut self, at: usize, problem: Problem) {
        if self.problem.is_none() {
            self.problem = Some(Error { at, problem });
        }
        self.at = self.bytes.len();
        self.text_at = self.text.len();
    }

    /// The next `n` bytes, or `None` (stopped) if fewer are left.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let Some(taken) = self.bytes.get(self.at..).and_then(|rest| rest.get(..n)) else {
            self.stop(Problem::End);
            return None;
        };
        self.at += n;
        Some(taken)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(b) = self.byte() else {
                return 0;
            };
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                if shift < 63 || b <= 1 {
                    return value;
                }
                break;
            }
        }
        self.stop(Problem::Overflow);
        0
    }

    /// A varint that must fit in `T` (0 and stopped if it does not).
    fn narrow<T: TryFrom<u64> + Default>(&mut self) -> T {
        let v = self.varint();
        T::try_from(v).unwrap_or_else(|_| {
            self.stop(Problem::Overflow);
            T::default()
        })
    }

    /// A length: never more than the bytes left, so a bad one cannot ask for a huge
    /// allocation (every element takes at least one byte).
    pub(crate) fn len(&mut self) -> usize {
        let n = self.varint();
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len() - self.at => n,
            _ => {
                self.stop(Problem::End);
                0
            }
        }
    }

    /// A flag byte: 0 or 1.
    fn flag(&mut self) -> bool {
        match self.byte() {
            None | Some(0) => false,
            Some(1) => true,
            Some(b) => {
                self.stop_at(self.at - 1, Problem::Flag(b));
                false
            }
        }
    }

    /// An enum's variant number, below `count`: for `#[derive(Pack)]`. A number past the
    /// last variant stops the reader and gives 0.
    pub fn variant(&mut self, count: u32) -> u32 {
        let tag = self.narrow::<u32>();
        if tag < count {
            return tag;
        }
        self.stop(Problem::Variant {
            tag,
            count: count as usize,
        });
        0
    }
}

impl Pack for u64 {
    fn pack(&self, w: &mut Writer) {
        w.varint(*self);
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        r.varint()
    }
}

impl Pack for u32 {
    fn pack(&self, w: &mut Writer) {
        w.varint(u64::from(*self));
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        r.narrow()
    }
}

impl Pack for usize {
    fn pack(&self, w: &mut Writer) {
        w.varint(*self as u64);
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        r.narrow()
    }
}

impl Pack for i64 {
    fn pack(&self, w: &mut Writer) {
        w.varint(((*self << 1) ^ (*self >> 63)) as u64);
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        let v = r.varint();
        ((v >> 1) as i64) ^ -((v & 1) as i64)
    }
}

impl Pack for bool {
    fn pack(&self, w: &mut Writer) {
        w.bytes(&[u8::from(*self)]);
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        r.flag()
    }
}

impl Pack for String {
    fn pack(&self, w: &mut Writer) {
        self.len().pack(w);
        w.text.push_str(self);
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        let n = r.varint();
        let start = r.text_at;
        let Some(end) = usize::try_from(n)
            .ok()
            .and_then(|n| start.checked_add(n))
            .filter(|&end| end <= r.text.len())
        else {
            r.stop(Problem::End);
            return String::new();
        };
        let Some(text) = r.text.get(start..end) else {
            r.stop_at(end, Problem::Utf8);
            return String::new();
        };
        r.text_at = end;
        text.to_owned()
    }
}

impl Pack for Decimal {
    fn pack(&self, w: &mut Writer) {
        w.bytes(&self.serialize());
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        let at = r.at;
        let Some(bytes) = r.take(16).and_then(|b| <[u8; 16]>::try_from(b).ok()) else {
            return Decimal::ZERO;
        };
        // The flags word: the scale in bits 16..24, the sign in bit 31, nothing else.
        let flags = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        if flags & 0x7f00_ffff != 0 || (flags >> 16) & 0xff > 28 {
            r.stop_at(at, Problem::Decimal);
            return Decimal::ZERO;
        }
        Decimal::deserialize(bytes)
    }
}

impl<T: Pack> Pack for Option<T> {
    fn pack(&self, w: &mut Writer) {
        match self {
            None => w.bytes(&[0]),
            Some(v) => {
                w.bytes(&[1]);
                v.pack(w);
            }
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        if r.flag() { Some(T::unpack(r)) } else { None }
    }
}

impl<T: Pack> Pack for Box<T> {
    fn pack(&self, w: &mut Writer) {
        (**self).pack(w);
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        Box::new(T::unpack(r))
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn pack(&self, w: &mut Writer) {
        self.len().pack(w);
        for v in self {
            v.pack(w);
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        (0..n).map(|_| T::unpack(r)).collect()
    }
}

impl<K: Pack + Ord, V: Pack> Pack for BTreeMap<K, V> {
    fn pack(&self, w: &mut Writer) {
        self.len().pack(w);
        for (k, v) in self {
            k.pack(w);
            v.pack(w);
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let k = K::unpack(r);
            map.insert(k, V::unpack(r));
        }
        map
    }
}

impl<A: Pack, B: Pack> Pack for (A, B) {
    fn pack(&self, w: &mut Writer) {
        self.0.pack(w);
        self.1.pack(w);
    }
    fn unpack(r: &mut Reader<'_>) -> Self {
        (A::unpack(r), B::unpack(r))
    }
}

/// The structure's text: one character a byte. The bytes 0–63 (most of a structure:
/// small numbers) are the ASCII letters `@` to `~`, one byte of UTF-8 each, but for the
/// three that would be `\\`, `|` and DEL, which are `½`, `¾` and `¿`; the bytes 64–255
/// are `À` to `ſ` (U+00C0–U+017F, two bytes of UTF-8). None is a character HTML's parser
/// changes, ends a `<script>` element on or JSON escapes, nor the `|` after the structure.
mod letters {
    pub fn encode(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| match b {
                0x1c => '½',
                0x3c => '¾',
                0x3f => '¿',
                0..=0x3f => char::from(0x40 + b),
                _ => char::from_u32(0x80 + u32::from(b)).unwrap_or_default(),
            })
            .collect()
    }

    /// The bytes, or the offset of the first character that is not a letter.
    pub fn decode(text: &str) -> Result<Vec<u8>, usize> {
        text.char_indices()
            .map(|(i, c)| {
                let byte = match c {
                    '½' => 0x1c,
                    '¾' => 0x3c,
                    '¿' => 0x3f,
                    '\\' | '|' => return Err(i),
                    '@'..='~' => c as u32 - 0x40,
                    'À'..='ſ' => c as u32 - 0x80,
                    _ => return Err(i),
                };
                Ok(byte as u8)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, PartialEq, Pack)]
    struct Sample {
        name: String,
        count: u32,
        days: i64,
        price: Decimal,
        note: Option<String>,
        parts: Vec<Part>,
        map: BTreeMap<String, Vec<(u32, u32)>>,
    }

    #[derive(Debug, PartialEq, Pack)]
    enum Part {
        Unit,
        Tuple(bool, Box<Part>),
        Named { id: String },
    }

    fn sample() -> Sample {
        Sample {
            name: "Диагностика".into(),
            count: 300,
            days: -14,
            price: "-25.56".parse().unwrap(),
            note: Some("€".into()),
            parts: vec![
                Part::Unit,
                Part::Tuple(true, Box::new(Part::Named { id: "x".into() })),
            ],
            map: BTreeMap::from([("гаранц".into(), vec![(0, 2), (1, 1)])]),
        }
    }

    /// The page text of a structure and (unescaped) texts.
    fn page(bytes: &[u8], texts: &str) -> String {
        format!("{}|{texts}", letters::encode(bytes))
    }

    #[test]
    fn a_value_comes_back_equal_through_its_text() {
        assert_eq!(from_text::<Sample>(&to_text(&sample())), Ok(sample()));
        // Surrounding whitespace before it (as in an indented template) is ignored.
        let text = format!("\n  {}", to_text(&sample()));
        assert_eq!(from_text::<Sample>(&text), Ok(sample()));
    }

    #[test]
    fn texts_stay_readable_and_cannot_end_a_script_element() {
        let tricky = "a\\b</script><!-- \r\0 ü".to_owned();
        let text = to_text(&tricky);
        let (_, texts) = text.split_once('|').unwrap();
        assert!(!texts.contains('<') && !texts.contains('\r') && !texts.contains('\0'));
        assert_eq!(texts, "a\\\\b\\l/script>\\l!-- \\r\\0 ü");
        assert_eq!(from_text::<String>(&text), Ok(tricky));
        // Texts are kept whole, one after the other: what compresses well.
        assert!(to_text(&sample()).ends_with("Диагностика€xгаранц"));
    }

    #[test]
    fn every_truncation_is_an_error_never_a_panic() {
        let text = to_text(&sample());
        let (structure, texts) = text.split_once('|').unwrap();
        let bytes = letters::decode(structure).unwrap();
        for n in 0..bytes.len() {
            let e = from_text::<Sample>(&page(&bytes[..n], texts)).unwrap_err();
            assert!(e.at <= n, "{e:?} for {n} bytes");
        }
        for (n, _) in texts.char_indices() {
            assert!(from_text::<Sample>(&page(&bytes, &texts[..n])).is_err());
        }
    }

    #[test]
    fn bad_input_is_named_with_its_position() {
        let problem = |bytes: &[u8], texts: &str| from_text::<Part>(&page(bytes, texts));
        // An enum variant past the last one.
        let e = problem(&[7], "").unwrap_err();
        assert_eq!(e.problem, Problem::Variant { tag: 7, count: 3 });
        // A bool that is 2.
        assert_eq!(
            problem(&[1, 2], "").unwrap_err(),
            Error {
                at: 1,
                problem: Problem::Flag(2)
            }
        );
        // A string's length that cuts a character in two.
        let e = from_text::<String>(&page(&[1], "ü")).unwrap_err();
        assert_eq!((e.at, e.problem), (1, Problem::Utf8));
        // A string longer than the texts.
        let e = from_text::<String>(&page(&[9], "abc")).unwrap_err();
        assert_eq!(e.problem, Problem::End);
        // Bytes, or texts, after the value.
        let e = from_text::<u32>(&page(&[1, 1], "")).unwrap_err();
        assert_eq!(e.problem, Problem::Trailing);
        let e = from_text::<String>(&page(&[1], "ab")).unwrap_err();
        assert_eq!(e.problem, Problem::Trailing);
        // A length longer than the data: no huge allocation, an error.
        let e = from_text::<Vec<u32>>(&page(&[0xff, 0xff, 0xff, 0xff, 0x0f], "")).unwrap_err();
        assert_eq!(e.problem, Problem::End);
        // A u32 over 2^32, a varint over 64 bits.
        let e = from_text::<u32>(&page(&[0x80, 0x80, 0x80, 0x80, 0x10], "")).unwrap_err();
        assert_eq!(e.problem, Problem::Overflow);
        let e = from_text::<u64>(&page(&[0xff; 11], "")).unwrap_err();
        assert_eq!(e.problem, Problem::Overflow);
        // A decimal with scale 29.
        let mut d = Decimal::ONE.serialize();
        d[2] = 29;
        let e = from_text::<Decimal>(&page(&d, "")).unwrap_err();
        assert_eq!(e.problem, Problem::Decimal);
        // A backslash that starts no escape, and where.
        let e = from_text::<String>(&page(&[2], "a\\x")).unwrap_err();
        assert_eq!((e.at, e.problem), (1, Problem::Escape));
        // Not a letter, and where; no `|` at all.
        let e = from_text::<u32>("AQA!|").unwrap_err();
        assert_eq!((e.at, e.problem.clone()), (3, Problem::Letter));
        let message = e.to_string();
        assert!(
            message.contains("byte 3") && message.contains("rebuild"),
            "{message}"
        );
        for bad in ["A\\|", "A\u{7f}|", "Aё|"] {
            assert_eq!(
                from_text::<u32>(bad).unwrap_err(),
                Error {
                    at: 1,
                    problem: Problem::Letter
                }
            );
        }
        assert_eq!(from_text::<u32>("AQ").unwrap_err().problem, Problem::Letter);
    }

    #[test]
    fn reading_stops_at_the_first_problem() {
        // A `Tuple` (1) whose flag is true (1) and whose boxed part has variant 9: that is
        // the problem reported, though the byte after it (a flag of 5) is bad too.
        let e = from_text::<Part>(&page(&[1, 1, 9, 5], "")).unwrap_err();
        assert_eq!(
            (e.at, e.problem),
            (3, Problem::Variant { tag: 9, count: 3 })
        );
        // Three parts promised, the second unknown: the third is not read.
        let e = from_text::<Vec<Part>>(&page(&[3, 0, 7, 2], "")).unwrap_err();
        assert_eq!(
            (e.at, e.problem),
            (3, Problem::Variant { tag: 7, count: 3 })
        );
        // A text cut in the middle of a character, then more texts: the cut is reported.
        let e = from_text::<(String, String)>(&page(&[1, 1], "üa")).unwrap_err();
        assert_eq!((e.at, e.problem), (1, Problem::Utf8));
    }

    #[test]
    fn the_structure_is_a_letter_a_byte_that_no_page_changes() {
        assert_eq!(letters::encode(&[0, 1, 0x1b, 0x1d, 0x3e]), "@A[]~");
        assert_eq!(letters::encode(&[0x1c, 0x3c, 0x3f]), "½¾¿");
        assert_eq!(letters::encode(&[0x40, 0x7f, 0x80, 0xff]), "ÀÿĀſ");
        let all: Vec<u8> = (0..=255).collect();
        let text = letters::encode(&all);
        assert_eq!(text.chars().count(), 256);
        for c in text.chars() {
            assert!(
                !c.is_control() && !c.is_whitespace() && !"<>&\"'\\|".contains(c),
                "{c:?}"
            );
        }
        assert_eq!(letters::decode(&text), Ok(all));
    }

    proptest! {
        #[test]
        fn letters_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let text = letters::encode(&bytes);
            prop_assert_eq!(text.chars().count(), bytes.len());
            prop_assert_eq!(letters::decode(&text), Ok(bytes));
        }

        #[test]
        fn integers_round_trip(a in any::<u64>(), b in any::<i64>(), c in any::<u32>()) {
            prop_assert_eq!(from_text::<(u64, i64)>(&to_text(&(a, b))), Ok((a, b)));
            prop_assert_eq!(from_text::<u32>(&to_text(&c)), Ok(c));
        }

        #[test]
        fn strings_round_trip(s in any::<String>(), t in "[\\\\<\r\0a-zé]{0,12}") {
            prop_assert_eq!(from_text::<(String, String)>(&to_text(&(s.clone(), t.clone()))), Ok((s, t)));
        }

        #[test]
        fn long_texts_round_trip(t in "[a-zé]{0,150}[\\\\<\r\0]{0,2}[a-zé]{0,150}[\\\\<]?") {
            let escaped = |b: u8| matches!(b, b'\\' | b'<' | b'\r' | 0);
            prop_assert_eq!(first_escaped(t.as_bytes()), t.bytes().position(escaped));
            prop_assert_eq!(from_text::<String>(&to_text(&t)), Ok(t));
        }

        #[test]
        fn decimals_round_trip(m in any::<i64>(), scale in 0u32..=28) {
            let d = Decimal::new(m, scale);
            prop_assert_eq!(from_text::<Decimal>(&to_text(&d)), Ok(d));
        }
    }
}
