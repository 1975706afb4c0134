//! Where results go: stdout, or a file written whole or not at all (a
//! temporary file in the same folder, renamed into place once complete), so
//! an interrupted run never leaves half a report behind.

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Runs `render` into the named file atomically, or into stdout.
pub fn write_output(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            render(&mut out)?;
            out.flush()
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let mut temp = tempfile::Builder::new()
                .prefix(".mashup-")
                .suffix(".tmp")
                .tempfile_in(dir)?;
            {
                let mut out = BufWriter::new(temp.as_file_mut());
                render(&mut out)?;
                out.flush()?;
            }
            temp.as_file().sync_all()?;
            temp.persist(path).map_err(|e| e.error)?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_appears_only_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        let failed = write_output(Some(&target), |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("render failed"))
        });
        assert!(failed.is_err());
        assert!(!target.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "temp file left behind"
        );
        write_output(Some(&target), |w| w.write_all(b"whole")).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
    }
}
