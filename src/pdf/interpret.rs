//! The content-stream interpreter: runs a page's operators, keeps the graphics
//! and text state, and emits one [`Glyph`] per character drawn.
//!
//! One method per operator family, like pdfminer's `do_Tf`/`do_TJ`. The
//! interpreter is lenient: an operator with bad operands is skipped and
//! counted, an unknown font draws nothing but counts, and Form XObject
//! recursion is bounded by depth and by a cycle check, so no content stream can
//! make it loop or panic. Work and memory are bounded too: operators and
//! glyphs per page and per document ([`Budget`]), and the depth of the
//! graphics-state and marked-content stacks, so that a small crafted file
//! (a 50-million-glyph string, a million `q`s) costs seconds and megabytes,
//! not minutes and gigabytes.

use super::annotations::Appearance;
use super::content::{Item, Lexer, Operation};
use super::font::{Font, FontCache};
use super::geometry::Matrix;
use super::glyph::{Direction, Glyph, PageGlyphs, UnmappedTag};
use super::resources::{form_matrix, resolve_dict, Resources};
use super::stream::{decoded, stream_bytes, MAX_STREAM_BYTES};
use lopdf::{Document, Object, ObjectId};
use std::sync::Arc;

/// Form XObjects nested deeper than this are not drawn: real files nest two or
/// three levels; hostile ones nest until the stack overflows.
const MAX_FORM_DEPTH: usize = 12;
/// Operators executed per page before the rest is dropped, so that a crafted
/// stream (or a form painted a million times) cannot hang a run.
const MAX_OPERATIONS: usize = 20_000_000;
/// Glyphs kept per page (a dense real page has 10-30 thousand); beyond, the
/// page's remaining text is dropped and the page flagged. Bounds the memory
/// and the layout time of one page.
const MAX_PAGE_GLYPHS: usize = 500_000;
/// Operators executed per document, over all its pages (the largest corpus
/// manifesto runs a few million).
const MAX_DOCUMENT_OPERATIONS: usize = 100_000_000;
/// Glyphs kept per document, over all its pages (the largest corpus
/// manifesto has under a million).
const MAX_DOCUMENT_GLYPHS: usize = 20_000_000;
/// Saved graphics states (`q`) and open marked-content sequences kept at
/// once; real files nest a few dozen. Deeper `q`s and `BDC`s are counted and
/// matched with their `Q`s and `EMC`s but save nothing.
const MAX_NESTING: usize = 1024;

/// Decoded Form XObjects kept per document, in bytes. Producers paint the
/// same form (a background, a logo, a whole reused page part) on page after
/// page, and inflating it each time cost about 8% of corpus extraction.
const MAX_CACHED_FORM_BYTES: usize = 32 * 1024 * 1024;

/// What the pages of one document share besides fonts: the work the rest of
/// the document may still spend, and the Form XObjects decoded so far.
#[derive(Debug)]
pub(crate) struct Shared {
    operations: usize,
    glyphs: usize,
    forms: std::collections::HashMap<ObjectId, Arc<[u8]>>,
    form_bytes: usize,
    /// When set, each unmapped glyph's text is the [`UnmappedTag`] of its
    /// font and code rather than U+FFFD (see [`crate::pdf::UnmappedTag`]).
    unmapped_tags: Option<UnmappedTags>,
}

/// The tags given out so far: one per (font, code) of the document.
#[derive(Debug, Default)]
pub(crate) struct UnmappedTags {
    /// Keyed by the font's address in the document's font cache (which
    /// keeps every font alive, so no address is reused) and the code.
    by_glyph: std::collections::HashMap<(usize, u32), UnmappedTag>,
}

impl UnmappedTags {
    /// The tag of `code` in `font`: the same for every use of it.
    fn tag(&mut self, font: &Arc<Font>, code: u32) -> Option<UnmappedTag> {
        let next = self.by_glyph.len();
        let key = (Arc::as_ptr(font) as usize, code);
        if let Some(&tag) = self.by_glyph.get(&key) {
            return Some(tag);
        }
        let tag = UnmappedTag::new(next)?;
        self.by_glyph.insert(key, tag);
        Some(tag)
    }
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            operations: MAX_DOCUMENT_OPERATIONS,
            glyphs: MAX_DOCUMENT_GLYPHS,
            forms: Default::default(),
            form_bytes: 0,
            unmapped_tags: None,
        }
    }
}

