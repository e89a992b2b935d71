//! Which entries and pages a build publishes: drafts (`draft: true`) only when asked (`--drafts`, the
//! preview), and an entry scheduled for a later day (`publish: 2027-01-15`) from that day on, or when asked
//! (`--future`, the preview). A held-back entry is out of everything: its page, listings, search, the sitemap,
//! feeds, and the relations other entries show of it.

use super::{Date, EntryFields};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Release {
    pub drafts: bool,
    pub future: bool,
    /// The day of the build, in the practitioner's time zone.
    pub today: Date,
}

/// Why an entry is left out of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Draft,
    /// Scheduled: published from this day on.
    Until(Date),
}

impl Release {
    /// Why `fields`' entry or page is left out, or `None` when it is published.
    pub fn held(&self, fields: &EntryFields) -> Option<Held> {
        if fields.draft() && !self.drafts {
            return Some(Held::Draft);
        }
        fields.publish().filter(|day| *day > self.today && !self.future).map(Held::Until)
    }

    pub fn publishes(&self, fields: &EntryFields) -> bool {
        self.held(fields).is_none()
    }
}
