//! The spreadsheet campaigners keep: one `.xlsx` workbook with three sheets.
//!
//! - **Asks**: one row per ask of the lexicon: how far it got, whether it
//!   has stalled, when, on how many pieces of evidence, the deciding quote
//!   and its document (a link when it has a web address), the parties that
//!   pledged it, and the campaigner's verdict and note.
//! - **Evidence**: the columns of `evidence.csv` (see [`super::CSV_FILES`]),
//!   so the sheet can be edited (`decision`, `note`) and the workbook given
//!   back to `track --decisions`, as the Asks sheet's `Verdict` and `Note`
//!   can.
//! - **Documents**: every document read, with how reading it went.
//!
//! Each sheet has a bold, frozen header row with an autofilter. Every cell
//! is written as text with `write_string` (or as a hyperlink, whose cell
//! text is also a string): nothing becomes a formula, however it starts, and
//! dates stay the ISO text they are (`2015-05-07`), never Excel serial
//! numbers; date columns are formatted as text so dates typed in later stay
//! text too. Links are made only for `http://` and `https://` addresses
//! that Excel accepts, up to Excel's limit per sheet; any other address is
//! plain text. The file's creation date is the run's reference date, so the
//! same documents give the same bytes.

use super::{parties_text, stage_label};
use crate::track::decisions::Decision;
use crate::track::{DocStatus, Tracking};
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, RowNum, Url, Workbook, Worksheet,
    XlsxError,
};
use std::io::{self, Write};

/// The names of the workbook's sheets, in order.
pub const XLSX_SHEETS: [&str; 3] = ["Asks", "Evidence", "Documents"];

/// Excel's longest cell text.
const MAX_CELL_CHARS: usize = 32_767;

/// Excel's most hyperlinks in one worksheet.
const MAX_LINKS_PER_SHEET: usize = 65_530;

/// Excel's longest hyperlink address.
const MAX_URL_CHARS: usize = 2_079;

/// How a column is shown.
#[derive(Clone, Copy)]
enum Style {
    /// Plain text.
    Plain,
    /// Long text: wrapped.
    Wrap,
    /// A date: text format, so what is typed in stays text.
    Date,
}

