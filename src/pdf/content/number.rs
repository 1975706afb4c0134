//! Numbers in content streams, read as lopdf reads them: integers as `i64`,
//! reals as `f32`, with an exact fast path for the common short decimals.

/// Digits beyond this many may overflow an `i64`: such numbers go to the
/// general readers, shorter ones are accumulated as they are scanned.
pub(super) const MAX_FAST_DIGITS: usize = 18;

/// The number `mantissa / 10^decimals` (negated when `negative`) as the
/// nearest `f32` (widened), without the general parser: Clinger's fast path,
/// taken in two steps. When `mantissa < 2^53` and there are at most 22
/// decimals, `mantissa` and `10^decimals` are exact in `f64`, so one division
/// gives the `f64` nearest the true value; rounding that to `f32` is then
/// correct unless it fell exactly halfway between two `f32`s, where the
/// general parser decides (`None`). Nearly every content-stream number
/// qualifies, and the result is the same as `str::parse::<f32>`.
pub(super) fn fast_decimal(negative: bool, mantissa: u64, decimals: usize) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if mantissa >= 1 << 53 {
        return None;
    }
    let wide = mantissa as f64 / *POW10.get(decimals)?;
    // Exactly halfway between two f32s (the low 29 of the 52 mantissa bits
    // are 1000...0): rounding twice could differ from rounding once.
    if wide.to_bits() & ((1 << 29) - 1) == 1 << 28 {
        return None;
    }
    let value = wide as f32;
    Some(f64::from(if negative { -value } else { value }))
}

/// An integer as lopdf reads it: an `i64`, negated as an integer (so "-0"
/// is 0, not -0.0); too large for an `i64` (lopdf stops reading there), not
/// finite, so no operator takes it as a number.
pub(super) fn parse_integer(text: &[u8]) -> f64 {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let value = digits.iter().try_fold(0i64, |v, &d| {
        v.checked_mul(10)?.checked_add(i64::from(d - b'0'))
    });
    match value {
        Some(v) if negative => (-v) as f64,
        Some(v) => v as f64,
        None => f64::INFINITY,
    }
}

pub(super) fn parse_real(text: &[u8]) -> f64 {
    std::str::from_utf8(text)
        .ok()
        .and_then(|s| s.parse::<f32>().ok())
        .map_or(f64::NAN, f64::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole decimal through [`fast_decimal`].
    fn fast_real(text: &[u8]) -> Option<f64> {
        let (negative, body) = match text.split_first()? {
            (b'-', rest) => (true, rest),
            (b'+', rest) => (false, rest),
            _ => (false, text),
        };
        let mut mantissa: u64 = 0;
        let mut decimals: Option<usize> = None;
        for &c in body {
            match c {
                b'0'..=b'9' => {
                    mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
                    if let Some(d) = decimals.as_mut() {
                        *d += 1;
                    }
                }
                b'.' if decimals.is_none() => decimals = Some(0),
                _ => return None,
            }
        }
        fast_decimal(negative, mantissa, decimals.unwrap_or(0))
    }

    #[test]
    fn fast_reals_equal_the_general_parser() {
        let mut state = 7u64;
        for i in 0..200_000u32 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            let digits = match i % 4 {
                0 => (state >> 40) % 100_000_000,
                1 => (state >> 11) % 10_000_000_000_000_000,
                2 => ((state >> 20) % 16_777_216) * 2 + 1,
                _ => state >> 12,
            };
            let decimals = (state >> 20) as usize % 24;
            let mut text = digits.to_string();
            if decimals >= text.len() {
                text = format!("{}{}", "0".repeat(decimals - text.len() + 1), text);
            }
            text.insert(text.len() - decimals, '.');
            if i % 3 == 0 {
                text.insert(0, '-');
            }
            let expected = f64::from(text.parse::<f32>().unwrap());
            if let Some(fast) = fast_real(text.as_bytes()) {
                assert_eq!(fast.to_bits(), expected.to_bits(), "{text}");
            }
            assert_eq!(parse_real(text.as_bytes()).to_bits(), expected.to_bits());
        }
        assert_eq!(
            fast_real(b"-0.0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(fast_real(b".5"), Some(0.5));
        assert_eq!(fast_real(b"5."), Some(5.0));
        // Halfway cases: 2^24 + 1 lies exactly between two f32s.
        assert_eq!(fast_real(b"16777217"), None);
        assert_eq!(parse_real(b"16777217"), 16777216.0);
    }
}
