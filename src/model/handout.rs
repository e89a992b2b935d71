//! Handouts: `content/handouts/<id>.md`, a client's home-exercise sheet. The front matter lists stretches by id,
//! in order, each with optional dosage overrides and a note; the body is the sheet's intro. No I/O here: ids
//! are resolved against the site by `handout`, after linking.

use crate::diag::{Diagnostic, Diagnostics, Kind, Location, SourceMap, did_you_mean};
use crate::fields::Fields;
use crate::fields::date::Date;
use crate::fields::id::Id;
use crate::fields::schema::Sides;
use crate::fields::yaml::Yaml;
use crate::source::SourceFile;
use std::path::Path;

/// Top-level front matter keys of a handout.
pub const HANDOUT_FIELDS: &[&str] =
    &["title", "summary", "draft", "reviewed", "reviewed_by", "updated", "notes", "stretches", "week_grid"];

/// Keys of one item under `stretches:`.
pub const ITEM_FIELDS: &[&str] = &["id", "hold_seconds", "reps", "sets", "sides", "frequency", "note"];

/// Dosage a handout sets for one stretch, replacing the entry's own where given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub hold_seconds: Option<u32>,
    pub reps: Option<u32>,
    pub sets: Option<u32>,
    pub sides: Option<Sides>,
    pub frequency: Option<String>,
}

impl Overrides {
    /// The number the handout gives for a dosage field (`hold_seconds`, `reps`, `sets`), if it gives one.
    pub fn count(&self, field: &str) -> Option<u32> {
        match field {
            "hold_seconds" => self.hold_seconds,
            "reps" => self.reps,
            "sets" => self.sets,
            _ => None,
        }
    }
}

/// One stretch of a handout, as written: its id (not yet resolved), where the id is written, overrides, note.
#[derive(Debug, Clone)]
pub struct HandoutItem {
    pub id: String,
    pub location: Option<Location>,
    pub overrides: Overrides,
    /// Inline Markdown shown under the stretch ("Do this one after your walk").
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct HandoutFields {
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    pub reviewed: Option<Date>,
    pub reviewed_by: Option<String>,
    pub updated: Option<Date>,
    /// The practitioner's notes, Markdown, and where they are written.
    pub notes: Option<String>,
    pub notes_location: Option<Location>,
    pub stretches: Vec<HandoutItem>,
    /// Print a week of tick boxes (days x exercises) after the exercises.
    pub week_grid: bool,
}

#[derive(Debug, Clone)]
pub struct Handout {
    pub id: Id,
    pub source: SourceFile,
    pub fields: HandoutFields,
    pub body_offset: usize,
}

impl Handout {
    /// The intro, Markdown.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }
}

/// Parses a handout file. Like entries, a handout comes back with field errors when its front matter could be
/// read at all, so unknown stretch ids are reported in the same run.
pub fn parse_handout(source: SourceFile, id: Id) -> (Option<Handout>, Diagnostics) {
    let split = match crate::source::split(&source.path, &source.text) {
        Ok(split) => split,
        Err(error) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(error);
            return (None, diagnostics);
        }
    };
    let map = SourceMap::new(&source.text);
    let mut fields = Fields::parse(&source.path, &map, split.front_matter, split.front_matter_offset);
    if fields.has_errors() {
        return (None, fields.diagnostics);
    }
    let mut typed = HandoutFields {
        title: fields.required_text("title", "Your home stretches").unwrap_or_default(),
        summary: fields.text("summary"),
        draft: fields.bool("draft").unwrap_or(false),
        reviewed: fields.date("reviewed"),
        reviewed_by: fields.text("reviewed_by"),
        updated: fields.date("updated"),
        notes_location: Some(fields.key_location("notes")),
        notes: fields.text("notes"),
        stretches: Vec::new(),
        week_grid: fields.bool("week_grid").unwrap_or(false),
    };
    let stretches_location = fields.key_location("stretches");
    let front_matter = FrontMatter {
        path: &source.path,
        map: &map,
        start: split.front_matter_offset,
        end: split.front_matter_offset + split.front_matter.len(),
    };
    match fields.take("stretches") {
        None => fields.diagnostics.push(
            Diagnostic::error(Kind::Handout, "a handout needs `stretches`")
                .at(stretches_location)
                .help("list the stretch ids in order: `stretches: [figure-four, childs-pose]`"),
        ),
        Some(value) => typed.stretches = items(value, &front_matter, &stretches_location, &mut fields.diagnostics),
    }
    fields.reject_unknown(HANDOUT_FIELDS, "a handout");
    let (diagnostics, body_offset) = (fields.diagnostics, split.body_offset);
    (Some(Handout { id, source, fields: typed, body_offset }), diagnostics)
}

