//! Layout's tuning: the thresholds, relative to the font size, that decide
//! word gaps, lines and blocks (pdfminer's `LAParams`), with their defaults
//! and the check that they make sense together. Only numbers live here; the
//! passes that read them are in the sibling modules.

/// Layout thresholds, all in units of the font size (ems) unless noted.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutParams {
    /// A gap between glyphs wider than this starts a new word.
    pub word_gap: f32,
    /// A gap wider than this ends a line fragment (a column gutter or a table
    /// cell boundary), even on the same baseline.
    pub max_word_gap: f32,
    /// Two glyphs whose baselines differ by less than this share a line
    /// (superscripts and subscripts stay on their line).
    pub baseline_tolerance: f32,
    /// A line joins the block above when its baseline is at most this many
    /// font sizes below the block's last baseline.
    pub max_line_spacing: f32,
    /// Glyphs with the same text closer than this are one glyph painted twice
    /// (fake bold); the copy is dropped. In points the tolerance is capped at
    /// 12 (see the `overprint` module), whatever the font size.
    pub overprint_tolerance: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            word_gap: 0.12,
            max_word_gap: 1.2,
            baseline_tolerance: 0.4,
            max_line_spacing: 1.75,
            overprint_tolerance: 0.12,
        }
    }
}

impl LayoutParams {
    /// Checks that the thresholds make sense together.
    pub fn validate(&self) -> Result<(), String> {
        let all = [
            self.word_gap,
            self.max_word_gap,
            self.baseline_tolerance,
            self.max_line_spacing,
            self.overprint_tolerance,
        ];
        if all.iter().any(|v| !v.is_finite() || *v <= 0.0) {
            return Err("layout thresholds must be positive numbers".into());
        }
        if self.word_gap >= self.max_word_gap {
            return Err("word_gap must be smaller than max_word_gap".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_validate() {
        assert!(LayoutParams::default().validate().is_ok());
        let bad = LayoutParams {
            word_gap: 2.0,
            ..LayoutParams::default()
        };
        assert!(bad.validate().is_err());
    }
}
