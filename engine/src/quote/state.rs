//! A quote request as a short, readable URL value, so that a sales person can send a link
//! that reopens the same quote: `laptop-diagnostics,data-backup:250,onsite-visit:2h30m,express`.
//!
//! Items are separated by `,`; an item's quantity follows a `:` as it was typed (`2`,
//! `250GB`, `2h30m`), except that a decimal comma is written as a point (`2,5` → `2.5`:
//! the quantity reader takes both alike), so a comma always separates items. Ids never
//! contain `,` or `:`.

use super::Requested;

/// Writes `requested` as a URL value (still to be percent-encoded by the caller where
/// needed: it only ever contains id characters, digits, `.`, `,`, `:` and letters of units).
///
/// ```
/// use tarif_engine::quote::{state, Requested};
/// let r = vec![Requested::parse("data-backup=250"), Requested::parse("express")];
/// assert_eq!(state::write(&r), "data-backup:250,express");
/// assert_eq!(state::read("data-backup:250,express"), r);
/// ```
pub fn write(requested: &[Requested]) -> String {
    let parts: Vec<String> = requested
        .iter()
        .map(|r| match &r.quantity {
            Some(q) => format!("{}:{}", r.item, q.trim().replace(',', ".")),
            None => r.item.clone(),
        })
        .collect();
    parts.join(",")
}

/// Reads a URL value back into requests. Empty parts are skipped; what cannot be an item
/// is kept as typed, so that quoting it reports the problem by name.
pub fn read(value: &str) -> Vec<Requested> {
    value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once(':') {
            Some((item, q)) => Requested {
                item: item.trim().to_owned(),
                quantity: Some(q.trim().to_owned()),
            },
            None => Requested {
                item: p.to_owned(),
                quantity: None,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind_of_quantity() {
        let typed = [
            "laptop-diagnostics=2",
            "data-backup=1.5TB",
            "onsite-visit=2h30m",
            "express",
            "grigs-assembly",
        ];
        let r: Vec<Requested> = typed.iter().map(|t| Requested::parse(t)).collect();
        let value = write(&r);
        assert_eq!(
            value,
            "laptop-diagnostics:2,data-backup:1.5TB,onsite-visit:2h30m,express,grigs-assembly"
        );
        assert_eq!(read(&value), r);
    }

    #[test]
    fn a_decimal_comma_is_written_as_a_point_so_it_never_splits_the_order() {
        let r = vec![
            Requested::parse("onsite-visit=2,5"),
            Requested::parse("data-backup=1,5 TB"),
            Requested::parse("express"),
        ];
        let value = write(&r);
        assert_eq!(value, "onsite-visit:2.5,data-backup:1.5 TB,express");
        let back = read(&value);
        assert_eq!(back.len(), 3);
        assert_eq!(back[0].quantity.as_deref(), Some("2.5"));
    }

    #[test]
    fn junk_is_kept_for_the_quote_to_report() {
        assert_eq!(read(""), vec![]);
        assert_eq!(read(",,"), vec![]);
        let r = read("x:1:2,<script>");
        assert_eq!(
            r[0],
            Requested {
                item: "x".into(),
                quantity: Some("1:2".into())
            }
        );
        assert_eq!(r[1].item, "<script>");
    }
}