/// The front matter's place in its file, to find where each item is written.
struct FrontMatter<'a> {
    path: &'a Path,
    map: &'a SourceMap<'a>,
    start: usize,
    end: usize,
}

impl FrontMatter<'_> {
    /// The location of the first whole-word `needle` at or after byte `from`, and the byte after it.
    fn find(&self, needle: &str, from: usize) -> Option<(Location, usize)> {
        let text = &self.map.text()[..self.end];
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        let mut at = from.max(self.start);
        while let Some(found) = text.get(at..).and_then(|rest| rest.find(needle)) {
            let begin = at + found;
            let end = begin + needle.len();
            let before_ok = !text[..begin].ends_with(is_word);
            let after_ok = !text[end..].starts_with(is_word);
            if before_ok && after_ok {
                return Some((Location::at(self.path, self.map, begin, needle.chars().count()), end));
            }
            at = end;
        }
        None
    }
}

/// Reads `stretches:`: a list whose items are ids, or mappings with an `id` and overrides.
fn items(
    value: Yaml,
    front_matter: &FrontMatter<'_>,
    key_location: &Location,
    diagnostics: &mut Diagnostics,
) -> Vec<HandoutItem> {
    let list = match value {
        Yaml::Seq(list) => list,
        Yaml::String(id) => vec![Yaml::String(id)],
        other => {
            diagnostics.push(
                Diagnostic::error(
                    Kind::Handout,
                    format!("`stretches` must be a list of stretch ids, found {}", other.describe()),
                )
                .at(key_location.clone())
                .help("write it as `stretches: [figure-four, childs-pose]`, or one `- id: ...` per line"),
            );
            return Vec::new();
        }
    };
    if list.is_empty() {
        diagnostics.push(
            Diagnostic::error(Kind::Handout, "a handout needs at least one stretch")
                .at(key_location.clone())
                .help("list the stretch ids in order: `stretches: [figure-four, childs-pose]`"),
        );
    }
    // Items are found in the text in order, so a stretch listed twice is reported at the right line.
    let mut cursor = key_location.line.map_or(front_matter.start, |line| front_matter.map.line_start(line));
    let mut items = Vec::new();
    for (index, item) in list.into_iter().enumerate() {
        let number = index + 1;
        let item_start = cursor;
        let (id, pairs) = match item {
            Yaml::String(id) => (Some(id), Vec::new()),
            Yaml::Map(mut pairs) => {
                let id = pairs.iter().position(|(k, _)| k == "id").map(|i| pairs.remove(i).1);
                match id {
                    Some(Yaml::String(id)) => (Some(id), pairs),
                    Some(other) => {
                        let location = front_matter.find("id", cursor).map_or(key_location.clone(), |(l, _)| l);
                        diagnostics.push(
                            Diagnostic::error(
                                Kind::Handout,
                                format!("the id of stretch {number} must be text, found {}", other.describe()),
                            )
                            .at(location)
                            .help("put the id in quotes"),
                        );
                        (None, pairs)
                    }
                    None => {
                        diagnostics.push(
                            Diagnostic::error(Kind::Handout, format!("stretch {number} has no `id`"))
                                .at(key_location.clone())
                                .help("give each item an id: `- id: figure-four`"),
                        );
                        (None, pairs)
                    }
                }
            }
            other => {
                diagnostics.push(
                    Diagnostic::error(
                        Kind::Handout,
                        format!("stretch {number} must be an id, found {}", other.describe()),
                    )
                    .at(key_location.clone())
                    .help("YAML reads some words as numbers or yes/no values; put the id in quotes"),
                );
                continue;
            }
        };
        let Some(id) = id else { continue };
        let found = front_matter.find(&id, item_start);
        if let Some((_, end)) = &found {
            cursor = *end;
        }
        let location = found.map(|(location, _)| location);
        let mut item = HandoutItem { id, location: location.clone(), overrides: Overrides::default(), note: None };
        let here = location.unwrap_or_else(|| key_location.clone());
        for (key, value) in pairs {
            let at = front_matter.find(&key, item_start).map_or_else(|| here.clone(), |(l, _)| l);
            read_override(&mut item, &key, value, &at, diagnostics);
        }
        items.push(item);
    }
    items
}

