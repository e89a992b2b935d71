//! Each shortcode's HTML in place of its marker: a block (a `<div>`, `<aside>`, `<figure>`, ...) takes the
//! place of the paragraph it stood in, splitting it if there was text around it, since a block cannot be
//! inside a `<p>`; anything else stands where it was written. The search text gets a block's body (the
//! author's words) and nothing of a template's own words; a heading in the contents loses the marker.

use super::super::Rendered;
use super::plan::marker;
use std::fmt::Write as _;

pub(super) struct Output {
    pub html: String,
    /// The text of its body, for search.
    pub text: String,
}

/// Elements that cannot be inside a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "video",
];

/// Puts every output in place; for each, whether its marker was where no HTML can go (inside a tag, as a
/// picture's text would be), in which case it is left out.
pub(super) fn splice(rendered: &mut Rendered, outputs: &[Output]) -> Vec<bool> {
    let mut misplaced = Vec::with_capacity(outputs.len());
    for (i, output) in outputs.iter().enumerate() {
        let mark = marker(i);
        rendered.text = rendered.text.replace(mark, &format!(" {} ", output.text.trim()));
        let html = &mut rendered.html;
        let Some(at) = html.find(mark) else {
            misplaced.push(true);
            continue;
        };
        let end = at + mark.len_utf8();
        let before = &html[..at];
        if before.rfind('<') > before.rfind('>') {
            html.replace_range(at..end, "");
            misplaced.push(true);
            continue;
        }
        misplaced.push(false);
        if !is_block(&output.html) {
            html.replace_range(at..end, &output.html);
            continue;
        }
        let open = before.rfind("<p>").filter(|&p| before.rfind("</p>").is_none_or(|closed| closed < p));
        let close = html[end..].find("</p>").map(|c| end + c);
        let (Some(open), Some(close)) = (open, close) else {
            html.replace_range(at..end, &output.html);
            continue;
        };
        let (text_before, text_after) = (&html[open + 3..at], &html[end..close]);
        let mut replacement = String::new();
        if !text_before.trim().is_empty() {
            let _ = writeln!(replacement, "<p>{}</p>", text_before.trim_end());
        }
        replacement.push_str(&output.html);
        if !text_after.trim().is_empty() {
            let _ = write!(replacement, "\n<p>{}</p>", text_after.trim_start());
        }
        html.replace_range(open..close + 4, &replacement);
    }
    for heading in &mut rendered.toc {
        heading.text = heading.text.chars().filter(|c| !is_marker(*c)).collect::<String>().trim().to_string();
    }
    misplaced
}

fn is_marker(c: char) -> bool {
    ('\u{F0000}'..='\u{FFFFD}').contains(&c)
}

/// Whether HTML starts with an element that cannot be inside a paragraph.
fn is_block(html: &str) -> bool {
    let Some(tag) = html.trim_start().strip_prefix('<') else { return false };
    let name: String = tag.chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    BLOCKS.contains(&name.as_str())
}
