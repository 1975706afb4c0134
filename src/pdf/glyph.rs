//! What the interpreter hands to layout: glyphs with their text and geometry,
//! one page at a time. A glyph carries only what layout needs; fonts stay in
//! the interpreter.

/// The direction in which text advances, quantised to the four page axes.
///
/// Layout rotates every glyph into the `Right` frame before grouping, so
/// text set at 90 degrees (as in some 2001 manifestos) reads like any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Left to right, the usual case.
    #[default]
    Right,
    /// Bottom to top (text rotated 90 degrees anticlockwise).
    Up,
    /// Right to left, upside down (rotated 180 degrees).
    Left,
    /// Top to bottom (rotated 90 degrees clockwise, or vertical writing).
    Down,
}

impl Direction {
    /// Quantises a direction vector to the nearest axis, and says how far
    /// off that axis it points (see [`Glyph::slant`]).
    pub(crate) fn with_slant(dx: f64, dy: f64) -> (Direction, i16) {
        let dir = Direction::from_vector(dx, dy);
        // Most text runs along an axis, and needs no trigonometry.
        if dx == 0.0 || dy == 0.0 {
            return (dir, 0);
        }
        let (along, across) = match dir {
            Direction::Right => (dx, dy),
            Direction::Up => (dy, -dx),
            Direction::Left => (-dx, -dy),
            Direction::Down => (-dy, dx),
        };
        let degrees = across.atan2(along).to_degrees();
        let slant = if degrees.is_finite() {
            (degrees * 100.0).round().clamp(-4500.0, 4500.0) as i16
        } else {
            0
        };
        (dir, slant)
    }

    /// Quantises a direction vector to the nearest axis.
    pub(crate) fn from_vector(dx: f64, dy: f64) -> Direction {
        if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                Direction::Right
            } else {
                Direction::Left
            }
        } else if dy > 0.0 {
            Direction::Up
        } else {
            Direction::Down
        }
    }

    /// Maps a page-space point into this direction's reading frame, where text
    /// advances along +x and lines follow each other along -y.
    pub fn to_reading_frame(self, x: f32, y: f32) -> (f32, f32) {
        match self {
            Direction::Right => (x, y),
            Direction::Up => (y, -x),
            Direction::Left => (-x, -y),
            Direction::Down => (-y, x),
        }
    }
}

/// A glyph whose code has no Unicode text, named so that its text can be
/// found later: a character of Unicode's Supplementary Private Use Area-A
/// standing in the page's text where U+FFFD would, one per (font, code) of
/// the document. Layout carries it like any letter; recovery
/// (`crate::ocr::recover`) learns what each tag's glyph looks like and puts
/// its text in, and every tag left is U+FFFD again before text leaves the
/// reader (see [`UnmappedTag::untag`]).
///
/// Plane 15 is used because fonts' own private-use characters (symbol and
/// icon fonts map to U+E000 to U+F8FF) sit in the Basic Multilingual Plane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnmappedTag(u32);

impl UnmappedTag {
    /// First code point of Supplementary Private Use Area-A.
    const FIRST: u32 = 0xF_0000;
    /// The area's last usable code point (U+FFFFE and U+FFFFF are noncharacters).
    const LAST: u32 = 0xF_FFFD;

    /// The tag numbered `index`; `None` past the area's 65,534 tags.
    pub(crate) fn new(index: usize) -> Option<UnmappedTag> {
        let point = Self::FIRST.checked_add(u32::try_from(index).ok()?)?;
        (point <= Self::LAST).then_some(UnmappedTag(point))
    }

    /// The tag `c` is, if it is one.
    pub fn of(c: char) -> Option<UnmappedTag> {
        (Self::FIRST..=Self::LAST)
            .contains(&u32::from(c))
            .then_some(UnmappedTag(u32::from(c)))
    }

