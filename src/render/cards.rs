//! Each entry's card (`partials/card.html`: its title, summary, picture and badges), rendered once per build for
//! each heading it is shown under and spliced into every list that shows it: a stretch is listed in its
//! collection, on each of its muscles' and causes' pages, on the home page and on its regions' pages, and at
//! 10,000 entries rendering every card where it appears was a tenth of the build. A theme prints `e.card`;
//! its card.html sees the entry (`e`), `card_heading` and what every page sees (`site`, `t`), not the page.

use super::Renderer;
use super::context::EntrySummary;
use std::borrow::Cow;
use std::sync::OnceLock;
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

/// The compact cards of one render, made on first use by whichever page job needs them: those are the cards
/// shown on many pages. A listing's (`h2`) are each shown once, so they are rendered where they are used and
/// not kept. `None` when the card cannot be rendered: the list then includes card.html itself, which reports
/// the problem at the page.
pub(super) struct Cards {
    compact: Vec<OnceLock<Option<String>>>,
    enabled: bool,
}

impl Cards {
    pub(super) fn new(entries: usize, has_template: bool) -> Self {
        let slots = if has_template { entries } else { 0 };
        Cards { compact: (0..slots).map(|_| OnceLock::new()).collect(), enabled: has_template }
    }
}

impl Renderer<'_> {
    /// Entry `index` as a list shows it, with its card under `heading`.
    pub(super) fn listed(&self, index: usize, heading: CardHeading) -> EntrySummary<'_> {
        let mut summary = self.summary(&self.site.entries[index]);
        if self.cards.enabled {
            let render = |summary: &EntrySummary<'_>| {
                let mut context = Context::new();
                context.insert("e", summary);
                context.insert("card_heading", heading.tag());
                self.templates.tera.render(TEMPLATE, &context).ok()
            };
            summary.card = match heading {
                CardHeading::None => {
                    self.cards.compact[index].get_or_init(|| render(&summary)).as_deref().map(Cow::Borrowed)
                }
                CardHeading::H2 => render(&summary).map(Cow::Owned),
            };
        }
        summary
    }
}
