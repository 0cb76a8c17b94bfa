//! The app's size as a CDN serves it, and its budget: the design's 150 KB brotli for the
//! wasm and its JS glue together, a ceiling that fails the build.
//!
//! Over the ceiling, the failure names the figure and what the code is made of: each
//! crate's share of the function bodies in rustc's output (before wasm-bindgen and
//! wasm-opt, whose output keeps no names), read from the module's `name` section.

use std::collections::BTreeMap;
use std::fmt;

/// The budget for the WASM app and its JS glue, brotli-compressed: a hard ceiling.
pub const BUDGET: usize = 150 * 1024;

/// A file's size raw, gzip -9 and brotli 11: as a static host or CDN would serve it.
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Sizes {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let gzip = gz
            .write_all(bytes)
            .and_then(|_| gz.finish())
            .map_or(0, |v| v.len());
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        let brotli =
            brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).map_or(0, |_| br.len());
        Sizes {
            raw: bytes.len(),
            gzip,
            brotli,
        }
    }

    pub fn plus(&self, other: &Sizes) -> Sizes {
        Sizes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

fn kb(n: usize) -> usize {
    n.div_ceil(1024)
}

impl fmt::Display for Sizes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} KB raw, {} KB gzip, {} KB brotli",
            kb(self.raw),
            kb(self.gzip),
            kb(self.brotli)
        )
    }
}

/// One crate's part of a module's code: bytes of function bodies, and how many functions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributor {
    pub name: String,
    pub bytes: usize,
    pub functions: usize,
}

/// Ok within the budget; over it, an error with the figure, the ceiling and the top
/// contributors (at most `top` of them, largest first).
pub fn check_budget(total: &Sizes, contributors: &[Contributor], top: usize) -> Result<(), String> {
    if total.brotli <= BUDGET {
        return Ok(());
    }
    let mut message = format!(
        "the app is {} KB brotli (wasm + JS), over its budget of {} KB by {} KB ({} bytes)",
        kb(total.brotli),
        BUDGET / 1024,
        kb(total.brotli - BUDGET),
        total.brotli - BUDGET
    );
    if contributors.is_empty() {
        message.push_str("\n  (no names in the module to say what the code is made of)");
    } else {
        let all: usize = contributors.iter().map(|c| c.bytes).sum();
        message.push_str("\n  the largest parts of its code (function bodies before wasm-opt):");
        for c in contributors.iter().take(top) {
            message.push_str(&format!(
                "\n  {:>6.1} %  {:>5} KB  {:>5} functions  {}",
                c.bytes as f64 * 100.0 / all.max(1) as f64,
                kb(c.bytes),
                c.functions,
                c.name
            ));
        }
    }
    message.push_str("\n  see bench/app-size.md for what was done before to stay under it");
    Err(message)
}

/// Each crate's share of a wasm module's function bodies, largest first. Needs the
/// module's `name` section (rustc writes one unless told to strip); without it, empty.
pub fn contributors(wasm: &[u8]) -> Result<Vec<Contributor>, String> {
    let module = Module::read(wasm)?;
    let mut by_crate: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (index, size) in module.bodies.iter().enumerate() {
        let function = module.imported + index as u32;
        let name = module
            .names
            .get(&function)
            .map_or("(unnamed)".to_owned(), |n| crate_of(n));
        let entry = by_crate.entry(name).or_default();
        entry.0 += size;
        entry.1 += 1;
    }
    if module.names.is_empty() {
        return Ok(Vec::new());
    }
    let mut all: Vec<Contributor> = by_crate
        .into_iter()
        .map(|(name, (bytes, functions))| Contributor {
            name,
            bytes,
            functions,
        })
        .collect();
    all.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
    Ok(all)
}

/// The crate a symbol belongs to: the first path segment of a demangled name, or of a
/// legacy-mangled one (`_ZN12tarif_engine5quote…E`). For `<T as Trait>::f`, the type's
/// crate.
fn crate_of(symbol: &str) -> String {
    if let Some(krate) = v0_crate(symbol) {
        return krate;
    }
    let path = legacy_demangle(symbol).unwrap_or_else(|| symbol.to_owned());
    let path = path.trim_start_matches(['<', '&', '*', '(', '[', ' ']);
    let path = path.strip_prefix("mut ").unwrap_or(path);
    let path = path.strip_prefix("dyn ").unwrap_or(path);
    let end = path
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(path.len());
    match &path[..end] {
        "" => symbol.chars().take(40).collect(),
        first => first.to_owned(),
    }
}