impl Shared {
    /// Gives the document its whole operator and glyph budget again; the
    /// decoded forms stay cached.
    pub(crate) fn restore_budget(&mut self) {
        let fresh = Shared::default();
        self.operations = fresh.operations;
        self.glyphs = fresh.glyphs;
    }

    /// From now on, unmapped glyphs are tagged (see [`UnmappedTag`]).
    pub(crate) fn tag_unmapped(&mut self) {
        self.unmapped_tags.get_or_insert_with(UnmappedTags::default);
    }

    /// The decoded content of the form stream `id`, from the cache when it
    /// was decoded before; cached while the cache has room.
    fn form_content(&mut self, id: Option<ObjectId>, stream: &lopdf::Stream) -> Option<Arc<[u8]>> {
        if let Some(content) = id.and_then(|id| self.forms.get(&id)) {
            return Some(Arc::clone(content));
        }
        let content: Arc<[u8]> = Arc::from(stream_bytes(stream)?);
        if let Some(id) = id {
            if self.form_bytes + content.len() <= MAX_CACHED_FORM_BYTES {
                self.form_bytes += content.len();
                self.forms.insert(id, Arc::clone(&content));
            }
        }
        Some(content)
    }
}

#[derive(Clone)]
struct TextState {
    font: Option<Arc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
    rise: f64,
    render_mode: i64,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        }
    }
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    text: TextState,
}

/// A marked-content sequence that may carry /ActualText.
struct MarkedContent {
    actual_text: Option<String>,
    first_glyph: usize,
}

pub(crate) struct Interpreter<'a, 'p> {
    doc: &'a Document,
    fonts: &'p mut FontCache,
    page: &'p mut PageGlyphs,
    state: GraphicsState,
    stack: Vec<GraphicsState>,
    text_matrix: Matrix,
    line_matrix: Matrix,
    marked: Vec<MarkedContent>,
    forms: Vec<ObjectId>,
    operations: usize,
    shared: &'p mut Shared,
    /// `q`s (and `BDC`/`BMC`s) beyond [`MAX_NESTING`] still to be matched.
    unsaved_states: usize,
    unsaved_marks: usize,
    /// Set when glyphs were dropped for a budget; flagged once per page.
    glyphs_dropped: bool,
    /// The page's initial transformation, where annotation appearances start.
    page_ctm: Matrix,
    /// Pattern names already looked at on this page.
    patterns_seen: Vec<Vec<u8>>,
}

