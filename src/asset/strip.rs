//! Metadata out of published images: a phone photo carries the camera, the time and often the GPS position
//! of the practitioner's room; an exported drawing carries the author's name and software. The pixels are
//! left exactly as they are: the file's blocks are copied except those that only describe it (EXIF, XMP,
//! IPTC and comments in JPEG; text, time and EXIF chunks in PNG; EXIF and XMP in WebP; comments and
//! `<metadata>` in SVG, where drawing programs write the author's name). Colour profiles stay: without them
//! colours shift.

/// `bytes` without metadata, or `None` when there is none to remove (or the file is not one of the three
/// formats, or is damaged: then it is published as it is, and the decoder reports it elsewhere).
pub(super) fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes)
    } else if let Ok(text) = std::str::from_utf8(bytes)
        && text.trim_start_matches('\u{feff}').trim_start().starts_with('<')
        && text.contains("<svg")
    {
        svg(text)
    } else {
        None
    }
}

/// JPEG: the segments before the image data, less APP1 (EXIF, XMP), APP3–APP13 (IPTC and makers' notes),
/// APP15 and comments; APP0 (JFIF), APP2 (ICC profile) and APP14 (Adobe colour transform) are kept.
fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    let mut removed = false;
    loop {
        let marker = *bytes.get(at + 1)?;
        if bytes[at] != 0xFF {
            return None;
        }
        // Start of scan: the rest is image data (and the end marker), copied whole.
        if marker == 0xDA {
            out.extend_from_slice(&bytes[at..]);
            break;
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]));
        let end = at + 2 + length;
        if length < 2 || end > bytes.len() {
            return None;
        }
        let metadata = matches!(marker, 0xE1 | 0xE3..=0xED | 0xEF | 0xFE);
        if metadata {
            removed = true;
        } else {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
    removed.then_some(out)
}

/// PNG: every chunk but text (`tEXt`, `zTXt`, `iTXt`), time (`tIME`) and EXIF (`eXIf`). Each chunk carries
/// its own checksum, so the ones kept stay valid.
fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut at = 8;
    let mut removed = false;
    while at < bytes.len() {
        let length = usize::try_from(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?)).ok()?;
        let kind = bytes.get(at + 4..at + 8)?;
        let end = at.checked_add(12)?.checked_add(length)?;
        if end > bytes.len() {
            return None;
        }
        if matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"tIME" | b"eXIf") {
            removed = true;
        } else {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
    removed.then_some(out)
}

/// WebP: the RIFF chunks less `EXIF` and `XMP `, with the extended header's flags for them cleared and the
/// RIFF size written again.
fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..12]);
    let mut at = 12;
    let mut removed = false;
    while at + 8 <= bytes.len() {
        let kind = &bytes[at..at + 4];
        let length = usize::try_from(u32::from_le_bytes(bytes[at + 4..at + 8].try_into().ok()?)).ok()?;
        // Chunks are padded to an even length.
        let end = (at + 8).checked_add(length + (length & 1))?.min(bytes.len());
        if kind == b"EXIF" || kind == b"XMP " {
            removed = true;
        } else {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
    if !removed {
        return None;
    }
    // VP8X flags: bit 3 EXIF, bit 2 XMP.
    if out.get(12..16) == Some(b"VP8X") && out.len() > 20 {
        out[20] &= !0b0000_1100;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

/// SVG: the text less its comments and its `<metadata>` elements (RDF with the creator, the date, the
/// software). Text inside `<style>`, `<script>` and CDATA sections is left as it is.
fn svg(text: &str) -> Option<Vec<u8>> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut removed = false;
    loop {
        let next = ["<!--", "<metadata", "<style", "<script", "<![CDATA["]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min();
        let Some((at, open)) = next else { break };
        out.push_str(&rest[..at]);
        let (close, keep) = match open {
            "<!--" => ("-->", false),
            "<metadata" => ("</metadata>", false),
            "<style" => ("</style>", true),
            "<script" => ("</script>", true),
            _ => ("]]>", true),
        };
        // `<metadata/>` closes itself.
        let self_closing =
            open == "<metadata" && rest[at..].find('>').is_some_and(|end| rest[at..at + end].ends_with('/'));
        let end = if self_closing {
            rest[at..].find('>').map(|end| at + end + 1)
        } else {
            rest[at..].find(close).map(|end| at + end + close.len())
        };
        // An unclosed comment or element: a damaged file, published as it is.
        let end = end?;
        if keep {
            out.push_str(&rest[at..end]);
        } else {
            removed = true;
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    removed.then(|| out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    #[test]
    fn jpeg_loses_exif_and_comments_and_keeps_its_colour_profile_and_data() {
        let mut file = vec![0xFF, 0xD8];
        file.extend(segment(0xE0, b"JFIF\0\x01\x01"));
        file.extend(segment(0xE1, b"Exif\0\0GPS 51.5N"));
        file.extend(segment(0xE2, b"ICC_PROFILE\0"));
        file.extend(segment(0xFE, b"taken at the clinic"));
        file.extend(segment(0xDB, &[0; 65]));
        file.extend([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        let out = strip(&file).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("GPS") && !text.contains("clinic"));
        assert!(text.contains("JFIF") && text.contains("ICC_PROFILE"));
        assert!(out.ends_with(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]));
        assert_eq!(strip(&out), None, "nothing left to remove");
    }

    #[test]
    fn svg_loses_comments_and_metadata_and_keeps_its_styles() {
        let file = "<?xml version=\"1.0\"?>\n<!-- Created with Inkscape by Dana Okafor -->\n<svg xmlns=\"http://www.w3.org/2000/svg\">\
            <metadata><rdf:RDF><dc:creator>Dana Okafor</dc:creator></rdf:RDF></metadata>\
            <style>/* keep */ path { fill: red }</style><path d=\"M0 0h1\"/><metadata/></svg>";
        let out = String::from_utf8(strip(file.as_bytes()).unwrap()).unwrap();
        assert!(!out.contains("Dana") && !out.contains("metadata") && !out.contains("Inkscape"), "{out}");
        assert!(out.contains("<style>/* keep */ path { fill: red }</style><path d=\"M0 0h1\"/></svg>"), "{out}");
        assert_eq!(strip(out.as_bytes()), None);
    }

    #[test]
    fn png_loses_text_chunks() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0; 4]);
            c
        };
        let mut file = b"\x89PNG\r\n\x1a\n".to_vec();
        file.extend(chunk(b"IHDR", &[0; 13]));
        file.extend(chunk(b"tEXt", b"Author\0Dana"));
        file.extend(chunk(b"IDAT", &[1, 2, 3]));
        file.extend(chunk(b"IEND", &[]));
        let out = strip(&file).unwrap();
        assert!(!String::from_utf8_lossy(&out).contains("Dana"));
        assert_eq!(out.len(), file.len() - (12 + 11));
    }
}
