//! Money: exact integer amounts in a currency's minor units (yen, won, cents).
//!
//! Never a float. Formatting for people lives here too, so every face prints amounts alike.

#![warn(clippy::arithmetic_side_effects)]

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// An amount of money in the currency's minor units (1 yen, 1 won, 1 cent).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

/// The largest price a sheet may write for one item, in minor units: 10,000,000,000
/// (¥10 billion, ₩10 billion, $100 million). No clinic comes near it, and with it no course
/// of the planner's size can overflow; arithmetic is checked all the same.
pub const MAX_PRICE: i64 = 10_000_000_000;

/// A sum of money too large to hold: the computation stops instead of printing a wrong
/// total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the amounts are too large to add up exactly; check the prices on the price sheet")]
pub struct Overflow;

impl Money {
    /// Zero in any currency.
    pub const ZERO: Money = Money(0);

    /// `self × n`, for a price times a quantity; an error when it does not fit.
    pub fn times(self, n: u64) -> Result<Money, Overflow> {
        i64::try_from(n)
            .ok()
            .and_then(|n| self.0.checked_mul(n))
            .map(Money)
            .ok_or(Overflow)
    }

    /// `self + other`; an error when it does not fit.
    pub fn plus(self, other: Money) -> Result<Money, Overflow> {
        self.0.checked_add(other.0).map(Money).ok_or(Overflow)
    }

    /// `self − other`; an error when it does not fit.
    pub fn minus(self, other: Money) -> Result<Money, Overflow> {
        self.0.checked_sub(other.0).map(Money).ok_or(Overflow)
    }

    /// The sum of `amounts`; an error when it does not fit. (There is deliberately no `+`
    /// and no `Sum` for `Money`: every addition is checked.)
    pub fn sum(amounts: impl IntoIterator<Item = Money>) -> Result<Money, Overflow> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.plus(m))
    }
}

/// A currency as a price sheet declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Currency {
    /// ISO 4217 code, e.g. `JPY`, `KRW`.
    pub code: String,
    /// Digits after the decimal point (0 for JPY and KRW, 2 for USD).
    pub minor_units: u8,
    /// Symbol printed before the amount, e.g. `¥`, `₩`, `$`.
    pub symbol: String,
}

impl Currency {
    /// The currencies the planner knows without being told their minor units and symbol.
    pub fn known(code: &str) -> Option<Currency> {
        let (minor_units, symbol) = match code {
            "JPY" => (0, "¥"),
            "KRW" => (0, "₩"),
            "USD" => (2, "$"),
            "EUR" => (2, "€"),
            "GBP" => (2, "£"),
            "TWD" => (0, "NT$"),
            "CNY" => (2, "¥"),
            "THB" => (2, "฿"),
            "SGD" => (2, "S$"),
            "HKD" => (2, "HK$"),
            "AUD" => (2, "A$"),
            _ => return None,
        };
        Some(Currency {
            code: code.to_string(),
            minor_units,
            symbol: symbol.to_string(),
        })
    }

    /// The amount as a person reads it: `3,850円` in Japanese for yen, `¥3,850` otherwise,
    /// `₩33,000`, `$12.50`.
    pub fn format(&self, amount: Money, lang: Lang) -> String {
        let negative = amount.0 < 0;
        let abs = amount.0.unsigned_abs();
        let number = group_thousands(abs, self.minor_units);
        let sign = if negative { "-" } else { "" };
        match (self.code.as_str(), lang) {
            ("JPY", Lang::Ja) => format!("{sign}{number}円"),
            ("KRW", Lang::Ko) => format!("{sign}{number}원"),
            _ => format!("{sign}{}{number}", self.symbol),
        }
    }

    /// A range of amounts as a person reads it: `¥18,854 – ¥31,394`, `18,854円～31,394円`;
    /// one amount when both ends are equal.
    pub fn format_range(&self, low: Money, high: Money, lang: Lang) -> String {
        if low == high {
            return self.format(low, lang);
        }
        lang.tr_args(
            "money-range",
            &[
                ("low", crate::i18n::Arg::Str(self.format(low, lang))),
                ("high", crate::i18n::Arg::Str(self.format(high, lang))),
            ],
        )
    }

    /// The bare number with grouping, no symbol (for table cells under a currency heading).
    pub fn format_number(&self, amount: Money) -> String {
        let sign = if amount.0 < 0 { "-" } else { "" };
        format!(
            "{sign}{}",
            group_thousands(amount.0.unsigned_abs(), self.minor_units)
        )
    }
}

/// A whole number with thousands separators: `14400` → `14,400`.
pub fn group_digits(n: u64) -> String {
    group_thousands(n, 0)
}

fn group_thousands(abs: u64, minor_units: u8) -> String {
    // A sheet allows 0 to 4 minor units; a scale past u64 (20 or more) leaves it all minor.
    let scale = 10u64
        .checked_pow(u32::from(minor_units))
        .unwrap_or(u64::MAX);
    #[expect(
        clippy::arithmetic_side_effects,
        reason = "scale is a power of ten, at least 1: u64 division and remainder cannot fail"
    )]
    let (major, minor) = (abs / scale, abs % scale);
    // Digits from the right, a comma before every third, then turned around.
    let mut reversed = String::new();
    for (i, ch) in major.to_string().chars().rev().enumerate() {
        if i > 0 && i.is_multiple_of(3) {
            reversed.push(',');
        }
        reversed.push(ch);
    }
    let mut out: String = reversed.chars().rev().collect();
    if minor_units > 0 {
        out.push('.');
        out.push_str(&format!(
            "{minor:0width$}",
            width = usize::from(minor_units)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(Money(2).times(3), Ok(Money(6)));
        assert_eq!(Money(i64::MAX).times(2), Err(Overflow));
        assert_eq!(Money(1).times(u64::MAX), Err(Overflow));
        assert_eq!(Money(i64::MAX).plus(Money(1)), Err(Overflow));
        assert_eq!(Money::sum([Money(1), Money(2)]), Ok(Money(3)));
        assert_eq!(
            Money::sum([Money(4_611_686_018_427_387_904); 2]),
            Err(Overflow)
        );
        assert_eq!(Money(1).minus(Money(3)), Ok(Money(-2)));
    }

    #[test]
    fn formats_yen_won_and_cents() {
        let jpy = Currency::known("JPY").unwrap();
        assert_eq!(jpy.format(Money(3850), Lang::Ja), "3,850円");
        assert_eq!(jpy.format(Money(3850), Lang::En), "¥3,850");
        assert_eq!(jpy.format(Money(1_234_567), Lang::En), "¥1,234,567");
        assert_eq!(jpy.format(Money(0), Lang::En), "¥0");
        assert_eq!(jpy.format(Money(999), Lang::En), "¥999");
        let krw = Currency::known("KRW").unwrap();
        assert_eq!(krw.format(Money(33000), Lang::En), "₩33,000");
        assert_eq!(krw.format(Money(33000), Lang::Ko), "33,000원");
        let usd = Currency::known("USD").unwrap();
        assert_eq!(usd.format(Money(1250), Lang::En), "$12.50");
        assert_eq!(usd.format(Money(-5), Lang::En), "-$0.05");
        assert_eq!(usd.format(Money(123_456_789), Lang::En), "$1,234,567.89");
    }
}