    /// The character standing for this glyph in text.
    pub fn as_char(self) -> char {
        char::from_u32(self.0).unwrap_or(char::REPLACEMENT_CHARACTER)
    }

    /// `text` with every tag as U+FFFD; borrowed when it has none (nearly
    /// always).
    pub fn untag(text: &str) -> std::borrow::Cow<'_, str> {
        if !text.chars().any(|c| Self::of(c).is_some()) {
            return std::borrow::Cow::Borrowed(text);
        }
        let plain = text
            .chars()
            .map(|c| match Self::of(c) {
                Some(_) => char::REPLACEMENT_CHARACTER,
                None => c,
            })
            .collect();
        std::borrow::Cow::Owned(plain)
    }
}

/// One glyph placed on a page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// Origin of the glyph on its baseline, in page space (points, y up).
    pub x: f32,
    /// See [`Glyph::x`].
    pub y: f32,
    /// How far the pen moves after this glyph, along [`Glyph::dir`], in points.
    pub advance: f32,
    /// The part of [`Glyph::advance`] that is positive character or word
    /// spacing (`Tc`, `Tw`) rather than the glyph's own width: a gap, not
    /// ink. Layout measures word gaps from the ink's end (poppler's text
    /// output leaves the spacing out of the glyph's box too), so terms set
    /// apart by spacing stay apart; a line still runs on across it, since
    /// spacing is never a column gutter.
    pub tracking: f32,
    /// The font size in page space: the height of the em square in points.
    pub size: f32,
    /// The direction the text advances in.
    pub dir: Direction,
    /// How far the baseline turns from [`Glyph::dir`]'s axis, in hundredths
    /// of a degree anticlockwise (within ±45°): text set on a slope is laid
    /// out in its own frame, turned by this much.
    pub slant: i16,
    /// Drawn with text render mode 3 (as in the text layer of OCRed scans):
    /// invisible on paper but real text, so it is kept.
    pub invisible: bool,
    /// The glyph's text is a run of `len` bytes at `start` in the page's text buffer.
    pub(crate) start: u32,
    pub(crate) len: u32,
}

/// Everything the interpreter found on one page.
#[derive(Clone, Debug, Default)]
pub struct PageGlyphs {
    /// 1-based page number.
    pub number: u32,
    /// Page width in points (from the crop or media box).
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Images painted on the page (image XObjects and inline images), so that
    /// a page with pictures but no text can be told from an empty page.
    pub images: u32,
    /// Character codes whose text could not be recovered; each shows as U+FFFD.
    pub unmapped: u32,
    /// What went wrong on the page: nothing stops a page, but a reader must
    /// be told when text may be missing.
    pub problems: PageProblems,
    glyphs: Vec<Glyph>,
    text: String,
    /// Some glyph is set on a slope (see [`Glyph::slant`]): rare, and layout
    /// skips its work for slopes without it.
    sloped: bool,
}

impl PageGlyphs {
    pub(crate) fn new(number: u32, width: f32, height: f32) -> PageGlyphs {
        PageGlyphs {
            number,
            width,
            height,
            ..PageGlyphs::default()
        }
    }

    /// Reserves room for about this many glyphs and text bytes (a previous
    /// page's, say): consecutive pages are alike, and growing the buffers glyph by
    /// glyph showed up in profiles.
    pub(crate) fn reserve_like(&mut self, glyphs: usize, text: usize) {
        self.glyphs.reserve(glyphs);
        self.text.reserve(text);
    }

    /// Glyph count and text length, for [`PageGlyphs::reserve_like`].
    pub(crate) fn sizes(&self) -> (usize, usize) {
        (self.glyphs.len(), self.text.len())
    }

    /// Builds a page from hand-placed glyphs, for layout tests that need no PDF.
    pub fn from_parts(number: u32, width: f32, height: f32, parts: &[(Glyph, &str)]) -> PageGlyphs {
        let mut page = PageGlyphs::new(number, width, height);
        for (glyph, text) in parts {
            page.push(*glyph, text);
        }
        page
    }