/// A sheet's columns: header, width in characters, style.
type Columns = [(&'static str, f64, Style)];

const ASK_COLUMNS: &Columns = &[
    ("Ask", 36.0, Style::Wrap),
    ("Id", 28.0, Style::Plain),
    ("Stage", 16.0, Style::Plain),
    ("Stalled", 9.0, Style::Plain),
    ("Date", 12.0, Style::Date),
    ("Evidence pieces", 10.0, Style::Plain),
    ("Deciding quote", 60.0, Style::Wrap),
    ("Document", 36.0, Style::Wrap),
    ("Parties", 30.0, Style::Wrap),
    ("Verdict", 14.0, Style::Plain),
    ("Note", 30.0, Style::Wrap),
];

const EVIDENCE_COLUMNS: &Columns = &[
    ("id", 17.0, Style::Plain),
    ("ask", 26.0, Style::Plain),
    ("decision", 10.0, Style::Plain),
    ("note", 30.0, Style::Wrap),
    ("stage", 11.0, Style::Plain),
    ("reason", 30.0, Style::Wrap),
    ("date", 12.0, Style::Date),
    ("kind", 16.0, Style::Plain),
    ("title", 36.0, Style::Wrap),
    ("place", 18.0, Style::Wrap),
    ("url", 36.0, Style::Wrap),
    ("quote", 60.0, Style::Wrap),
    ("new", 6.0, Style::Plain),
    ("path", 36.0, Style::Wrap),
];

const DOCUMENT_COLUMNS: &Columns = &[
    ("path", 40.0, Style::Wrap),
    ("title", 40.0, Style::Wrap),
    ("kind", 16.0, Style::Plain),
    ("date", 12.0, Style::Date),
    ("date role", 12.0, Style::Plain),
    ("url", 36.0, Style::Wrap),
    ("status", 9.0, Style::Plain),
    ("message", 40.0, Style::Wrap),
    ("evidence count", 10.0, Style::Plain),
];

/// Writes the workbook.
pub fn write_xlsx(tracking: &Tracking, out: &mut dyn Write) -> io::Result<()> {
    let bytes = xlsx_bytes(tracking).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// The workbook's bytes.
pub fn xlsx_bytes(tracking: &Tracking) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = tracking
        .reference_date
        .as_deref()
        .and_then(|d| ExcelDateTime::parse_from_str(d).ok())
        .map_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1), Ok)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Asks after the election")
            .set_creation_datetime(&created),
    );

    let mut sheet = Sheet::new(workbook.add_worksheet(), XLSX_SHEETS[0], ASK_COLUMNS)?;
    for ask in &tracking.asks {
        let deciding = ask
            .evidence
            .as_deref()
            .and_then(|id| tracking.evidence_by_id(id));
        sheet.text(&ask.label)?;
        sheet.text(&ask.id)?;
        sheet.text(stage_label(ask))?;
        sheet.text(if ask.stalled { "yes" } else { "no" })?;
        sheet.text(ask.date.as_deref().unwrap_or(""))?;
        sheet.count(ask.timeline.len())?;
        sheet.text(deciding.map_or("", |e| e.quote.as_str()))?;
        match deciding {
            Some(e) => sheet.link(
                ask.url.as_deref().or(e.url.as_deref()),
                e.title.as_deref().unwrap_or(&e.path),
            )?,
            None => sheet.text("")?,
        }
        sheet.text(&parties_text(ask))?;
        sheet.text(ask.verdict.label())?;
        sheet.text(&ask.note)?;
        sheet.end_row();
    }
    sheet.finish()?;

    let mut sheet = Sheet::new(workbook.add_worksheet(), XLSX_SHEETS[1], EVIDENCE_COLUMNS)?;
    for e in &tracking.evidence {
        sheet.text(&e.id)?;
        sheet.text(&e.ask)?;
        sheet.text(e.decision.map_or("", Decision::name))?;
        sheet.text(&e.note)?;
        sheet.text(e.stage.name())?;
        sheet.text(&e.reason)?;
        sheet.text(e.date.as_deref().unwrap_or(""))?;
        sheet.text(e.kind.map_or("", |k| k.label()))?;
        sheet.text(e.title.as_deref().unwrap_or(""))?;
        sheet.text(&e.place)?;
        let url = e.url.as_deref().unwrap_or("");
        sheet.link(Some(url), url)?;
        sheet.text(&e.quote)?;
        sheet.text(if e.new { "yes" } else { "no" })?;
        sheet.text(&e.path)?;
        sheet.end_row();
    }
    sheet.finish()?;

    let mut sheet = Sheet::new(workbook.add_worksheet(), XLSX_SHEETS[2], DOCUMENT_COLUMNS)?;
    for d in &tracking.documents {
        sheet.text(&d.path)?;
        sheet.text(d.title.as_deref().unwrap_or(""))?;
        sheet.text(d.kind.map_or("", |k| k.label()))?;
        sheet.text(d.date.as_deref().unwrap_or(""))?;
        sheet.text(d.date_role.map_or("", |r| r.label()))?;
        let url = d.url.as_deref().unwrap_or("");
        sheet.link(Some(url), url)?;
        sheet.text(match d.status {
            DocStatus::Ok => "ok",
            DocStatus::Warning => "warning",
            DocStatus::Error => "error",
        })?;
        sheet.text(d.message.as_deref().unwrap_or(""))?;
        sheet.count(d.evidence as usize)?;
        sheet.end_row();
    }
    sheet.finish()?;

    workbook.save_to_buffer()
}

/// A worksheet being filled row by row, left to right.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    formats: Vec<Format>,
    link_formats: Vec<Format>,
    row: RowNum,
    col: ColNum,
    links: usize,
}