/// The first crate root of a v0-mangled symbol (`_RNvNtCs1a_9tarif_app4page4boot`):
/// a `C` that is not a namespace tag (those follow an `N`), an optional disambiguator
/// `s<base62>_`, then the length-prefixed crate name.
fn v0_crate(symbol: &str) -> Option<String> {
    let rest = symbol.strip_prefix("_R")?;
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'C' || (i > 0 && bytes[i - 1] == b'N') {
            continue;
        }
        let mut after = &rest[i + 1..];
        if let Some(d) = after.strip_prefix('s') {
            let end = d.find('_')?;
            if !d[..end].bytes().all(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            after = &d[end + 1..];
        }
        let digits = after.find(|c: char| !c.is_ascii_digit())?;
        if digits == 0 {
            continue;
        }
        let len: usize = after[..digits].parse().ok()?;
        if let Some(name) = after.get(digits..digits + len) {
            return Some(name.trim_start_matches('_').to_owned());
        }
    }
    None
}

/// `_ZN` (length-prefixed segments) `E`, with `$LT$`-style escapes: the path joined by
/// `::`, the trailing hash segment dropped. None for anything else.
fn legacy_demangle(symbol: &str) -> Option<String> {
    let mut rest = symbol.strip_prefix("_ZN")?;
    let mut segments = Vec::new();
    while !rest.starts_with('E') {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let len: usize = rest[..digits].parse().ok()?;
        let segment = rest.get(digits..digits + len)?;
        // A segment that starts with an escape is written with a `_` before it.
        segments.push(
            segment
                .strip_prefix("_$")
                .map_or(segment, |_| &segment[1..]),
        );
        rest = &rest[digits + len..];
    }
    if segments
        .last()
        .is_some_and(|s| s.len() == 17 && s.starts_with('h'))
    {
        segments.pop();
    }
    let joined = segments.join("::");
    let mut out = String::new();
    let mut s = joined.as_str();
    while let Some(start) = s.find('$') {
        out.push_str(&s[..start]);
        let after = &s[start + 1..];
        let Some(end) = after.find('$') else {
            out.push_str(&s[start..]);
            s = "";
            break;
        };
        out.push_str(match &after[..end] {
            "LT" => "<",
            "GT" => ">",
            "RF" => "&",
            "BP" => "*",
            "LP" => "(",
            "RP" => ")",
            "C" => ",",
            "SP" => "@",
            "u20" => " ",
            "u7b" => "{",
            "u7d" => "}",
            "u5b" => "[",
            "u5d" => "]",
            "u27" => "'",
            _ => "?",
        });
        s = &after[end + 1..];
    }
    out.push_str(s);
    Some(out.replace("..", "::"))
}

/// What the budget's report needs of a wasm module: the size of each function body, how
/// many functions are imported (they come first in the function index space), and the
/// `name` section's function names.
struct Module {
    imported: u32,
    bodies: Vec<usize>,
    names: BTreeMap<u32, String>,
}

impl Module {
    fn read(bytes: &[u8]) -> Result<Module, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != b"\0asm" {
            return Err("not a wasm module (no \\0asm magic)".into());
        }
        r.take(4)?; // version
        let mut module = Module {
            imported: 0,
            bodies: Vec::new(),
            names: BTreeMap::new(),
        };
        while r.at < bytes.len() {
            let id = r.byte()?;
            let len = r.leb()? as usize;
            let mut section = Reader {
                bytes: r.take(len)?,
                at: 0,
            };
            match id {
                0 => {
                    let name_len = section.leb()? as usize;
                    if section.take(name_len)? == b"name" {
                        module.names = function_names(&mut section)?;
                    }
                }
                2 => module.imported = imported_functions(&mut section)?,
                10 => {
                    for _ in 0..section.leb()? {
                        let size = section.leb()? as usize;
                        section.take(size)?;
                        module.bodies.push(size);
                    }
                }
                _ => {}
            }
        }
        Ok(module)
    }
}

fn imported_functions(r: &mut Reader<'_>) -> Result<u32, String> {
    let mut functions = 0;
    for _ in 0..r.leb()? {
        for _ in 0..2 {
            let len = r.leb()? as usize; // module, then field name
            r.take(len)?;
        }
        match r.byte()? {
            0 => {
                r.leb()?; // type index
                functions += 1;
            }
            1 => {
                r.byte()?; // reference type
                limits(r)?;
            }
            2 => limits(r)?,
            3 => {
                r.byte()?; // value type
                r.byte()?; // mutability
            }
            4 => {
                r.byte()?; // tag attribute
                r.leb()?;
            }
            kind => return Err(format!("unknown import kind {kind}")),
        }
    }
    Ok(functions)
}

fn limits(r: &mut Reader<'_>) -> Result<(), String> {
    let flags = r.byte()?;
    r.leb()?;
    if flags & 1 == 1 {
        r.leb()?;
    }
    Ok(())
}