fn read_override(item: &mut HandoutItem, key: &str, value: Yaml, at: &Location, diagnostics: &mut Diagnostics) {
    let overrides = &mut item.overrides;
    let number = |slot: &mut Option<u32>, diagnostics: &mut Diagnostics| match &value {
        Yaml::Number(n) if n.parse::<u32>().is_ok_and(|n| n > 0) => *slot = n.parse().ok(),
        other => diagnostics.push(
            Diagnostic::error(
                Kind::Handout,
                format!("`{key}` must be a whole number above 0, found {}", other.describe()),
            )
            .at(at.clone())
            .help(format!("for example `{key}: 30`")),
        ),
    };
    match key {
        "hold_seconds" => number(&mut overrides.hold_seconds, diagnostics),
        "reps" => number(&mut overrides.reps, diagnostics),
        "sets" => number(&mut overrides.sets, diagnostics),
        "sides" => match &value {
            Yaml::String(s) if s == "each" => overrides.sides = Some(Sides::Each),
            Yaml::String(s) if s == "both" => overrides.sides = Some(Sides::Both),
            other => diagnostics.push(
                Diagnostic::error(Kind::Handout, format!("`sides` must be `each` or `both`, found {}", shown(other)))
                    .at(at.clone())
                    .help("`each`: one side, then the other; `both`: both sides at once"),
            ),
        },
        "frequency" | "note" => match value {
            Yaml::String(s) if !s.trim().is_empty() => {
                if key == "note" {
                    item.note = Some(s);
                } else {
                    overrides.frequency = Some(s);
                }
            }
            other => diagnostics.push(
                Diagnostic::error(Kind::Handout, format!("`{key}` must be text, found {}", shown(&other)))
                    .at(at.clone())
                    .help("put the text in quotes"),
            ),
        },
        _ => {
            let help = did_you_mean(key, ITEM_FIELDS.iter().copied())
                .unwrap_or_else(|| format!("a handout's stretch may have: {}", ITEM_FIELDS.join(", ")));
            diagnostics.push(
                Diagnostic::error(Kind::Handout, format!("unknown field `{key}` for a stretch in a handout"))
                    .at(at.clone())
                    .help(help),
            );
        }
    }
}

fn shown(value: &Yaml) -> String {
    match value {
        Yaml::String(s) if s.trim().is_empty() => "empty text".into(),
        Yaml::String(s) => format!("`{s}`"),
        other => other.describe(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse(text: &str) -> (Option<Handout>, Vec<Diagnostic>) {
        let source = SourceFile::new(PathBuf::from("content/handouts/h.md"), text.into());
        let (handout, diagnostics) = parse_handout(source, Id::parse("h").unwrap());
        (handout, diagnostics.into_sorted())
    }

    #[test]
    fn reads_ids_and_overrides_in_order_with_their_lines() {
        let (handout, problems) = parse(
            "---\ntitle: Desk\nnotes: Take it slow.\nstretches:\n  - childs-pose\n  - id: figure-four\n    \
             hold_seconds: 45\n    sides: both\n    note: After lunch\n  - childs-pose\n---\nIntro.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let handout = handout.unwrap();
        let items = &handout.fields.stretches;
        let ids: Vec<_> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["childs-pose", "figure-four", "childs-pose"]);
        let lines: Vec<_> = items.iter().map(|i| i.location.as_ref().unwrap().line.unwrap()).collect();
        assert_eq!(lines, [5, 6, 10]);
        assert_eq!(items[1].overrides.hold_seconds, Some(45));
        assert_eq!(items[1].overrides.sides, Some(Sides::Both));
        assert_eq!(items[1].note.as_deref(), Some("After lunch"));
        assert_eq!(handout.body(), "Intro.\n");
    }

    #[test]
    fn bad_items_are_reported_where_they_are_written() {
        let (_, problems) =
            parse("---\ntitle: Desk\nstretches:\n  - id: figure-four\n    hold: 45\n    reps: lots\n---\n");
        let messages: Vec<_> =
            problems.iter().map(|d| (d.message.as_str(), d.location.as_ref().unwrap().line)).collect();
        assert!(messages.contains(&("unknown field `hold` for a stretch in a handout", Some(5))), "{messages:?}");
        assert!(messages.iter().any(|(m, l)| m.starts_with("`reps` must be a whole number") && *l == Some(6)));
        let (_, empty) = parse("---\ntitle: Desk\nstretches: []\n---\n");
        assert_eq!(empty[0].message, "a handout needs at least one stretch");
    }
}
