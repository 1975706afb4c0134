//! Damaged and hostile PDFs: thousands of corrupted variants of real files
//! go through the reader and layout, and none may panic. (The pipeline also
//! catches panics per document, but that is a last line of defence: this
//! test wants none to happen at all.)

use manifesto_mashup::pdf::{OpenOptions, PdfDocument};
use manifesto_mashup::text::{layout_page, LayoutParams};
use std::path::Path;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One corruption of `bytes`: flipped bytes, a cut, a duplicated or deleted
/// stretch, or digits changed (offsets, lengths, counts).
fn corrupt(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match rng.below(5) {
        0 => {
            for _ in 0..1 + rng.below(20) {
                let i = rng.below(out.len());
                out[i] = rng.next() as u8;
            }
        }
        1 => out.truncate(rng.below(out.len())),
        2 => {
            let at = rng.below(out.len());
            let len = rng.below(2000).min(out.len() - at);
            let copy = out[at..at + len].to_vec();
            let to = rng.below(out.len());
            out.splice(to..to, copy);
        }
        3 => {
            let at = rng.below(out.len());
            let len = rng.below(2000).min(out.len() - at);
            out.drain(at..at + len);
        }
        _ => {
            for _ in 0..1 + rng.below(10) {
                let start = rng.below(out.len());
                if let Some(i) = out[start..].iter().position(u8::is_ascii_digit) {
                    out[start + i] = b'0' + rng.below(10) as u8;
                }
            }
        }
    }
    out
}

/// Reads every page of `bytes` the way `mashup extract` does.
fn read_all(bytes: &[u8]) {
    let Ok(mut doc) = PdfDocument::open(bytes, &OpenOptions::default()) else {
        return;
    };
    read_pages(&mut doc);
}

fn read_pages(doc: &mut PdfDocument) {
    let params = LayoutParams::default();
    for i in 0..doc.page_count().min(50) {
        let page = doc.page(i);
        let laid_out = layout_page(&page, &params);
        let _ = laid_out.render(true);
    }
}

fn fuzz_file(path: &Path, rounds: usize, seed: u64) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // The undamaged file must open, or its corruptions would test only the header check.
    let mut doc = PdfDocument::open(&bytes, &OpenOptions::default())
        .unwrap_or_else(|e| panic!("{} does not open: {e}", path.display()));
    read_pages(&mut doc);
    let mut rng = Rng(seed | 1);
    for round in 0..rounds {
        let damaged = corrupt(&bytes, &mut rng);
        let outcome = std::panic::catch_unwind(|| read_all(&damaged));
        if outcome.is_err() {
            let dump = std::env::temp_dir().join(format!("mashup-fuzz-{}-{round}.pdf", seed));
            std::fs::write(&dump, &damaged).unwrap();
            panic!(
                "{} corrupted (round {round}) panics; saved as {}",
                path.display(),
                dump.display()
            );
        }
    }
}

#[test]
fn corrupted_sample_manifestos_never_panic() {
    for (i, name) in [
        "hedgerow-2026.pdf",
        "northern-commonwealth-2026.pdf",
        "civic-renewal-2026.pdf",
    ]
    .iter()
    .enumerate()
    {
        fuzz_file(
            &crate::util::root().join("corpus").join(name),
            300,
            0x5eed + i as u64,
        );
    }
}

#[test]
fn corrupted_awkward_pdfs_never_panic() {
    if crate::util::shared_dir().is_none() {
        return;
    }
    for (i, name) in [
        "simple1.pdf",
        "simple3.pdf",
        "jo.pdf",
        "contrib/issue-1062-filters.pdf",
        "font-size-test.pdf",
    ]
    .iter()
    .enumerate()
    {
        let path = crate::util::shared_file(&format!("pdfs/pdfminer.six/samples/{name}"))
            .expect("../shared is there");
        fuzz_file(&path, 150, 0xbad + i as u64);
    }
    // Real manifestos with embedded Type1C programs and tolerant CMaps.
    for (i, name) in [
        "uk-2015/2015-snp-manifesto.pdf",
        "uk-historic/2005-05-liberal_democrats.pdf",
    ]
    .iter()
    .enumerate()
    {
        let path = crate::util::shared_file(&format!("corpus/{name}")).expect("../shared is there");
        fuzz_file(&path, 25, 0xface + i as u64);
    }
}
