//! Bytes to text: UTF-8 with or without a byte-order mark, LF or CRLF. Anything else is an error that says
//! how to fix it, with the line of the first bad byte.

use crate::diag::{Diagnostic, Kind};
use std::path::Path;

pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(Kind::Content, "this file is saved as UTF-16, which sinew does not read")
            .in_file(path)
            .help("save it as UTF-8 (most editors: Save As > Encoding > UTF-8)"));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let good = &bytes[..error.valid_up_to()];
            #[allow(clippy::naive_bytecount)] // on the error path only; not worth a dependency
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
            let mut location = crate::diag::Location::file(path);
            location.line = Some(line);
            location.column = column;
            return Err(Diagnostic::error(
                Kind::Content,
                format!(
                    "this file is not UTF-8: line {line} has a byte ({:#04x}) that is not valid UTF-8",
                    bytes[error.valid_up_to()]
                ),
            )
            .at(location)
            .help("it was probably saved as Latin-1 or Windows-1252; save it as UTF-8"));
        }
    };
    // Editors and word processors leave CR line ends and stray byte-order marks; neither means anything here.
    let mut clean = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    if clean.contains('\u{feff}') {
        clean = clean.replace('\u{feff}', "");
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::decode;
    use std::path::Path;

    #[test]
    fn accepts_bom_and_crlf() {
        let text = decode(Path::new("a.md"), b"\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\n").unwrap();
        assert_eq!(text, "---\ntitle: A\n---\n");
    }

    #[test]
    fn latin1_names_the_line_of_the_first_bad_byte() {
        let error = decode(Path::new("a.md"), b"---\ntitle: Caf\xE9\n---\n").unwrap_err();
        assert_eq!(error.location.unwrap().line, Some(2));
    }

    #[test]
    fn utf16_says_to_save_as_utf8() {
        let error = decode(Path::new("a.md"), b"\xFF\xFEa\x00").unwrap_err();
        assert!(error.help.unwrap().contains("UTF-8"));
    }
}