    /// Sets `text` on one line in the rectangle `rect` (page space before
    /// `ctm`), at `size` points with an average advance: text that has no
    /// font (a form field's value with no appearance), so its words need
    /// only to be in the right place and order.
    pub(crate) fn push_plain_text(
        &mut self,
        text: &str,
        rect: [f64; 4],
        size: f64,
        ctm: &super::geometry::Matrix,
    ) {
        let advance = size * 0.5;
        let baseline = rect[1] + ((rect[3] - rect[1]) - size).max(0.0) / 2.0 + size * 0.2;
        for (i, c) in text.chars().enumerate() {
            let (x, y) = ctm.apply(rect[0] + 2.0 + i as f64 * advance, baseline);
            let mut buf = [0u8; 4];
            let glyph = Glyph {
                x: x as f32,
                y: y as f32,
                advance: advance as f32,
                tracking: 0.0,
                size: size as f32,
                dir: Direction::Right,
                slant: 0,
                invisible: false,
                start: 0,
                len: 0,
            };
            self.push(glyph, c.encode_utf8(&mut buf));
        }
    }

    pub(crate) fn push(&mut self, mut glyph: Glyph, text: &str) {
        glyph.start = self.text.len() as u32;
        glyph.len = text.len() as u32;
        self.sloped |= glyph.slant != 0;
        self.text.push_str(text);
        self.glyphs.push(glyph);
    }

    /// Whether any glyph is set on a slope.
    pub(crate) fn has_slopes(&self) -> bool {
        self.sloped
    }

    /// Replaces the glyphs from index `from` on by one glyph spanning them
    /// with `text` (used for /ActualText).
    pub(crate) fn replace_tail(&mut self, from: usize, text: &str) {
        let Some(first) = self.glyphs.get(from).copied() else {
            return;
        };
        let end = self.glyphs.last().map_or(first, |g| *g);
        let (x0, _) = first.dir.to_reading_frame(first.x, first.y);
        let (x1, _) = end.dir.to_reading_frame(end.x, end.y);
        let advance = (x1 - x0 + end.advance).max(0.0);
        let cut = first.start as usize;
        self.glyphs.truncate(from);
        self.text.truncate(cut);
        let tracking = end.tracking;
        self.push(
            Glyph {
                advance,
                tracking,
                ..first
            },
            text,
        );
    }

    /// The glyphs in content-stream order.
    pub fn glyphs(&self) -> &[Glyph] {
        &self.glyphs
    }

    /// The text of one of this page's glyphs.
    pub fn text_of(&self, glyph: &Glyph) -> &str {
        let start = glyph.start as usize;
        self.text
            .get(start..start + glyph.len as usize)
            .unwrap_or("")
    }

    /// Drops the glyphs drawn outside `[x0, y0, x1, y1]` (the media box,
    /// in page space), as poppler and MuPDF drop them: a page cut from a
    /// larger sheet (one content stream shown in tiles, each page with its
    /// own box) would otherwise read the whole sheet on every page. A glyph
    /// stays when any of its run, from its origin to where it advances to,
    /// is within a point of the box. When nothing would be left, nothing is
    /// dropped: a wrong box must not empty a page.
    pub(crate) fn drop_glyphs_outside(&mut self, [left, bottom, right, top]: [f32; 4]) {
        const SLACK: f32 = 1.0;
        let (left, bottom, right, top) = (left - SLACK, bottom - SLACK, right + SLACK, top + SLACK);
        let inside = |g: &Glyph| {
            let (dx, dy) = match g.dir {
                Direction::Right => (g.advance, 0.0),
                Direction::Left => (-g.advance, 0.0),
                Direction::Up => (0.0, g.advance),
                Direction::Down => (0.0, -g.advance),
            };
            let (x0, x1) = (g.x.min(g.x + dx), g.x.max(g.x + dx));
            let (y0, y1) = (g.y.min(g.y + dy), g.y.max(g.y + dy));
            x1 >= left && x0 <= right && y1 >= bottom && y0 <= top
        };
        // Nearly every page draws all its glyphs' origins inside the box,
        // which one pass of comparisons shows (the glyph-by-glyph test
        // below cost 2% of extraction when run on every page).
        let origins_inside = self
            .glyphs
            .iter()
            .all(|g| (g.x >= left) & (g.x <= right) & (g.y >= bottom) & (g.y <= top));
        if origins_inside || self.glyphs.iter().all(inside) {
            return;
        }
        let visible_inside = self
            .glyphs
            .iter()
            .any(|g| inside(g) && !self.text_of(g).trim().is_empty());
        if visible_inside {
            self.glyphs.retain(inside);
        }
    }

