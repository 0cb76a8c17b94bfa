//! Currencies and amounts of money. Amounts are `rust_decimal::Decimal`, never floats.

use crate::pack::Pack;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::rounding;

/// An ISO 4217 currency code such as `EUR`, `BGN` or `KZT`: three ASCII capital letters.
///
/// ```
/// use tarif_engine::money::Currency;
/// let eur: Currency = "EUR".parse().unwrap();
/// assert_eq!(eur.code(), "EUR");
/// assert!("eur".parse::<Currency>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The three-letter code.
    pub fn code(&self) -> &str {
        // Only ASCII capitals are ever stored (see `FromStr`), so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

/// Why a text is not a currency code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotACurrency(pub String);

impl fmt::Display for NotACurrency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a currency code: write three capital letters, such as EUR, BGN or KZT",
            self.0
        )
    }
}

impl Pack for Currency {
    fn pack(&self, w: &mut crate::pack::Writer) {
        w.bytes(&self.0);
    }
    fn unpack(r: &mut crate::pack::Reader<'_>) -> Self {
        let code = r
            .take(3)
            .and_then(|code| std::str::from_utf8(code).ok()?.parse().ok());
        code.unwrap_or_else(|| {
            r.stop(crate::pack::Problem::Invalid("not a currency code"));
            // ISO 4217's code for "no currency": never seen, the reader has stopped.
            Currency(*b"XXX")
        })
    }
}

impl std::str::FromStr for Currency {
    type Err = NotACurrency;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(NotACurrency(s.to_owned())),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(de::Error::custom)
    }
}

/// One amount in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Pack)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl fmt::Display for Money {
    /// `25.56 EUR`: two decimals, the code after the amount. Sites format money for their
    /// language; this form is for logs, tests and the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            rounding::to_cents_string(self.amount),
            self.currency
        )
    }
}

/// The same price or sum in each currency a list is shown in, in the list's order: the
/// first is the main currency, the others are references (EUR, then the original BGN).
///
/// Serialised as a JSON object in that order, amounts as strings with two decimals:
/// `{"EUR": "25.56", "BGN": "50.00"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Pack)]
pub struct Amounts(Vec<Money>);

impl Amounts {
    /// Amounts from `(currency, amount)` pairs, in display order.
    pub fn new(values: impl IntoIterator<Item = Money>) -> Self {
        Amounts(values.into_iter().collect())
    }

    /// Zero in each of `currencies`.
    pub fn zero(currencies: &[Currency]) -> Self {
        Amounts::new(currencies.iter().map(|&currency| Money {
            amount: Decimal::ZERO,
            currency,
        }))
    }

    /// Each amount in display order.
    pub fn iter(&self) -> impl Iterator<Item = &Money> {
        self.0.iter()
    }

    /// The amount in `currency`, if the list is shown in it.
    pub fn get(&self, currency: Currency) -> Option<Decimal> {
        self.0
            .iter()
            .find(|m| m.currency == currency)
            .map(|m| m.amount)
    }

    /// The amount in the main (first) currency.
    pub fn main(&self) -> Option<Money> {
        self.0.first().copied()
    }

    /// Each amount multiplied by `units`, rounded half-up to the cent; `None` on overflow.
    pub fn times(&self, units: Decimal) -> Option<Amounts> {
        self.map(&|amount| amount.checked_mul(units).map(rounding::half_up_to_cents))
    }

    /// The sum, currency by currency; `None` on overflow or when the currencies differ.
    pub fn plus(&self, other: &Amounts) -> Option<Amounts> {
        if self.0.len() != other.0.len() {
            return None;
        }
        let sums = self.0.iter().zip(&other.0).map(|(a, b)| {
            (a.currency == b.currency).then_some(())?;
            Some(Money {
                amount: a.amount.checked_add(b.amount)?,
                currency: a.currency,
            })
        });
        sums.collect::<Option<Vec<_>>>().map(Amounts)
    }

    /// Applies `f` to each amount, keeping the currencies; `None` if `f` fails for any.
    /// (`f` is a trait object: one copy of this loop serves every use, in the app too.)
    pub fn map(&self, f: &dyn Fn(Decimal) -> Option<Decimal>) -> Option<Amounts> {
        self.0
            .iter()
            .map(|m| {
                Some(Money {
                    amount: f(m.amount)?,
                    currency: m.currency,
                })
            })
            .collect::<Option<Vec<_>>>()
            .map(Amounts)
    }
}

impl Serialize for Amounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for m in &self.0 {
            map.serialize_entry(m.currency.code(), &rounding::to_cents_string(m.amount))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Amounts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AmountsVisitor;
        impl<'de> Visitor<'de> for AmountsVisitor {
            type Value = Amounts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    r#"an object of currency codes to decimal strings, like {"EUR": "25.56"}"#,
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Amounts, A::Error> {
                let mut values = Vec::new();
                while let Some((code, amount)) = map.next_entry::<String, String>()? {
                    let currency = code.parse().map_err(de::Error::custom)?;
                    let amount = amount.parse().map_err(de::Error::custom)?;
                    values.push(Money { amount, currency });
                }
                Ok(Amounts(values))
            }
        }
        d.deserialize_map(AmountsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(pairs: &[(&str, &str)]) -> Amounts {
        Amounts::new(pairs.iter().map(|(c, a)| Money {
            currency: c.parse().unwrap(),
            amount: a.parse().unwrap(),
        }))
    }

    #[test]
    fn amounts_serialise_in_display_order_with_two_decimals() {
        let a = amounts(&[("EUR", "25.56"), ("BGN", "50")]);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"EUR":"25.56","BGN":"50.00"}"#);
        let back: Amounts = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn sums_need_the_same_currencies_in_the_same_order() {
        let a = amounts(&[("EUR", "1"), ("BGN", "2")]);
        let b = amounts(&[("BGN", "1"), ("EUR", "2")]);
        assert_eq!(a.plus(&b), None);
        assert_eq!(a.plus(&a), Some(amounts(&[("EUR", "2"), ("BGN", "4")])));
    }

    #[test]
    fn currency_codes_are_three_capitals() {
        assert!("BGN".parse::<Currency>().is_ok());
        for bad in ["", "EU", "EURO", "eur", "ЕUR"] {
            assert!(bad.parse::<Currency>().is_err(), "{bad}");
        }
    }
}
