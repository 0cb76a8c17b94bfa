//! Every rounding rule of tarif, in one place.
//!
//! Money is rounded **half-up to the cent** (0.005 → 0.01, −0.005 → −0.01): that is how
//! prices are converted between currencies and how the VAT part of a gross amount is
//! found. Nothing else in tarif rounds money.
//!
//! `rust_decimal`'s `round_dp` rounds half-to-even (banker's rounding), which would turn
//! 0.125 into 0.12; it must not be used for money. Every function here names its
//! strategy explicitly.

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places of every money amount tarif computes.
pub const CENTS: u32 = 2;

/// Rounds half-up (away from zero at the midpoint) to whole cents.
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::rounding::half_up_to_cents;
/// assert_eq!(half_up_to_cents(Decimal::new(125, 3)), Decimal::new(13, 2)); // 0.125 → 0.13
/// ```
pub fn half_up_to_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(CENTS, RoundingStrategy::MidpointAwayFromZero)
}

/// Converts an amount written in one currency into another, given how many units of the
/// written currency one unit of the shown currency is worth (1 EUR = 1.95583 BGN: `rate`
/// is 1.95583). Divides by the full rate, then rounds half-up to the cent.
///
/// Returns `None` when the rate is not positive or the division overflows.
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::rounding::convert;
/// let rate = Decimal::new(195583, 5);
/// assert_eq!(convert(Decimal::from(50), rate), Some(Decimal::new(2556, 2))); // 50 лв = 25.56 €
/// ```
pub fn convert(amount: Decimal, rate: Decimal) -> Option<Decimal> {
    if rate <= Decimal::ZERO {
        return None;
    }
    amount.checked_div(rate).map(half_up_to_cents)
}

/// The VAT contained in a gross (VAT-included) amount: `gross × rate / (100 + rate)`,
/// half-up to the cent. `rate` is a percentage (20 for 20 %).
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::rounding::vat_part_of_gross;
/// assert_eq!(vat_part_of_gross(Decimal::from(60), Decimal::from(20)), Some(Decimal::from(10)));
/// ```
pub fn vat_part_of_gross(gross: Decimal, rate: Decimal) -> Option<Decimal> {
    let divisor = Decimal::ONE_HUNDRED.checked_add(rate)?;
    if divisor <= Decimal::ZERO {
        return None;
    }
    gross
        .checked_mul(rate)?
        .checked_div(divisor)
        .map(half_up_to_cents)
}

/// The VAT to add on top of a net amount: `net × rate / 100`, half-up to the cent.
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::rounding::vat_on_net;
/// assert_eq!(vat_on_net(Decimal::new(1005, 2), Decimal::from(20)), Some(Decimal::new(201, 2)));
/// ```
pub fn vat_on_net(net: Decimal, rate: Decimal) -> Option<Decimal> {
    net.checked_mul(rate)?
        .checked_div(Decimal::ONE_HUNDRED)
        .map(half_up_to_cents)
}

/// Writes an amount with exactly two decimals (`50` → `"50.00"`), rounding half-up first
/// so that an amount with more places is never shown banker-rounded.
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::rounding::to_cents_string;
/// assert_eq!(to_cents_string(Decimal::from(50)), "50.00");
/// ```
pub fn to_cents_string(amount: Decimal) -> String {
    let mut cents = half_up_to_cents(amount);
    cents.rescale(CENTS);
    cents.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn midpoints_round_up_not_to_even() {
        assert_eq!(half_up_to_cents(d("0.125")), d("0.13"));
        assert_eq!(half_up_to_cents(d("0.135")), d("0.14"));
        assert_eq!(half_up_to_cents(d("2.665")), d("2.67"));
        assert_eq!(half_up_to_cents(d("-0.125")), d("-0.13"));
        assert_eq!(half_up_to_cents(d("0.1249999")), d("0.12"));
    }

    #[test]
    fn bgn_to_eur_at_the_fixed_rate() {
        let rate = d("1.95583");
        assert_eq!(convert(d("50"), rate), Some(d("25.56")));
        assert_eq!(convert(d("60"), rate), Some(d("30.68")));
        assert_eq!(convert(d("70"), rate), Some(d("35.79")));
        assert_eq!(convert(d("160"), rate), Some(d("81.81")));
        assert_eq!(convert(d("1.95583"), rate), Some(d("1.00")));
    }

    #[test]
    fn a_rate_that_is_not_positive_converts_nothing() {
        assert_eq!(convert(d("50"), Decimal::ZERO), None);
        assert_eq!(convert(d("50"), d("-1")), None);
    }

    #[test]
    fn amounts_are_written_with_two_decimals() {
        assert_eq!(to_cents_string(d("50")), "50.00");
        assert_eq!(to_cents_string(d("25.5")), "25.50");
        assert_eq!(to_cents_string(d("0.125")), "0.13");
        assert_eq!(to_cents_string(d("-3")), "-3.00");
    }

    #[test]
    fn vat_part_of_twenty_percent_prices() {
        let rate = d("20");
        assert_eq!(vat_part_of_gross(d("60"), rate), Some(d("10")));
        assert_eq!(vat_part_of_gross(d("25.56"), rate), Some(d("4.26")));
        assert_eq!(vat_part_of_gross(d("0"), rate), Some(d("0")));
        assert_eq!(vat_part_of_gross(d("60"), d("-100")), None);
    }
}