    /// True when the page draws at least one glyph that is not white space.
    pub fn has_text(&self) -> bool {
        self.glyphs
            .iter()
            .any(|g| !self.text_of(g).trim().is_empty())
    }
}

impl Glyph {
    /// A glyph at `(x, y)` in the default direction, for tests and builders.
    pub fn at(x: f32, y: f32, advance: f32, size: f32) -> Glyph {
        Glyph {
            x,
            y,
            advance,
            tracking: 0.0,
            size,
            dir: Direction::Right,
            slant: 0,
            invisible: false,
            start: 0,
            len: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_outside_the_page_box_are_dropped_unless_nothing_would_be_left() {
        let texts =
            |p: &PageGlyphs| -> String { p.glyphs().iter().map(|g| p.text_of(g)).collect() };
        // A 100 x 100 page: "a" inside, "b" running in over the left edge,
        // "c" far right, "d" below.
        let mut page = PageGlyphs::from_parts(
            1,
            100.0,
            100.0,
            &[
                (Glyph::at(50.0, 50.0, 5.0, 10.0), "a"),
                (Glyph::at(-4.0, 50.0, 5.0, 10.0), "b"),
                (Glyph::at(300.0, 50.0, 5.0, 10.0), "c"),
                (Glyph::at(50.0, -40.0, 5.0, 10.0), "d"),
            ],
        );
        page.drop_glyphs_outside([0.0, 0.0, 100.0, 100.0]);
        assert_eq!(texts(&page), "ab");
        let mut off_page = PageGlyphs::from_parts(
            1,
            100.0,
            100.0,
            &[
                (Glyph::at(300.0, 50.0, 5.0, 10.0), "c"),
                (Glyph::at(50.0, 50.0, 5.0, 10.0), " "),
            ],
        );
        off_page.drop_glyphs_outside([0.0, 0.0, 100.0, 100.0]);
        assert_eq!(texts(&off_page), "c ");
    }

    #[test]
    fn direction_quantises_to_nearest_axis() {
        assert_eq!(Direction::from_vector(1.0, 0.1), Direction::Right);
        assert_eq!(Direction::from_vector(0.0, 2.0), Direction::Up);
        assert_eq!(Direction::from_vector(-1.0, 0.0), Direction::Left);
        assert_eq!(Direction::from_vector(0.1, -1.0), Direction::Down);
    }

    #[test]
    fn slant_is_the_turn_from_the_nearest_axis() {
        let slant = |dx: f64, dy: f64| Direction::with_slant(dx, dy);
        assert_eq!(slant(1.0, 0.0), (Direction::Right, 0));
        assert_eq!(slant(0.0, -3.0), (Direction::Down, 0));
        // The text matrix of pdf.js's bug946506: 1.4 -0.7.
        assert_eq!(slant(1.4, -0.7), (Direction::Right, -2657));
        assert_eq!(slant(-1.0, -0.1), (Direction::Left, 571));
        assert_eq!(slant(0.2, 1.0), (Direction::Up, -1131));
        assert_eq!(slant(1.0, 1.0), (Direction::Right, 4500));
        assert_eq!(slant(f64::NAN, 1.0).1, 0);
    }

    #[test]
    fn reading_frame_makes_rotated_text_advance_along_x() {
        // Text going up the page: the next glyph is higher, so larger x in frame.
        let (a, _) = Direction::Up.to_reading_frame(100.0, 10.0);
        let (b, _) = Direction::Up.to_reading_frame(100.0, 20.0);
        assert!(b > a);
        let (a, _) = Direction::Down.to_reading_frame(100.0, 20.0);
        let (b, _) = Direction::Down.to_reading_frame(100.0, 10.0);
        assert!(b > a);
    }

    #[test]
    fn actual_text_replaces_the_tail() {
        let mut page = PageGlyphs::new(1, 600.0, 800.0);
        page.push(Glyph::at(10.0, 10.0, 5.0, 10.0), "a");
        page.push(Glyph::at(15.0, 10.0, 5.0, 10.0), "f");
        page.push(Glyph::at(20.0, 10.0, 5.0, 10.0), "i");
        page.replace_tail(1, "fi");
        assert_eq!(page.glyphs().len(), 2);
        assert_eq!(page.text_of(&page.glyphs()[1]), "fi");
        assert_eq!(page.glyphs()[1].advance, 10.0);
    }
}

/// The problems met while interpreting one page, by kind. Reading never stops
/// for them; [`PageProblems::warnings`] says which ones may have cost text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageProblems {
    /// The page's content could not be read at all, and why (a stream that
    /// is missing, cannot be decoded, or inflates past the limit).
    pub unreadable_content: Option<String>,
    /// Content streams that were missing or could not be decoded, while
    /// others of the page could (each named, with the reason).
    pub stream_errors: Vec<String>,
    /// Places where a content stream had to be skipped, or a stream that
    /// ended in the middle of an object.
    pub damaged_content: u32,
    /// The page's or the document's work limit ran out: the rest of the page
    /// was dropped.
    pub truncated: bool,
    /// Operators skipped for unusable operands, and text shown with no font
    /// set. Common in real files and mostly harmless, so counted, not warned.
    pub bad_operators: u32,
    /// Fonts that could not be read fully (their text may be unmapped, which
    /// the unmapped count reports).
    pub degraded_fonts: u32,
    /// Tiling patterns used on the page whose cells show text, which is not
    /// read (pattern cells are not interpreted).
    pub pattern_text: u32,
    /// Form fields that are set (a ticked box, a chosen item) but have no
    /// appearance: a reader draws one; nothing is read for them.
    pub unshown_fields: u32,
}

impl PageProblems {
    /// True when nothing went wrong.
    pub fn is_empty(&self) -> bool {
        *self == PageProblems::default()
    }

    /// The problems that may have cost the page text, in words for a user.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(why) = &self.unreadable_content {
            out.push(format!(
                "its content could not be read ({why}): its text is lost"
            ));
        }
        for error in &self.stream_errors {
            out.push(format!("{error}: text may be missing"));
        }
        if self.unshown_fields > 0 {
            out.push(format!(
                "{} form field{} set but without an appearance, not read",
                self.unshown_fields,
                if self.unshown_fields == 1 {
                    " is"
                } else {
                    "s are"
                }
            ));
        }
        if self.pattern_text > 0 {
            out.push(format!(
                "{} tiling pattern{} on it show{} text, which is not read",
                self.pattern_text,
                if self.pattern_text == 1 { "" } else { "s" },
                if self.pattern_text == 1 { "s" } else { "" }
            ));
        }
        if self.damaged_content > 0 {
            out.push(format!(
                "its content stream is damaged ({} place{} skipped): text may be missing",
                self.damaged_content,
                if self.damaged_content == 1 { "" } else { "s" }
            ));
        }
        if self.truncated {
            out.push("it hit the work limit: the rest of the page was dropped".to_string());
        }
        out
    }
}