/// Subsection 1 of the `name` section: function index → name.
fn function_names(r: &mut Reader<'_>) -> Result<BTreeMap<u32, String>, String> {
    let mut names = BTreeMap::new();
    while r.at < r.bytes.len() {
        let id = r.byte()?;
        let len = r.leb()? as usize;
        let mut sub = Reader {
            bytes: r.take(len)?,
            at: 0,
        };
        if id != 1 {
            continue;
        }
        for _ in 0..sub.leb()? {
            let index = sub.leb()? as u32;
            let len = sub.leb()? as usize;
            let name = String::from_utf8_lossy(sub.take(len)?).into_owned();
            names.insert(index, name);
        }
    }
    Ok(names)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or("the wasm module ends early")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn leb(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a LEB128 number longer than 64 bits".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leb(mut n: usize, out: &mut Vec<u8>) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    fn section(id: u8, body: &[u8], out: &mut Vec<u8>) {
        out.push(id);
        leb(body.len(), out);
        out.extend_from_slice(body);
    }

    /// A module with one imported function and three bodies of 200, 100 and 40 bytes,
    /// named after two crates (one legacy-mangled, one demangled).
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // import section: one function import "env" "f" type 0
        let mut imports = vec![1];
        for s in ["env", "f"] {
            leb(s.len(), &mut imports);
            imports.extend_from_slice(s.as_bytes());
        }
        imports.extend([0, 0]);
        section(2, &imports, &mut m);
        let mut code = vec![3];
        for size in [200, 100, 40] {
            leb(size, &mut code);
            code.extend(std::iter::repeat_n(0u8, size));
        }
        section(10, &code, &mut m);
        let mut names = Vec::new();
        leb(4, &mut names);
        names.extend_from_slice(b"name");
        let mut sub = vec![3];
        for (i, n) in [
            (1usize, "_ZN12tarif_engine5quote5quote17h0123456789abcdefE"),
            (2, "leptos::mount::mount_to::h0123"),
            (
                3,
                "_ZN65_$LT$tarif_engine..money..Money$u20$as$u20$core..fmt..Display$GT$3fmt17h0123456789abcdefE",
            ),
        ] {
            leb(i, &mut sub);
            leb(n.len(), &mut sub);
            sub.extend_from_slice(n.as_bytes());
        }
        names.push(1);
        leb(sub.len(), &mut names);
        names.extend(sub);
        section(0, &names, &mut m);
        m
    }

    #[test]
    fn contributors_are_crates_by_their_code_largest_first() {
        let all = contributors(&module()).unwrap();
        assert_eq!(
            all,
            vec![
                Contributor {
                    name: "tarif_engine".into(),
                    bytes: 240,
                    functions: 2
                },
                Contributor {
                    name: "leptos".into(),
                    bytes: 100,
                    functions: 1
                },
            ]
        );
    }

    #[test]
    fn a_module_without_names_has_no_contributors_and_bad_bytes_are_an_error() {
        assert_eq!(contributors(b"\0asm\x01\0\0\0").unwrap(), vec![]);
        assert!(contributors(b"PK\x03\x04").is_err());
        let mut cut = module();
        cut.truncate(cut.len() - 3);
        assert!(contributors(&cut).is_err());
    }

    #[test]
    fn demangles_legacy_symbols() {
        assert_eq!(
            legacy_demangle("_ZN4core3fmt5write17h0123456789abcdefE").as_deref(),
            Some("core::fmt::write")
        );
        assert_eq!(
            crate_of("<alloc::vec::Vec<T> as core::ops::Drop>::drop"),
            "alloc"
        );
        assert_eq!(crate_of("plain"), "plain");
        assert_eq!(
            crate_of("_RNvNtCsfKyCOTgNS8f_9tarif_app10calculator22___component_calculator"),
            "tarif_app"
        );
        assert_eq!(
            crate_of("_RNCNvXs_NtNtCsduV2rRAWaI3_12wasm_bindgen7convert8closures"),
            "wasm_bindgen"
        );
        assert_eq!(
            crate_of("_RNvNtCslNjdgpTT4QF_12tarif_engine5quote5quote"),
            "tarif_engine"
        );
    }

    #[test]
    fn within_the_budget_passes() {
        let at = Sizes {
            raw: 450 * 1024,
            gzip: 180 * 1024,
            brotli: BUDGET,
        };
        assert_eq!(check_budget(&at, &[], 5), Ok(()));
    }

    #[test]
    fn over_the_budget_fails_with_the_figure_and_the_top_contributors() {
        let over = Sizes {
            raw: 460 * 1024,
            gzip: 190 * 1024,
            brotli: BUDGET + 1024 + 1,
        };
        let parts = contributors(&module()).unwrap();
        let error = check_budget(&over, &parts, 1).unwrap_err();
        assert!(
            error.contains(
                "152 KB brotli (wasm + JS), over its budget of 150 KB by 2 KB (1025 bytes)"
            ),
            "{error}"
        );
        assert!(
            error.contains("70.6 %") && error.contains("tarif_engine"),
            "{error}"
        );
        assert!(
            !error.contains("leptos"),
            "only the top one was asked for: {error}"
        );
    }
}
