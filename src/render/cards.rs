//! Each entry's card (`partials/card.html`: its title, summary, picture and badges), rendered once per build for
//! each heading it is shown under and spliced into every list that shows it: a stretch is listed in its
//! collection, on each of its muscles' and causes' pages, on the home page and on its regions' pages, and at
//! 10,000 entries rendering every card where it appears was a tenth of the build. A theme prints `e.card`;
//! its card.html sees the entry (`e`), `card_heading` and what every page sees (`site`, `t`), not the page.

use super::Renderer;
use super::context::EntrySummary;
use crate::graph::LinkedSite;
use crate::model::Entry;
use std::borrow::Cow;
use std::collections::HashMap;
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
}

/// Cards made by the preview's last build, by the entry they were made from (an entry the next build did not
/// parse again is the same `Arc`), for one version of the templates, config, strings and pictures.
#[derive(Default)]
pub(crate) struct KeptCards {
    version: u64,
    /// By the address of the entry (held, so no other entry takes its address while its cards are kept).
    cards: HashMap<usize, (Arc<Entry>, [Option<String>; 2])>,
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
        };
        let reusable = kept.filter(|(kept, version)| kept.version == *version && has_template);
        if let Some((mut kept, _)) = reusable {
            for (index, entry) in site.entries.iter().enumerate() {
                if let Some((_, [compact, titled])) = kept.cards.remove(&address(entry)) {
                    cards.compact[index] = filled(compact);
                    if let Some(slot) = cards.titled.get_mut(index) {
                        *slot = filled(titled);
                    }
                }
            }
        }
        cards
    }

    /// The cards this render made or reused, for the next (`version` as given to `new`).
    pub(super) fn keep(self, site: &LinkedSite, version: u64) -> KeptCards {
        let mut titled = self.titled.into_iter();
        let made = self.compact.into_iter().zip(&site.entries);
        let cards = made
            .filter_map(|(compact, entry)| {
                let titled = titled.next().and_then(OnceLock::into_inner).flatten();
                let cards = [compact.into_inner().flatten(), titled];
                cards.iter().any(Option::is_some).then(|| (address(entry), (entry.clone(), cards)))
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
}
