//! Every address of the site, made in one place. A site path is relative to the site's root
//! (`stretches/figure-four/`); `url` gives it the base path for links inside the site (`/clinic/stretches/...`)
//! and `permalink` the full address, for canonical links, feeds and QR codes. The file a folder address is
//! published as is `file_of` (`stretches/figure-four/index.html`). A language other than the default has its
//! pages under its code (`es/stretches/...`): `lang_prefix`, which `for_language` sets.

use super::SiteConfig;

impl SiteConfig {
    /// An entry's page: `stretches/figure-four/`, or `es/stretches/figura-cuatro/` for a translation (its
    /// language's code, and its slug as `name`). `Entry::path` gives an entry's.
    pub fn entry_path(&self, collection: usize, language: Option<&str>, name: &str) -> String {
        let prefix = language.map_or(String::new(), |code| format!("{code}/"));
        format!("{prefix}{}/{name}/", self.collections[collection].name)
    }

    /// The page of an entry known only by its id, in the default language (one that could not be read).
    pub fn default_entry_path(&self, collection: usize, id: &str) -> String {
        self.entry_path(collection, None, id)
    }

    /// A collection's listing: `stretches/`.
    pub fn collection_path(&self, collection: usize) -> String {
        format!("{}{}/", self.lang_prefix, self.collections[collection].name)
    }

    /// Page `number` of a collection's listing: the listing itself for page 1, `stretches/page/2/` after it.
    pub fn collection_page_path(&self, collection: usize, number: usize) -> String {
        let listing = self.collection_path(collection);
        if number <= 1 { listing } else { format!("{listing}page/{number}/") }
    }

    /// A page of this language that is not content (`search/`, `feed.xml`; `""` for its home page).
    pub fn lang_path(&self, path: &str) -> String {
        format!("{}{path}", self.lang_prefix)
    }

    /// A site path with the base path, for links inside the site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// The full address of a site path, for canonical links, feeds and QR codes.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

/// The file a folder address is published as: `stretches/figure-four/` -> `stretches/figure-four/index.html`.
pub fn file_of(path: &str) -> String {
    format!("{path}index.html")
}