impl<'a> Sheet<'a> {
    /// Names the sheet, sets its columns and writes the header row.
    fn new(ws: &'a mut Worksheet, name: &str, columns: &Columns) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        let header = Format::new()
            .set_bold()
            .set_background_color("#DDE6F0")
            .set_align(FormatAlign::Top);
        let mut formats = Vec::with_capacity(columns.len());
        let mut link_formats = Vec::with_capacity(columns.len());
        for (col, (title, width, style)) in columns.iter().enumerate() {
            let col = col as ColNum;
            let base = Format::new().set_align(FormatAlign::Top);
            let format = match style {
                Style::Plain => base,
                Style::Wrap => base.set_text_wrap(),
                Style::Date => base.set_num_format("@"),
            };
            ws.set_column_width(col, *width)?;
            ws.set_column_format(col, &format)?;
            ws.write_string_with_format(0, col, *title, &header)?;
            link_formats.push(format.clone().set_hyperlink());
            formats.push(format);
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            ws,
            formats,
            link_formats,
            row: 1,
            col: 0,
            links: 0,
        })
    }

    /// Writes text in the next cell, as text whatever it looks like.
    fn text(&mut self, text: &str) -> Result<(), XlsxError> {
        let text = fit(text);
        let format = &self.formats[usize::from(self.col)];
        self.ws
            .write_string_with_format(self.row, self.col, text, format)?;
        self.col += 1;
        Ok(())
    }

    /// Writes a count in the next cell.
    fn count(&mut self, n: usize) -> Result<(), XlsxError> {
        let format = &self.formats[usize::from(self.col)];
        self.ws
            .write_number_with_format(self.row, self.col, n as f64, format)?;
        self.col += 1;
        Ok(())
    }

    /// Writes `text` in the next cell, linked to `url` when it is a web
    /// address Excel takes.
    fn link(&mut self, url: Option<&str>, text: &str) -> Result<(), XlsxError> {
        let linkable = super::web_address(url)
            .filter(|u| u.chars().count() <= MAX_URL_CHARS && !u.chars().any(char::is_whitespace));
        if let Some(url) = linkable.filter(|_| self.links < MAX_LINKS_PER_SHEET) {
            let format = &self.link_formats[usize::from(self.col)];
            let link = Url::new(url).set_text(fit(text));
            if self
                .ws
                .write_url_with_format(self.row, self.col, link, format)
                .is_ok()
            {
                self.links += 1;
                self.col += 1;
                return Ok(());
            }
        }
        self.text(text)
    }

    fn end_row(&mut self) {
        self.row += 1;
        self.col = 0;
    }

    /// Puts the autofilter over the header and every row written.
    fn finish(self) -> Result<(), XlsxError> {
        let last_col = (self.formats.len() - 1) as ColNum;
        self.ws.autofilter(0, 0, self.row - 1, last_col)?;
        Ok(())
    }
}

/// Text cut to what a cell holds, with an ellipsis when cut.
fn fit(text: &str) -> String {
    if text.chars().count() <= MAX_CELL_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('\u{2026}');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track::render::sample_tracking;

    #[test]
    fn long_text_is_cut_to_a_cell() {
        let long = "x".repeat(MAX_CELL_CHARS + 10);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('\u{2026}'));
        assert_eq!(fit("=1+1"), "=1+1");
    }

    #[test]
    fn a_workbook_is_written_and_nothing_is_a_formula() {
        let bytes = xlsx_bytes(&sample_tracking()).unwrap();
        assert!(bytes.starts_with(b"PK"));
        // The same tracking gives the same bytes (no clock in the file).
        assert_eq!(bytes, xlsx_bytes(&sample_tracking()).unwrap());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            if file.name().unwrap().starts_with("xl/worksheets/sheet") {
                std::io::Read::read_to_string(&mut file, &mut xml).unwrap();
            }
        }
        assert!(!xml.contains("<f>"), "a cell is a formula: {xml}");
        // One link: the second piece of evidence's address; neither the
        // address with a space nor `javascript:` is one.
        assert_eq!(xml.matches("<hyperlink ").count(), 1, "{xml}");
        assert!(xml.contains("<hyperlink ref=\"K3\""), "{xml}");
    }
}