impl<'a, 'p> Interpreter<'a, 'p> {
    pub(crate) fn new(
        doc: &'a Document,
        fonts: &'p mut FontCache,
        page: &'p mut PageGlyphs,
        ctm: Matrix,
        shared: &'p mut Shared,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            page,
            state: GraphicsState {
                ctm,
                text: TextState::default(),
            },
            stack: Vec::new(),
            text_matrix: Matrix::IDENTITY,
            line_matrix: Matrix::IDENTITY,
            marked: Vec::new(),
            forms: Vec::new(),
            operations: 0,
            shared,
            unsaved_states: 0,
            unsaved_marks: 0,
            glyphs_dropped: false,
            page_ctm: ctm,
            patterns_seen: Vec::new(),
        }
    }

    /// Runs a page's content stream with the given resources in scope, then
    /// paints the page's annotation appearances over it.
    pub(crate) fn run(
        &mut self,
        content: &[u8],
        resources: &Resources<'a>,
        appearances: &[Appearance<'a>],
    ) {
        self.run_operations(content, resources);
        for appearance in appearances {
            // Each appearance starts from the initial graphics state of the page.
            self.stack.clear();
            self.state = GraphicsState {
                ctm: appearance.placement.then(&self.page_ctm),
                text: TextState::default(),
            };
            (self.text_matrix, self.line_matrix) = (Matrix::IDENTITY, Matrix::IDENTITY);
            self.draw_form(appearance.id, appearance.stream, resources);
        }
        while let Some(mc) = self.marked.pop() {
            self.close_marked(mc);
        }
        if self.glyphs_dropped {
            self.page.problems.truncated = true;
        }
    }

    /// Executes the operators of one stream (a page's or a form's).
    fn run_operations(&mut self, content: &[u8], resources: &Resources<'a>) {
        let stack_depth = self.stack.len();
        let unsaved = (self.unsaved_states, self.unsaved_marks);
        let mut lexer = Lexer::new(content);
        while let Some(op) = lexer.next_operation() {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || self.shared.operations == 0 {
                self.page.problems.truncated = true;
                break;
            }
            self.shared.operations -= 1;
            if self.execute(&op, resources).is_none() {
                self.page.problems.bad_operators += 1;
            }
        }
        // Bytes the lexer had to skip, or a stream it could not finish.
        self.page.problems.damaged_content += lexer.recoveries() + u32::from(lexer.failed());
        // A stream that pushes more states than it pops must not leak them.
        self.stack.truncate(stack_depth);
        (self.unsaved_states, self.unsaved_marks) = unsaved;
    }

    /// Executes one operator. `None` means its operands were unusable.
    /// True for a tiling pattern (type 1) whose cell shows text: its cells
    /// are not interpreted, so that text would be lost without a word.
    fn is_text_tiling_pattern(&self, pattern: &Object) -> bool {
        let Some(stream) = (match pattern {
            Object::Reference(id) => self.doc.get_object(*id).ok(),
            other => Some(other),
        })
        .and_then(|o| o.as_stream().ok()) else {
            return false;
        };
        if stream
            .dict
            .get(b"PatternType")
            .and_then(Object::as_i64)
            .ok()
            != Some(1)
        {
            return false;
        }
        decoded(stream, MAX_STREAM_BYTES).is_ok_and(|content| {
            content.windows(2).any(|w| w == b"BT")
                && (content.windows(2).any(|w| w == b"Tj")
                    || content.windows(2).any(|w| w == b"TJ"))
        })
    }

    fn execute(&mut self, op: &Operation<'_>, resources: &Resources<'a>) -> Option<()> {
        match op.operator() {
            b"q" if self.stack.len() < MAX_NESTING => self.stack.push(self.state.clone()),
            b"q" => self.unsaved_states += 1,
            b"Q" if self.unsaved_states > 0 => self.unsaved_states -= 1,
            b"Q" => {
                if let Some(state) = self.stack.pop() {
                    self.state = state;
                }
            }
            b"cm" => {
                let m = Matrix(op.matrix()?);
                self.state.ctm = m.then(&self.state.ctm);
            }
            b"BT" => {
                self.text_matrix = Matrix::IDENTITY;
                self.line_matrix = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tf" => {
                let name = op.name(0)?;
                self.state.text.size = op.number(1)?;
                let font = resources.lookup(self.doc, b"Font", name)?;
                let font = self.fonts.get(self.doc, font);
                if !font.issues().is_empty() {
                    // A degraded font still draws, but the page is flagged.
                    self.page.problems.degraded_fonts += 1;
                }
                self.state.text.font = Some(font);
            }
            b"Tc" => self.state.text.char_spacing = op.number(0)?,
            b"Tw" => self.state.text.word_spacing = op.number(0)?,
            b"Tz" => self.state.text.horizontal_scale = op.number(0)? / 100.0,
            b"TL" => self.state.text.leading = op.number(0)?,
            b"Ts" => self.state.text.rise = op.number(0)?,
            b"Tr" => self.state.text.render_mode = op.number(0)? as i64,
            b"Td" => self.move_line(op.number(0)?, op.number(1)?),
            b"TD" => {
                let (tx, ty) = (op.number(0)?, op.number(1)?);
                self.state.text.leading = -ty;
                self.move_line(tx, ty);
            }
            b"Tm" => {
                self.text_matrix = Matrix(op.matrix()?);
                self.line_matrix = self.text_matrix;
            }
            b"T*" => self.next_line(),
            b"Tj" => self.show(op.string(0)?),
            b"'" => {
                self.next_line();
                self.show(op.string(0)?);
            }
            b"\"" => {
                self.state.text.word_spacing = op.number(0)?;
                self.state.text.char_spacing = op.number(1)?;
                self.next_line();
                self.show(op.string(2)?);
            }
            b"TJ" => {
                for item in op.array(0)? {
                    match item {
                        Item::Str(bytes) => self.show(bytes),
                        Item::Number(adjust) => {
                            // The number is subtracted from the coordinate
                            // the text runs along (PDF 32000 9.4.4): x, times
                            // the horizontal scale; or y in vertical writing,
                            // where a positive number moves the next glyph
                            // down, along the way the text runs.
                            let amount = adjust / 1000.0 * self.state.text.size;
                            self.advance(if self.writing_vertically() {
                                amount
                            } else {
                                -amount * self.horizontal_factor()
                            });
                        }
                        Item::Other => return None,
                    }
                }
            }
            b"Do" => self.draw_xobject(op.name(0)?, resources)?,
            b"scn" | b"SCN" => {
                // A tiling pattern's cells are not painted here; one that
                // draws text is counted, so its text is not lost silently.
                let name = op.name(op.len().checked_sub(1)?)?;
                if !self.patterns_seen.iter().any(|seen| seen == name) {
                    self.patterns_seen.push(name.to_vec());
                    if self.is_text_tiling_pattern(resources.lookup(self.doc, b"Pattern", name)?) {
                        self.page.problems.pattern_text += 1;
                    }
                }
            }
            b"BI" | b"EI" => self.page.images += 1,
            b"BMC" | b"BDC" if self.marked.len() >= MAX_NESTING => self.unsaved_marks += 1,
            b"EMC" if self.unsaved_marks > 0 => self.unsaved_marks -= 1,
            b"BMC" => self.marked.push(MarkedContent {
                actual_text: None,
                first_glyph: self.page.glyphs().len(),
            }),
            b"BDC" => {
                let actual_text = match op.name(1) {
                    Some(name) => resources
                        .lookup(self.doc, b"Properties", name)
                        .and_then(|props| resolve_dict(self.doc, props))
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|t| lopdf::decode_text_string(t).ok()),
                    None => op.dict_string(1, b"ActualText").and_then(|bytes| {
                        let text = Object::String(bytes.to_vec(), lopdf::StringFormat::Literal);
                        lopdf::decode_text_string(&text).ok()
                    }),
                };
                self.marked.push(MarkedContent {
                    actual_text,
                    first_glyph: self.page.glyphs().len(),
                });
            }
            b"EMC" => {
                if let Some(mc) = self.marked.pop() {
                    self.close_marked(mc);
                }
            }
            _ => {}
        }
        Some(())
    }

    fn horizontal_factor(&self) -> f64 {
        match &self.state.text.font {
            Some(font) if font.is_vertical() => 1.0,
            _ => self.state.text.horizontal_scale,
        }
    }

    fn move_line(&mut self, tx: f64, ty: f64) {
        self.line_matrix = Matrix::translate(tx, ty).then(&self.line_matrix);
        self.text_matrix = self.line_matrix;
    }

    fn next_line(&mut self) {
        let leading = self.state.text.leading;
        self.move_line(0.0, -leading);
    }

    /// Moves the pen along the writing direction by `amount` text-space units.
    /// Whether the current font writes down the page.
    fn writing_vertically(&self) -> bool {
        matches!(&self.state.text.font, Some(f) if f.is_vertical())
    }

    fn advance(&mut self, amount: f64) {
        let step = if self.writing_vertically() {
            Matrix::translate(0.0, -amount)
        } else {
            Matrix::translate(amount, 0.0)
        };
        self.text_matrix = step.then(&self.text_matrix);
    }

    /// Draws a string operand: one glyph per character code.
    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.text.font.clone() else {
            self.page.problems.bad_operators += 1;
            return;
        };
        let ts = &self.state.text;
        let (size, tc, tw, th, rise) = (
            ts.size,
            ts.char_spacing,
            ts.word_spacing,
            self.horizontal_factor(),
            ts.rise,
        );
        let invisible = ts.render_mode == 3 || ts.render_mode == 7;
        // Type3 glyph space may differ from the usual 1/1000 em.
        let em_scale = font.em();
        let vertical = font.is_vertical();
        // Within one string only the text matrix's translation moves (each
        // glyph's advance is a translation), so everything that depends on
        // the linear parts, the glyph's size, direction and the advance
        // vector's frame, is computed once per string, not once per glyph.
        let ctm = self.state.ctm;
        let scale = Matrix([size * th, 0.0, 0.0, size, 0.0, rise]);
        let render = scale.then(&self.text_matrix).then(&ctm);
        let along = self.text_matrix.then(&ctm);
        let page_size = hypot(render.0[2], render.0[3]) * em_scale;
        let (dir, slant) = if vertical {
            let (vx, vy) = render.apply_vector(0.0, -1.0);
            Direction::with_slant(vx, vy)
        } else {
            let (vx, vy) = render.apply_vector(1.0, 0.0);
            Direction::with_slant(vx, vy)
        };
        let drawable = render.is_finite() && page_size.is_finite();
        // Positive character and word spacing are gaps, not ink (see
        // `Glyph::tracking`): their page-space lengths along the advance.
        // Negative spacing (tight tracking) stays in the glyph's box: the box
        // then ends where the next glyph starts, and word gaps are measured
        // from the tracking the line is set with.
        let (char_tracking, word_tracking) = {
            let (ux, uy) = if vertical {
                along.apply_vector(0.0, 1.0)
            } else {
                along.apply_vector(th, 0.0)
            };
            let unit = hypot(ux, uy);
            (tc.max(0.0) * unit, tw.max(0.0) * unit)
        };
        for ch in font.chars(bytes) {
            if self.page.glyphs().len() >= MAX_PAGE_GLYPHS || self.shared.glyphs == 0 {
                self.glyphs_dropped = true;
                return;
            }
            let word = if ch.is_single_byte_space { tw } else { 0.0 };
            let advance = if vertical {
                -font.vertical_advance(ch.code) * size + tc + word
            } else {
                (ch.width * size + tc + word) * th
            };
            let (dx, dy) = if vertical {
                along.apply_vector(0.0, -advance)
            } else {
                along.apply_vector(advance, 0.0)
            };
            // The origin: (0, rise) in text space, through the text matrix
            // as it now stands and the CTM.
            let (tx, ty) = self.text_matrix.apply(0.0, rise);
            let (x, y) = ctm.apply(tx, ty);
            if drawable && x.is_finite() && y.is_finite() {
                let glyph = Glyph {
                    x: x as f32,
                    y: y as f32,
                    advance: hypot(dx, dy) as f32,
                    tracking: if ch.is_single_byte_space {
                        char_tracking + word_tracking
                    } else {
                        char_tracking
                    } as f32,
                    size: page_size as f32,
                    dir,
                    slant,
                    invisible,
                    start: 0,
                    len: 0,
                };
                self.shared.glyphs -= 1;
                match ch.text {
                    Some(text) => self.page.push(glyph, text),
                    None => {
                        self.page.unmapped += 1;
                        let tag = self
                            .shared
                            .unmapped_tags
                            .as_mut()
                            .and_then(|tags| tags.tag(&font, ch.code))
                            .map_or(char::REPLACEMENT_CHARACTER, UnmappedTag::as_char);
                        self.page.push(glyph, tag.encode_utf8(&mut [0; 4]));
                    }
                }
            }
            self.advance(advance);
        }
    }

    fn draw_xobject(&mut self, name: &[u8], resources: &Resources<'a>) -> Option<()> {
        let doc = self.doc;
        let reference = resources.lookup(doc, b"XObject", name)?;
        let (id, object) = doc.dereference(reference).ok()?;
        let stream = object.as_stream().ok()?;
        match stream.dict.get(b"Subtype").and_then(|s| s.as_name()) {
            Ok(b"Image") => {
                self.page.images += 1;
                return Some(());
            }
            Ok(b"Form") => {}
            _ => return None,
        }
        self.draw_form(id, stream, resources)
    }

    /// Paints a Form XObject in the current state (its own `/Matrix` and
    /// resources applied), unless it is nested too deep or paints itself.
    fn draw_form(
        &mut self,
        id: Option<ObjectId>,
        stream: &'a lopdf::Stream,
        resources: &Resources<'a>,
    ) -> Option<()> {
        let doc = self.doc;
        if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms.contains(&id)) {
            return None;
        }
        let content = self.shared.form_content(id, stream)?;
        let form_matrix = form_matrix(doc, &stream.dict);
        let form_resources = resources.for_form(doc, &stream.dict);
        self.stack.push(self.state.clone());
        self.state.ctm = form_matrix.then(&self.state.ctm);
        let saved_text = (self.text_matrix, self.line_matrix);
        let marked_depth = self.marked.len();
        self.forms.push(id.unwrap_or((0, 0)));
        self.run_operations(&content, &form_resources);
        self.forms.pop();
        while self.marked.len() > marked_depth {
            if let Some(mc) = self.marked.pop() {
                self.close_marked(mc);
            }
        }
        (self.text_matrix, self.line_matrix) = saved_text;
        if let Some(state) = self.stack.pop() {
            self.state = state;
        }
        Some(())
    }

    fn close_marked(&mut self, mc: MarkedContent) {
        if let Some(text) = mc.actual_text {
            if mc.first_glyph < self.page.glyphs().len() {
                self.page.replace_tail(mc.first_glyph, &text);
            }
        }
    }
}

