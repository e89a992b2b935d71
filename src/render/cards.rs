//! Each entry's card (`partials/card.html`: its title, summary, picture and badges), rendered once per build for
//! each heading it is shown under and spliced into every list that shows it: a stretch is listed in its
//! collection, on each of its muscles' and causes' pages, on the home page and on its regions' pages, and at
//! 10,000 entries rendering every card where it appears was a tenth of the build. A theme prints `e.card`;
//! its card.html sees the entry (`e`), `card_heading` and what every page sees (`site`, `t`), not the page.

use super::Renderer;
use super::context::EntrySummary;
use crate::graph::LinkedSite;
use crate::model::Entry;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};
use tera::Context;

const TEMPLATE: &str = "partials/card.html";

/// The heading a card's title is under: none in the compact lists (related entries, the home page, a region),
/// `h2` in a collection's listing.
#[derive(Debug, Clone, Copy)]
pub(super) enum CardHeading {
    None,
    H2,
}

impl CardHeading {
    fn tag(self) -> &'static str {
        match self {
            CardHeading::None => "",
            CardHeading::H2 => "h2",
        }
    }
}

/// The cards of one render, made on first use by whichever page job needs them. The compact ones are shown
/// on many pages; a listing's (`h2`) each once, so a one-off build renders those where they are used and keeps
/// none, while the preview keeps both for its next build (`KeptCards`): a title edit renders the listing again,
/// and its thousands of cards are then spliced, not rendered. `None` in a slot when the card cannot be
/// rendered: the list then includes card.html itself, which reports the problem at the page.
#[derive(Default)]
pub(super) struct Cards {
    /// By entry; empty when the theme has no card.html.
    compact: Vec<OnceLock<Option<String>>>,
    /// By entry in the preview, which keeps them; empty otherwise.
    titled: Vec<OnceLock<Option<String>>>,
    /// Each entry as a listing gives it to its template (`listed_value`), by entry in the preview; empty
    /// otherwise.
    listed: Vec<OnceLock<tera::Value>>,
}

/// Cards made by the preview's last build, by the entry they were made from (an entry the next build did not
/// parse again is the same `Arc`), for one version of the templates, config, strings and pictures.
#[derive(Default)]
pub(crate) struct KeptCards {
    version: u64,
    /// In the order of the build that made them, each entry (held, so no other entry takes its address while
    /// its cards are kept) with what was made of it.
    cards: Vec<(Arc<Entry>, Kept)>,
}

/// What a build made of one entry: its compact and its titled card, and its summary as its listing gave it.
#[derive(Default)]
struct Kept {
    compact: Option<String>,
    titled: Option<String>,
    listed: Option<tera::Value>,
}

impl Cards {
    /// The cards of a render of `site`; in the preview (`kept`), those its last build made for `version`
    /// filled in.
    pub(super) fn new(site: &LinkedSite, has_template: bool, kept: Option<(KeptCards, u64)>) -> Self {
        let slots = if has_template { site.entries.len() } else { 0 };
        let titled = if kept.is_some() { slots } else { 0 };
        let mut cards = Cards {
            compact: (0..slots).map(|_| OnceLock::new()).collect(),
            titled: (0..titled).map(|_| OnceLock::new()).collect(),
            listed: (0..titled).map(|_| OnceLock::new()).collect(),
        };
        let reusable = kept.filter(|(kept, version)| kept.version == *version && has_template);
        if let Some((mut kept, _)) = reusable {
            // Most entries are where they were: a body edit moves none, a title edit those between its old and
            // new places. The others are found by address, indexed only when one is not in its place.
            let mut by_address: Option<FxHashMap<usize, usize>> = None;
            for (index, entry) in site.entries.iter().enumerate() {
                let found = match kept.cards.get(index) {
                    Some((there, _)) if Arc::ptr_eq(there, entry) => Some(index),
                    _ => by_address
                        .get_or_insert_with(|| {
                            kept.cards.iter().enumerate().map(|(i, (e, _))| (address(e), i)).collect()
                        })
                        .get(&address(entry))
                        .copied(),
                };
                if let Some(made) = found.map(|i| std::mem::take(&mut kept.cards[i].1)) {
                    cards.compact[index] = filled(made.compact);
                    if let Some(slot) = cards.titled.get_mut(index) {
                        *slot = filled(made.titled);
                    }
                    if let (Some(slot), Some(value)) = (cards.listed.get_mut(index), made.listed) {
                        *slot = OnceLock::from(value);
                    }
                }
            }
        }
        cards
    }

    /// The cards this render made or reused, for the next (`version` as given to `new`).
    pub(super) fn keep(self, site: &LinkedSite, version: u64) -> KeptCards {
        let (mut titled, mut listed) = (self.titled.into_iter(), self.listed.into_iter());
        let made = self.compact.into_iter().zip(&site.entries);
        let cards = made
            .map(|(compact, entry)| {
                let kept = Kept {
                    compact: compact.into_inner().flatten(),
                    titled: titled.next().and_then(OnceLock::into_inner).flatten(),
                    listed: listed.next().and_then(OnceLock::into_inner),
                };
                (entry.clone(), kept)
            })
            .collect();
        KeptCards { version, cards }
    }
}

fn address(entry: &Arc<Entry>) -> usize {
    Arc::as_ptr(entry) as usize
}

fn filled(card: Option<String>) -> OnceLock<Option<String>> {
    card.map_or_else(OnceLock::new, |card| OnceLock::from(Some(card)))
}

impl Renderer<'_> {
    /// Entry `index` as a list shows it, with its card under `heading`.
    pub(super) fn listed(&self, index: usize, heading: CardHeading) -> EntrySummary<'_> {
        let mut summary = self.summary(&self.site.entries[index]);
        if !self.cards.compact.is_empty() {
            let render = |summary: &EntrySummary<'_>| {
                let mut context = Context::new();
                context.insert("e", summary);
                context.insert("card_heading", heading.tag());
                self.templates.tera.render(TEMPLATE, &context).ok()
            };
            let slot = match heading {
                CardHeading::None => Some(&self.cards.compact[index]),
                CardHeading::H2 => self.cards.titled.get(index),
            };
            summary.card = match slot {
                Some(slot) => slot.get_or_init(|| render(&summary)).as_deref().map(Cow::Borrowed),
                None => render(&summary).map(Cow::Owned),
            };
        }
        summary
    }

    /// Entry `index` as a collection's listing gives it to its template (`listed` under `h2`), as the
    /// template's value: in the preview made once per entry and kept like its card. A title edit renders the
    /// listing again, and serializing each of its 15,000 summaries (at 30,000 entries) was a sixth of the
    /// edit's work; now one is.
    pub(super) fn listed_value(&self, index: usize) -> tera::Value {
        let make = || tera::Value::from_serializable(&self.listed(index, CardHeading::H2));
        match self.cards.listed.get(index) {
            Some(slot) => slot.get_or_init(make).clone(),
            None => make(),
        }
    }
}
