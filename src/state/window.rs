//! The visible window of a virtualised table: which rows a scroll position shows (with a few
//! extra rows above and below so fast scrolling never shows a gap), how tall the scroll area is
//! and where the rendered rows go. Pure arithmetic, tested natively.
//!
//! Browsers cap an element's height (about 33 million pixels in Chromium), less than a million
//! rows need; past [`MAX_HEIGHT`] the scroll area keeps that height and scroll positions map
//! proportionally onto the rows, so the last row stays reachable.

use std::ops::Range;

/// The height of every table row, in CSS pixels (the stylesheet uses the same value).
pub const ROW_HEIGHT: u32 = 36;

/// Rows rendered beyond each edge of the viewport.
pub const OVERSCAN: usize = 8;

/// The tallest scroll area the table makes, in CSS pixels.
pub const MAX_HEIGHT: u64 = 15_000_000;

/// What a table renders for one scroll position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// The rows to render.
    pub rows: Range<usize>,
    /// The height of the scroll area, in pixels.
    pub height: u64,
    /// Where the first rendered row goes, in pixels from the top of the scroll area.
    pub offset: i64,
}

/// The window of a table of `rows` rows, scrolled `scroll_top` pixels down a viewport
/// `viewport` pixels high.
pub fn window(scroll_top: u32, viewport: u32, rows: usize) -> Window {
    let row = u64::from(ROW_HEIGHT);
    let full = rows as u64 * row;
    let height = full.min(MAX_HEIGHT);
    let scroll = u64::from(scroll_top).min(height.saturating_sub(u64::from(viewport)));
    let top = if full == height {
        scroll
    } else {
        let room = height.saturating_sub(u64::from(viewport)).max(1);
        let content = full.saturating_sub(u64::from(viewport));
        (u128::from(scroll) * u128::from(content) / u128::from(room)) as u64
    };
    let first = (top / row) as usize;
    let shown = viewport.div_ceil(ROW_HEIGHT) as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(rows);
    let end = (first + shown + OVERSCAN).min(rows);
    let offset = scroll as i64 - (top as i64 - start as i64 * row as i64);
    Window {
        rows: start..end,
        height,
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_of_a_long_table() {
        let w = window(0, 360, 100_000);
        assert_eq!(w.rows, 0..(11 + OVERSCAN));
        assert_eq!(w.height, 3_600_000);
        assert_eq!(w.offset, 0);
    }

    #[test]
    fn the_middle_keeps_overscan_on_both_sides() {
        let w = window(50_000 * ROW_HEIGHT + 5, 360, 100_000);
        assert_eq!(w.rows.start, 50_000 - OVERSCAN);
        assert_eq!(w.rows.end, 50_000 + 11 + OVERSCAN);
        assert_eq!(w.offset, i64::from(ROW_HEIGHT) * (50_000 - OVERSCAN as i64));
        assert!(w.rows.len() < 40, "only a screenful is rendered");
    }

    #[test]
    fn short_tables_and_scrolling_past_the_end_stay_in_bounds() {
        assert_eq!(window(0, 360, 3).rows, 0..3);
        assert_eq!(window(0, 360, 0).rows, 0..0);
        let w = window(10_000 * ROW_HEIGHT, 360, 5);
        assert_eq!(w.rows, 0..5);
    }

    #[test]
    fn a_million_rows_fit_the_capped_height_and_the_last_row_is_reachable() {
        let rows = 1_000_000;
        let viewport = 600;
        let top = window(0, viewport, rows);
        assert_eq!(top.height, MAX_HEIGHT);
        assert_eq!(top.rows.start, 0);
        let bottom = window((MAX_HEIGHT - u64::from(viewport)) as u32, viewport, rows);
        assert_eq!(bottom.rows.end, rows);
        // The last row ends exactly at the bottom of the viewport.
        let last_bottom = bottom.offset + (bottom.rows.len() as i64) * i64::from(ROW_HEIGHT);
        assert_eq!(last_bottom, MAX_HEIGHT as i64);
        let middle = window((MAX_HEIGHT / 2) as u32, viewport, rows);
        assert!(
            middle.rows.start.abs_diff(rows / 2) < 100,
            "{:?}",
            middle.rows
        );
    }
}
