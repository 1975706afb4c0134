//! Layout for the corpus generator: blocks flow through frames (one or two columns per page),
//! the left column filled completely before the right, lines wrapped by measured width.

use std::io;

use super::fonts::Face;
use super::{wrap, Block, Spec, TextOps, FRAME_BOTTOM, FRAME_TOP, GUTTER, MARGIN, PAGE_W};

/// A positioned line of text. `width` is the measure it was set to; a justified line is
/// stretched to fill it.
pub(crate) struct Line {
    pub(crate) face: Face,
    pub(crate) size: f64,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) text: String,
    pub(crate) width: f64,
    pub(crate) justify: bool,
    pub(crate) color: Option<(f64, f64, f64)>,
}

pub(crate) struct Page {
    pub(crate) lines: Vec<Line>,
    /// Top of each two-column region on the page, where a thin rule separates the columns.
    pub(crate) column_rules: Vec<f64>,
}

pub(crate) fn frame_width(columns: usize) -> f64 {
    (PAGE_W - 2.0 * MARGIN - GUTTER * (columns as f64 - 1.0)) / columns as f64
}

struct Flow<'a> {
    spec: &'a Spec,
    pages: Vec<Page>,
    columns: usize,
    frame: usize,
    /// Where the current region's columns start: the frame top, or below full-width text above.
    region_top: f64,
    cursor: f64,
}

impl Flow<'_> {
    fn frame_x(&self) -> (f64, f64) {
        let width = frame_width(self.columns);
        (MARGIN + self.frame as f64 * (width + GUTTER), width)
    }

    fn new_page(&mut self) {
        let column_rules = if self.columns > 1 {
            vec![FRAME_TOP]
        } else {
            Vec::new()
        };
        self.pages.push(Page {
            lines: Vec::new(),
            column_rules,
        });
        self.frame = 0;
        self.region_top = FRAME_TOP;
        self.cursor = FRAME_TOP;
    }

    /// Switches the column count: two columns may start part-way down a page, below what is
    /// already set full width; anything else starts a new page.
    fn set_columns(&mut self, columns: usize) {
        let page_has_text = self.pages.last().is_some_and(|p| !p.lines.is_empty());
        if columns > self.columns && self.frame == 0 && page_has_text {
            self.columns = columns;
            self.region_top = self.cursor - self.spec.leading;
            self.cursor = self.region_top;
            if let Some(page) = self.pages.last_mut() {
                page.column_rules.push(self.region_top);
            }
        } else {
            self.columns = columns;
            if page_has_text {
                self.new_page();
            } else if let Some(page) = self.pages.last_mut() {
                page.column_rules = if columns > 1 {
                    vec![FRAME_TOP]
                } else {
                    Vec::new()
                };
            }
        }
    }

    fn next_frame(&mut self) {
        if self.frame + 1 < self.columns {
            self.frame += 1;
            self.cursor = self.region_top;
        } else {
            self.new_page();
        }
    }

    /// Reserves `space_before + height` in the current frame (or the next) and returns the baseline.
    fn place(&mut self, space_before: f64, height: f64) -> f64 {
        let gap = if self.cursor >= self.region_top {
            0.0
        } else {
            space_before
        };
        if self.cursor - gap - height < FRAME_BOTTOM {
            self.next_frame();
            return self.place(space_before, height);
        }
        self.cursor -= gap + height;
        self.cursor
    }

    fn push(&mut self, line: Line) {
        if let Some(page) = self.pages.last_mut() {
            page.lines.push(line);
        }
    }

    /// Sets a wrapped paragraph; with an `indent`, a bullet is drawn in the indent of line one.
    fn paragraph(
        &mut self,
        text: &str,
        face: Face,
        size: f64,
        leading: f64,
        indent: f64,
    ) -> io::Result<()> {
        let width = self.frame_x().1 - indent;
        let metrics = &self.spec.metrics;
        let measure = |s: &str| {
            metrics
                .width(face, s)
                .map_or(f64::MAX, |w| w * size / 1000.0)
        };
        let justified = self.spec.ops == TextOps::KernedJustified;
        for (i, (text, last)) in wrap(text, width, &measure).into_iter().enumerate() {
            metrics.width(face, &text)?;
            let space_before = if i == 0 { leading * 0.45 } else { 0.0 };
            let y = self.place(space_before, leading);
            let x = self.frame_x().0;
            if i == 0 && indent > 0.0 {
                let text = "\u{2022}".to_string();
                self.push(Line {
                    face,
                    size,
                    x: x + indent * 0.3,
                    y,
                    text,
                    width,
                    justify: false,
                    color: None,
                });
            }
            self.push(Line {
                face,
                size,
                x: x + indent,
                y,
                text,
                width,
                justify: justified && !last,
                color: None,
            });
        }
        Ok(())
    }

    /// Sets a title or heading in bold and the accent colour, wrapped if it is too long.
    fn display(&mut self, text: &str, size: f64, space_before: f64, height: f64) {
        let width = self.frame_x().1;
        let metrics = &self.spec.metrics;
        let measure = |s: &str| {
            metrics
                .width(Face::Bold, s)
                .map_or(f64::MAX, |w| w * size / 1000.0)
        };
        for (i, (text, _)) in wrap(text, width, &measure).into_iter().enumerate() {
            let y = self.place(if i == 0 { space_before } else { 0.0 }, height);
            let (x, color) = (self.frame_x().0, Some(self.spec.accent));
            self.push(Line {
                face: Face::Bold,
                size,
                x,
                y,
                text,
                width,
                justify: false,
                color,
            });
        }
    }

    fn block(&mut self, block: &Block) -> io::Result<()> {
        let (body, leading) = (self.spec.body_size, self.spec.leading);
        match block {
            Block::Title(t) => {
                self.display(t, 24.0, 0.0, 30.0);
                self.cursor -= 6.0;
            }
            Block::Lede(t) => self.paragraph(t, Face::Regular, body + 2.0, leading + 3.0, 0.0)?,
            Block::Heading(t) => {
                // Keep a heading with at least two lines of what follows it.
                if self.cursor - leading * 4.0 < FRAME_BOTTOM {
                    self.next_frame();
                }
                self.display(t, body + 2.5, leading * 0.9, body * 1.45);
                self.cursor -= 2.0;
            }
            Block::Para(t) => self.paragraph(t, Face::Regular, body, leading, 0.0)?,
            Block::Bullet(t) => self.paragraph(t, Face::Regular, body, leading, body * 1.4)?,
            Block::Columns(n) => self.set_columns((*n).clamp(1, 2)),
            Block::Break => self.next_frame(),
        }
        Ok(())
    }
}

pub(crate) fn layout(spec: &Spec, blocks: &[Block]) -> io::Result<Vec<Page>> {
    let mut flow = Flow {
        spec,
        pages: Vec::new(),
        columns: 1,
        frame: 0,
        region_top: FRAME_TOP,
        cursor: FRAME_TOP,
    };
    flow.new_page();
    for block in blocks {
        flow.block(block)?;
    }
    flow.pages.retain(|p| !p.lines.is_empty());
    Ok(flow.pages)
}
