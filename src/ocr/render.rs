//! Pages to pixels: a page rendered whole, as a reader sees it, into a
//! greyscale image for the recogniser.
//!
//! Rendering goes through `hayro`, a complete PDF rasteriser in pure Rust,
//! rather than picking a page's images out one by one: scans layer a JPEG
//! background under CCITT or JBIG2 masks, use `/Decode` arrays, clip and
//! rotate, and only a renderer composes all of that the way the page looks.
//! It parses the file itself (its own object model, with its own repair and
//! decryption), so a page we could lay out but it cannot open is a warning
//! on that page, not a failed document.

use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The largest image rendered for one page, in pixels: an A4 page at 300 dpi
/// is 8.7 million, an A3 poster at 300 dpi 17.4 million. A larger page is
/// rendered at a lower resolution (and recognised at that one), so that its
/// RGBA buffer stays under 160 MB whatever size the page claims.
const MAX_PIXELS: f64 = 40_000_000.0;

/// The renderer's limit on either side, in pixels.
const MAX_SIDE: f64 = u16::MAX as f64;

/// A rendered page: 8-bit grey, one byte per pixel, rows top to bottom.
pub struct GreyImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The resolution it was rendered at (lower than asked for a huge page).
    pub dpi: u32,
    /// Rows of `width` bytes, 0 black to 255 white.
    pub pixels: Vec<u8>,
}

impl GreyImage {
    /// Writes the image as a binary PGM (netpbm P5), which Tesseract's
    /// image library reads from a pipe with no encoding work on our side.
    pub fn write_pgm(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        write!(out, "P5\n{} {}\n255\n", self.width, self.height)?;
        out.write_all(&self.pixels)
    }
}

/// A PDF opened for rendering. Opened once per document and shared by the
/// workers rendering its pages.
pub struct Renderable {
    pdf: Pdf,
}

impl Renderable {
    /// Opens `bytes` (with `password` when given).
    pub fn open(bytes: &[u8], password: Option<&str>) -> Result<Renderable, String> {
        // The renderer keeps its own copy: it outlives the caller's buffer.
        let opened = catch_unwind(AssertUnwindSafe(|| {
            Pdf::new_with_password(bytes.to_vec(), password.unwrap_or(""))
        }))
        .map_err(|_| "the renderer failed on this file".to_string())?;
        opened
            .map(|pdf| Renderable { pdf })
            .map_err(|e| format!("the renderer cannot open this file ({e:?})"))
    }

    /// Renders page `number` (1-based) at `dpi` on white, as grey.
    pub fn render(&self, number: u32, dpi: u32) -> Result<GreyImage, String> {
        let pages = self.pdf.pages();
        let page = number
            .checked_sub(1)
            .and_then(|i| pages.get(i as usize))
            .ok_or_else(|| {
                format!(
                    "the renderer finds {} pages, not page {number}",
                    pages.len()
                )
            })?;
        let (width_pt, height_pt) = page.render_dimensions();
        let dpi = fitting_dpi(width_pt, height_pt, dpi);
        let scale = dpi as f32 / 72.0;
        let pixmap = catch_unwind(AssertUnwindSafe(|| {
            hayro::render(
                page,
                &RenderCache::new(),
                &Default::default(),
                &RenderSettings::default(),
                &PixmapSettings {
                    x_scale: scale,
                    y_scale: scale,
                    bg_color: WHITE,
                },
            )
        }))
        .map_err(|_| format!("the renderer failed on page {number}"))?;
        let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        if width == 0 || height == 0 {
            return Err(format!("page {number} has no area to render"));
        }
        // The background is opaque white, so every pixel is opaque and its
        // premultiplied colour is its colour. Rec. 601 luma, as Leptonica's
        // own RGB-to-grey conversion uses.
        let pixels = pixmap
            .data()
            .iter()
            .map(|p| {
                ((299 * u32::from(p.r) + 587 * u32::from(p.g) + 114 * u32::from(p.b)) / 1000) as u8
            })
            .collect();
        Ok(GreyImage {
            width,
            height,
            dpi,
            pixels,
        })
    }
}

/// `dpi`, lowered when needed so that a page of `width` × `height` points
/// fits [`MAX_PIXELS`] and [`MAX_SIDE`]; at least 1.
fn fitting_dpi(width: f32, height: f32, dpi: u32) -> u32 {
    let (w, h) = (f64::from(width.max(1.0)), f64::from(height.max(1.0)));
    let at = |dpi: f64| (w * dpi / 72.0, h * dpi / 72.0);
    let (pw, ph) = at(f64::from(dpi));
    let mut fit = 1.0f64;
    if pw * ph > MAX_PIXELS {
        fit = fit.min((MAX_PIXELS / (pw * ph)).sqrt());
    }
    if pw.max(ph) > MAX_SIDE {
        fit = fit.min(MAX_SIDE / pw.max(ph));
    }
    ((f64::from(dpi) * fit).floor() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_at_300_dpi_is_rendered_as_asked() {
        assert_eq!(fitting_dpi(595.0, 842.0, 300), 300);
    }

    #[test]
    fn a_huge_page_is_rendered_at_a_lower_resolution() {
        // A 5 m square "page": 300 dpi would be 59,000 pixels a side.
        let dpi = fitting_dpi(14_173.0, 14_173.0, 300);
        let side = 14_173.0 * dpi as f64 / 72.0;
        assert!(side * side <= MAX_PIXELS, "{dpi} dpi");
        assert!(dpi >= 30, "{dpi} dpi");
        // The renderer's own limit: 200 in × 1 in would be 60,000 pixels wide.
        let dpi = fitting_dpi(14_400.0, 72.0, 300);
        assert!(14_400.0 * dpi as f64 / 72.0 <= MAX_SIDE, "{dpi} dpi");
    }

    #[test]
    fn pgm_has_the_netpbm_header() {
        let image = GreyImage {
            width: 2,
            height: 1,
            dpi: 300,
            pixels: vec![0, 255],
        };
        let mut pgm = Vec::new();
        image.write_pgm(&mut pgm).unwrap();
        assert_eq!(pgm, b"P5\n2 1\n255\n\x00\xff");
    }
}
