//! Brand colours from `site.toml`, and the WCAG contrast check they must pass: the accent
//! colours are used for links and text, so they are held to the AA ratio for text.

use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour([u8; 3]);

/// WCAG 2.2 AA, normal text.
pub const MIN_CONTRAST: f64 = 4.5;
/// The theme's page backgrounds (see `theme/style.css`).
pub const LIGHT_BACKGROUND: Colour = Colour([0xff, 0xff, 0xff]);
pub const DARK_BACKGROUND: Colour = Colour([0x16, 0x18, 0x1d]);
pub const DEFAULT_ACCENT: Colour = Colour([0x0b, 0x53, 0x94]);
pub const DEFAULT_ACCENT_DARK: Colour = Colour([0x8a, 0xb4, 0xf8]);

impl Colour {
    /// `#rrggbb` or `#rgb`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        if !hex.is_ascii() {
            return None;
        }
        match hex.len() {
            6 => Some(Colour([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?])),
            3 => Some(Colour([
                digit(0, 1)? * 17,
                digit(1, 1)? * 17,
                digit(2, 1)? * 17,
            ])),
            _ => None,
        }
    }

    /// The WCAG contrast ratio, from 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_on_white_is_21_to_1_and_the_defaults_pass_aa() {
        let black = Colour::parse("#000").unwrap();
        assert!((black.contrast(LIGHT_BACKGROUND) - 21.0).abs() < 1e-9);
        assert!(DEFAULT_ACCENT.contrast(LIGHT_BACKGROUND) >= MIN_CONTRAST);
        assert!(DEFAULT_ACCENT_DARK.contrast(DARK_BACKGROUND) >= MIN_CONTRAST);
        assert!(Colour::parse("#ffff00").unwrap().contrast(LIGHT_BACKGROUND) < MIN_CONTRAST);
    }

    #[test]
    fn only_hex_colours_parse() {
        for bad in ["red", "#12345", "#ggg", "123456", "#ёёё"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
        assert_eq!(Colour::parse("#0B5394").unwrap().to_string(), "#0b5394");
    }
}