/// `a.hypot(b)`, skipping the libm call in the exact cases of upright and
/// quarter-turned text, where one side is zero and the result is the other
/// side's magnitude (C's `hypot(x, ±0)` is `fabs(x)`). Runs twice per glyph.
fn hypot(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        a.abs()
    } else if a == 0.0 {
        b.abs()
    } else {
        a.hypot(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page PDF (Helvetica as /F1) whose page content is `content`.
    fn pdf_with(content: Vec<u8>) -> Vec<u8> {
        pdf_with_font(
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
            content,
        )
    }

    /// A one-page PDF with `font` as /F1 whose page content is `content`.
    fn pdf_with_font(font: lopdf::Dictionary, content: Vec<u8>) -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let font = doc.add_object(font);
        let contents = doc.add_object(Stream::new(dictionary! {}, content));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => contents,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    fn first_page(content: Vec<u8>) -> PageGlyphs {
        let bytes = pdf_with(content);
        let mut doc = super::super::PdfDocument::open(&bytes, &Default::default()).unwrap();
        doc.page(0)
    }

    #[test]
    fn a_tj_number_in_vertical_writing_moves_down_the_column() {
        // Identity-V: every glyph advances 1 em down; -500 moves the next
        // one half an em back up, 500 half an em further down.
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Test",
            "Encoding" => "Identity-V",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Test",
                "CIDSystemInfo" => dictionary! {
                    "Registry" => Object::string_literal("Adobe"),
                    "Ordering" => Object::string_literal("Identity"),
                    "Supplement" => 0,
                },
            })],
        };
        let bytes = pdf_with_font(
            font,
            b"BT /F1 10 Tf 100 700 Td [<0001> 500 <0002> -500 <0003>] TJ ET".to_vec(),
        );
        let mut doc = super::super::PdfDocument::open(&bytes, &Default::default()).unwrap();
        let page = doc.page(0);
        let ys: Vec<f32> = page.glyphs().iter().map(|g| g.y).collect();
        assert_eq!(ys.len(), 3, "{ys:?}");
        let steps = [ys[0] - ys[1], ys[1] - ys[2]];
        assert!(
            (steps[0] - 15.0).abs() < 0.01 && (steps[1] - 5.0).abs() < 0.01,
            "{ys:?}"
        );
    }

    #[test]
    fn positive_spacing_is_tracking_and_negative_spacing_is_not() {
        // Helvetica: "a" 0.556 em, space 0.278 em; 10 pt type at 200%
        // horizontal scaling. Tc and Tw are scaled by Tz like the widths.
        let tracking = |content: &[u8]| -> Vec<(f32, f32)> {
            let page = first_page(content.to_vec());
            page.glyphs()
                .iter()
                .map(|g| (g.advance, g.tracking))
                .collect()
        };
        let near = |got: Vec<(f32, f32)>, want: &[(f32, f32)]| {
            assert_eq!(got.len(), want.len(), "{got:?}");
            for (g, w) in got.iter().zip(want) {
                assert!(
                    (g.0 - w.0).abs() < 1e-3 && (g.1 - w.1).abs() < 1e-3,
                    "{got:?}"
                );
            }
        };
        near(
            tracking(b"BT /F1 10 Tf 200 Tz 3 Tc 4 Tw 72 700 Td (a a) Tj ET"),
            &[(17.12, 6.0), (19.56, 14.0), (17.12, 6.0)],
        );
        near(
            tracking(b"BT /F1 10 Tf -1 Tc -2 Tw 72 700 Td (a a) Tj ET"),
            &[(4.56, 0.0), (0.22, 0.0), (4.56, 0.0)],
        );
    }

    #[test]
    fn a_sheared_text_matrix_sets_glyphs_on_a_slope() {
        let page = first_page(b"BT /F1 10 Tf 1.4 -0.7 0.7 0.7 72 700 Tm (ab) Tj ET".to_vec());
        let slants: Vec<(Direction, i16)> =
            page.glyphs().iter().map(|g| (g.dir, g.slant)).collect();
        assert_eq!(slants, [(Direction::Right, -2657); 2]);
        assert!(page.has_slopes());
    }

    #[test]
    fn a_huge_string_is_cut_at_the_page_glyph_limit() {
        // Character spacing that cancels Helvetica's "a" (0.556 em) keeps
        // every glyph on the page, where it is not clipped away.
        let mut content = b"BT /F1 10 Tf -5.56 Tc 72 700 Td (".to_vec();
        content.extend(std::iter::repeat_n(b'a', MAX_PAGE_GLYPHS + 1000));
        content.extend_from_slice(b") Tj ET");
        let page = first_page(content);
        assert_eq!(page.glyphs().len(), MAX_PAGE_GLYPHS);
        assert!(page.problems.truncated);
    }

    #[test]
    fn deep_q_nesting_keeps_state_pairing() {
        // More saves than the limit, then as many restores: the font set
        // inside must be gone afterwards, so the Tj draws nothing.
        let depth = MAX_NESTING + 500;
        let mut content = b"q ".repeat(depth);
        content.extend_from_slice(b"BT /F1 10 Tf ET ");
        content.extend(b"Q ".repeat(depth));
        content.extend_from_slice(b"BT 72 700 Td (x) Tj ET BT /F1 10 Tf 72 680 Td (y) Tj ET");
        let page = first_page(content);
        let text: String = page.glyphs().iter().map(|g| page.text_of(g)).collect();
        assert_eq!(text, "y");
    }

    #[test]
    fn document_budget_is_shared_by_pages() {
        let mut budget = Shared {
            operations: 10,
            glyphs: 3,
            ..Shared::default()
        };
        let bytes = pdf_with(b"BT /F1 10 Tf 72 700 Td (abcdef) Tj ET".to_vec());
        let doc = Document::load_mem(&bytes).unwrap();
        let page_id = *doc.get_pages().values().next().unwrap();
        let content = doc.get_page_content(page_id);
        let scope = Resources::of_page(&doc, page_id);
        let mut fonts = FontCache::new();
        let mut page = PageGlyphs::new(1, 612.0, 792.0);
        Interpreter::new(&doc, &mut fonts, &mut page, Matrix::IDENTITY, &mut budget).run(
            &content,
            &scope,
            &[],
        );
        assert_eq!(page.glyphs().len(), 3);
        assert_eq!(budget.glyphs, 0);
        assert_eq!(budget.operations, 10 - 5);
        // Spent, the budget stops the next page at once; restored, it reads it again.
        let mut again = PageGlyphs::new(2, 612.0, 792.0);
        Interpreter::new(&doc, &mut fonts, &mut again, Matrix::IDENTITY, &mut budget).run(
            &content,
            &scope,
            &[],
        );
        assert_eq!(again.glyphs().len(), 0);
        budget.restore_budget();
        let mut restored = PageGlyphs::new(3, 612.0, 792.0);
        Interpreter::new(
            &doc,
            &mut fonts,
            &mut restored,
            Matrix::IDENTITY,
            &mut budget,
        )
        .run(&content, &scope, &[]);
        assert_eq!(restored.glyphs().len(), 6);
        assert_eq!(budget.operations, MAX_DOCUMENT_OPERATIONS - 5);
    }

    #[test]
    fn hypot_shortcut_is_exact() {
        for (a, b) in [
            (3.0, 0.0),
            (-3.0, -0.0),
            (0.0, -7.5),
            (0.0, 0.0),
            (1e-310, 0.0),
            (f64::INFINITY, 0.0),
            (3.0, 4.0),
            (0.1, 0.2),
        ] {
            assert_eq!(hypot(a, b).to_bits(), a.hypot(b).to_bits(), "{a} {b}");
        }
        assert!(hypot(f64::NAN, 0.0).is_nan());
    }
}
