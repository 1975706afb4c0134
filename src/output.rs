//! Where results go: stdout, or a file written whole or not at all (a
//! temporary file in the same folder, renamed into place once complete), so
//! an interrupted run never leaves half a report behind. A report of several
//! files (CSV) goes to a folder, each file written the same way.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Renders one file of a multi-file report of a `T`.
pub type FileRenderer<T> = fn(&T, &mut dyn Write) -> io::Result<()>;

/// Creates the folder `dir` if needed and writes each named file of `value`
/// into it atomically (each file whole or not at all; files already written
/// stay when a later one fails). The error names the file that failed.
pub fn write_output_dir<T>(
    dir: &Path,
    files: &[(&str, FileRenderer<T>)],
    value: &T,
) -> Result<(), (PathBuf, io::Error)> {
    std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    for (name, render) in files {
        let path = dir.join(name);
        write_output(Some(&path), |out| render(value, out)).map_err(|e| (path.clone(), e))?;
    }
    Ok(())
}

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
        // A device or pipe (`-o /dev/null`, `-o /dev/stdout`) is written to
        // as it is: renaming a file over it would replace it.
        Some(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
            let mut out = BufWriter::new(std::fs::OpenOptions::new().write(true).open(path)?);
            render(&mut out)?;
            out.flush()
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let mut builder = tempfile::Builder::new();
            builder.prefix(".mashup-").suffix(".tmp");
            // A report is for sharing: the usual mode of a new file (0666
            // less the umask), not the private 0600 of a temporary file.
            #[cfg(unix)]
            builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
            let mut temp = builder.tempfile_in(dir)?;
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

    #[cfg(unix)]
    #[test]
    fn devices_are_written_to_not_replaced() {
        let null = Path::new("/dev/null");
        write_output(Some(null), |w| w.write_all(b"discarded")).unwrap();
        let meta = std::fs::metadata(null).unwrap();
        assert!(!meta.is_file(), "/dev/null was replaced by a regular file");
    }

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

    #[test]
    fn folder_is_created_and_each_file_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new/csv");
        fn a(_: &(), w: &mut dyn Write) -> io::Result<()> {
            w.write_all(b"a")
        }
        fn broken(_: &(), w: &mut dyn Write) -> io::Result<()> {
            w.write_all(b"half")?;
            Err(io::Error::other("render failed"))
        }
        let files: [(&str, FileRenderer<()>); 2] = [("a.csv", a), ("b.csv", broken)];
        let (path, _) = write_output_dir(&target, &files, &()).unwrap_err();
        assert_eq!(path, target.join("b.csv"));
        assert_eq!(std::fs::read(target.join("a.csv")).unwrap(), b"a");
        let names: Vec<_> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            ["a.csv"],
            "a half-written file or temp file was left"
        );
    }
}
