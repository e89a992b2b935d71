//! The search index sinew writes: which terms, fields, synonyms and facets land on which pages, and how
//! the precomputed scores rank a small fixture site. The browser side is tested in `browser`.

use crate::fixture::Site;
use serde_json::Value;
use std::collections::HashMap;

/// A built site's search index, read back as search.js reads it.
pub(crate) struct Index {
    manifest: Value,
    docs: Vec<(String, String)>,
    site: Site,
}

impl Index {
    pub(crate) fn build(site: Site) -> Index {
        site.build().assert_ok();
        let manifest: Value = serde_json::from_str(&site.read("public/search/index/manifest.json")).unwrap();
        let mut docs = Vec::new();
        let chunks = manifest["docs"].as_u64().unwrap().div_ceil(manifest["chunk_size"].as_u64().unwrap());
        for n in 0..chunks {
            let chunk: Value = serde_json::from_str(&site.read(&format!("public/search/index/d/{n}.json"))).unwrap();
            for row in chunk.as_array().unwrap() {
                docs.push((row[0].as_str().unwrap().to_string(), row[1].as_str().unwrap().to_string()));
            }
        }
        Index { manifest, docs, site }
    }

    /// The shard key for a term: the longest key that prefixes it.
    fn shard(&self, term: &str) -> Option<String> {
        let keys = self.manifest["shards"].as_array().unwrap();
        keys.iter()
            .map(|k| k.as_str().unwrap())
            .filter(|k| term.starts_with(k))
            .max_by_key(|k| k.len())
            .map(String::from)
    }

    /// (url, score) of every page carrying `term`.
    fn postings(&self, term: &str) -> Vec<(String, u64)> {
        let Some(key) = self.shard(term) else { return Vec::new() };
        let shard: Value = serde_json::from_str(&self.site.read(&format!("public/search/index/t/{key}.json"))).unwrap();
        let Some(list) = shard.get(term) else { return Vec::new() };
        let list: Vec<u64> = list.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
        let mut doc = 0;
        list.chunks(2)
            .map(|pair| {
                doc += pair[0];
                (self.docs[usize::try_from(doc).unwrap()].1.clone(), pair[1])
            })
            .collect()
    }

    pub(crate) fn has(&self, term: &str, url: &str) -> bool {
        self.postings(term).iter().any(|(u, _)| u == url)
    }

    /// Ranks pages for exact terms by summed score, as search.js does before prefix and typo matching.
    fn rank(&self, terms: &[&str]) -> Vec<String> {
        let mut scores: HashMap<String, u64> = HashMap::new();
        for term in terms {
            for (url, score) in self.postings(term) {
                *scores.entry(url).or_default() += score;
            }
        }
        let mut ranked: Vec<_> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().map(|(url, _)| url).collect()
    }

    pub(crate) fn site(&self) -> &Site {
        &self.site
    }

    /// The pages carrying `value` of `facet`.
    pub(crate) fn facet(&self, facet: &str, value: &str) -> Vec<String> {
        let data: Value =
            serde_json::from_str(&self.site.read(&format!("public/search/index/f/{facet}.json"))).unwrap();
        let values = data["values"].as_array().unwrap();
        let row = values.iter().find(|row| row[0] == value).unwrap_or_else(|| panic!("no {facet} {value}"));
        let mut doc = 0;
        row[1]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                doc += d.as_u64().unwrap();
                self.docs[usize::try_from(doc).unwrap()].1.clone()
            })
            .collect()
    }
}

fn fixture() -> Index {
    let site = Site::new();
    let yaml = crate::fixture::SITE_YAML.replace(
        "collections:",
        "synonyms:\n  - [butt, glutes, buttocks]\n  - [sciatica, sciatic nerve]\ncollections:",
    );
    site.write("site.yaml", yaml);
    site.write(
        "content/causes/sciatic-irritation.md",
        "---\ntitle: Sciatic nerve irritation\nmuscles: [piriformis]\n---\nA pinched sciatic nerve.\n",
    );
    site.write("content/stretches/secret.md", "---\ntitle: Secret zebra stretch\ndraft: true\n---\nZebra.\n");
    site.write("content/about.md", "---\ntitle: About the practice\nsummary: Who we are.\n---\nWe help sore glutes.\n");
    Index::build(site)
}

#[test]
fn titles_aliases_and_bodies_are_indexed_on_their_own_pages() {
    let index = fixture();
    assert!(index.has("piriformis", "/muscles/piriformis/"), "title");
    assert!(index.has("rotator", "/muscles/piriformis/"), "alias `deep hip rotator`");
    assert!(index.has("eas", "/stretches/figure-four/") || index.has("ease", "/stretches/figure-four/"), "body word");
    assert!(index.has("glute", "/about/"), "plain pages are searchable, plurals stemmed");
    assert!(!index.has("rotator", "/stretches/figure-four/"));
    assert!(index.postings("the").is_empty(), "stop words are not indexed");
    assert!(index.postings("zebra").is_empty(), "drafts stay out of the index");
}

#[test]
fn a_title_match_outranks_a_body_mention() {
    let index = fixture();
    // Figure four mentions the piriformis in its body and in its related entries; the muscle is titled so.
    let ranked = index.rank(&["piriformis"]);
    assert_eq!(ranked[0], "/muscles/piriformis/", "{ranked:?}");
    assert!(ranked.contains(&"/stretches/figure-four/".to_string()));
}

#[test]
fn synonym_groups_tie_pages_to_every_member() {
    let index = fixture();
    let groups = index.manifest["synonym_groups"].as_array().unwrap();
    assert_eq!(groups[1][1], serde_json::json!(["sciatic", "nerve"]), "phrases are stemmed term lists");
    // "glutes" on the about page and "sciatic nerve" in a title carry their group's term.
    assert!(index.has("~0", "/about/"));
    assert!(index.has("~1", "/causes/sciatic-irritation/"));
    assert!(!index.has("~1", "/about/"));
}

#[test]
fn facets_come_from_front_matter_and_relations_in_both_directions() {
    let index = fixture();
    let mut piriformis = index.facet("muscles", "Piriformis");
    piriformis.sort();
    // itself, a stretch naming it, a stretch it names from its own side, a cause naming it
    assert_eq!(
        piriformis,
        ["/causes/sciatic-irritation/", "/muscles/piriformis/", "/stretches/figure-four/", "/stretches/glute-bridge/"]
    );
    assert_eq!(index.facet("difficulty", "Beginner"), ["/stretches/figure-four/"]);
    assert_eq!(index.facet("collection", "Pages"), ["/about/"]);
    let names: Vec<_> =
        index.manifest["facets"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_string()).collect();
    assert!(
        names.contains(&"kind".to_string()) && !names.contains(&"position".to_string()),
        "empty facets are left out: {names:?}"
    );
}

#[test]
fn the_search_page_lists_every_entry_a_to_z_without_javascript() {
    let index = fixture();
    let page = index.site.read("public/search/index.html");
    for url in ["/stretches/figure-four/", "/muscles/piriformis/", "/about/"] {
        assert!(page.contains(&format!("href=\"{url}\"")), "{url} missing from the A–Z list");
    }
    assert!(page.contains("data-search-results"));
}

#[test]
fn a_big_site_keeps_its_a_to_z_list_on_a_page_of_its_own() {
    let site = Site::new();
    // 1,000 more entries than the fixture's few: past the size where the list leaves the search page.
    for n in 0..1000 {
        site.write(&format!("content/muscles/m{n:04}.md"), format!("---\ntitle: Muscle {n:04}\n---\nA muscle.\n"));
    }
    site.build().assert_ok();
    let search = site.read("public/search/index.html");
    assert!(search.contains(r#"href="/search/a-z/""#), "the search page links to the A–Z page");
    assert!(!search.contains("/muscles/m0999/"), "the search page does not carry the whole list");
    let az = site.read("public/search/a-z/index.html");
    for url in ["/muscles/m0000/", "/muscles/m0999/", "/stretches/figure-four/", "/muscles/piriformis/"] {
        assert!(az.contains(&format!("href=\"{url}\"")), "{url} missing from the A–Z page");
    }
    assert!(az.find("Figure four") < az.find("Gluteus maximus"), "the list is in title order");

    // Below the size again, the list moves back and its page is removed.
    for n in 0..1000 {
        site.remove(&format!("content/muscles/m{n:04}.md"));
    }
    site.build().assert_ok();
    assert!(site.read("public/search/index.html").contains(r#"href="/muscles/piriformis/""#));
    assert!(!site.exists("public/search/a-z/index.html"));
}

/// A site whose pages carry so many words starting with "st" that a two-letter query would fetch every shard
/// under "st": pages `content/w<n>.md`, each with 20 of 1,500 made-up "st" words.
pub(crate) fn many_st_words() -> Site {
    let site = Site::new();
    let letters = b"abcdefghijklmnopqrtuvwxyz";
    let word = |n: usize| {
        let mut word = String::from("st");
        for place in [n % 25, n / 25 % 25, n / 625 % 25] {
            word.push(char::from(letters[place]));
        }
        word
    };
    for page in 0..300 {
        let words: Vec<String> = (0..20).map(|k| word((page * 37 + k * 101) % 1500)).collect();
        site.write(&format!("content/w{page:03}.md"), format!("---\ntitle: Page {page}\n---\n{}\n", words.join(" ")));
    }
    site
}

#[test]
fn a_short_prefix_with_many_words_gets_each_pages_best_match_in_one_list() {
    let index = Index::build(many_st_words());
    let merged: Vec<&str> =
        index.manifest["prefixes"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(merged.contains(&"st"), "{merged:?}");
    assert!(!merged.contains(&"fi"), "a prefix with few words has no merged list: {merged:?}");

    // What search.js would give each page for a prefix candidate, from the shards: its best term longer than
    // "st" and starting with it, weighed by 2 / the term's length (rounded).
    let mut expected: HashMap<String, u64> = HashMap::new();
    for key in index.manifest["shards"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()) {
        if !(key.starts_with("st") || "st".starts_with(key)) {
            continue;
        }
        let shard: Value =
            serde_json::from_str(&index.site.read(&format!("public/search/index/t/{key}.json"))).unwrap();
        for term in shard.as_object().unwrap().keys().filter(|t| t.len() > 2 && t.starts_with("st")) {
            let length = term.len() as u64;
            for (url, score) in index.postings(term) {
                let weighed = ((score * 2 + length / 2) / length).max(1);
                let best = expected.entry(url).or_default();
                *best = (*best).max(weighed);
            }
        }
    }
    let list: Vec<u64> = serde_json::from_str(&index.site.read("public/search/index/p/st.json")).unwrap();
    let mut doc = 0;
    let got: HashMap<String, u64> = list
        .chunks(2)
        .map(|pair| {
            doc += pair[0];
            (index.docs[usize::try_from(doc).unwrap()].1.clone(), pair[1])
        })
        .collect();
    assert_eq!(got.keys().filter(|url| url.starts_with("/w")).count(), 300, "every made-up page has st words");
    assert_eq!(got, expected);
}

/// Issue 21: "hip replacement" found 45 pages led by hip flexor pages, not the stretches that warn about one,
/// since cautions were not indexed; a caution's words are now on its page, and in its chunk for the snippet.
#[test]
fn a_stretch_is_found_by_the_words_of_its_cautions() {
    let site = Site::new();
    site.write(
        "content/stretches/pigeon.md",
        "---\ntitle: Pigeon pose\nkind: stretch\n\
         cautions: [\"Skip it after a **hip replacement**, unless [[piriformis|your physio]] says so.\"]\n---\nA deep stretch.\n",
    );
    let index = Index::build(site);
    assert!(index.has("replacement", "/stretches/pigeon/"));
    assert!(!index.has("replacement", "/muscles/piriformis/"), "a caution is its own page's, not a related page's");
    let n = index.docs.iter().position(|(_, u)| u == "/stretches/pigeon/").unwrap();
    let per_chunk = usize::try_from(index.manifest["chunk_size"].as_u64().unwrap()).unwrap();
    let chunk: Value =
        serde_json::from_str(&index.site().read(&format!("public/search/index/d/{}.json", n / per_chunk))).unwrap();
    assert_eq!(
        chunk[n % per_chunk][6],
        serde_json::json!(["Skip it after a hip replacement, unless your physio says so."])
    );
}

/// Issue 21: snippets ran a body's headings into its text ("What it is The glutes…"). The excerpt leaves
/// headings out, and the passages (s/<document>.json, the whole body) keep each heading and sentence apart.
#[test]
fn a_body_heading_does_not_run_into_the_excerpt() {
    let site = Site::new();
    site.write(
        "content/muscles/gluteus-maximus.md",
        "---\ntitle: Gluteus maximus\n---\n## What it is\n\nThe glutes are big. They move the hip.\n",
    );
    let index = Index::build(site);
    let url = "/muscles/gluteus-maximus/";
    let n = index.docs.iter().position(|(_, u)| u == url).unwrap();
    let per_chunk = usize::try_from(index.manifest["chunk_size"].as_u64().unwrap()).unwrap();
    let read = |file: String| -> Value {
        serde_json::from_str(&index.site().read(&format!("public/search/index/{file}.json"))).unwrap()
    };
    assert_eq!(read(format!("d/{}", n / per_chunk))[n % per_chunk][3], "The glutes are big. They move the hip.");
    assert_eq!(read(format!("s/{n}")), serde_json::json!(["What it is", "The glutes are big.", "They move the hip."]));
}

/// Issue 21: "pregnant" did not find the pages that say "pregnancy". The theme's word forms join the site's
/// synonym groups, after them, so a page with any form carries the group's term.
#[test]
fn the_themes_word_forms_join_the_synonym_groups() {
    let site = Site::new();
    site.write("content/about.md", "---\ntitle: About\n---\nAsk before stretching during pregnancy.\n");
    let index = Index::build(site);
    let groups = index.manifest["synonym_groups"].as_array().unwrap();
    let g = groups.iter().position(|group| group[0] == serde_json::json!(["pregnant"])).expect("a pregnant group");
    assert!(groups[g].as_array().unwrap().contains(&serde_json::json!(["pregnancy"])));
    assert!(index.has(&format!("~{g}"), "/about/"));
}

/// Issue 21: a cause's symptoms were not searched at all, though a client searches by them ("worse when
/// sitting"). They are indexed as the entry's details and shown as passages; a stretch's steps are not.
#[test]
fn a_causes_symptoms_are_searched_and_shown() {
    let site = Site::new();
    site.write(
        "content/causes/piriformis-syndrome.md",
        "---\ntitle: Piriformis syndrome\nsymptoms:\n  - \"Worse on a hard wooden bench\"\n---\nA deep ache.\n",
    );
    let figure_four = site.read("content/stretches/figure-four.md");
    site.write(
        "content/stretches/figure-four.md",
        figure_four.replacen("---\n", "---\nsteps: [Lie on a zebrawood floor]\n", 1),
    );
    let index = Index::build(site);
    let url = "/causes/piriformis-syndrome/";
    assert!(index.has("wooden", url) && index.has("bench", url), "symptom words are indexed");
    let n = index.docs.iter().position(|(_, u)| u == url).unwrap();
    let passages: Value = serde_json::from_str(&index.site().read(&format!("public/search/index/s/{n}.json"))).unwrap();
    assert_eq!(passages, serde_json::json!(["A deep ache.", "Worse on a hard wooden bench"]));
    // "knee to chest" is a step of half the stretches: a client looks for the one named so.
    assert!(index.site().read("public/stretches/figure-four/index.html").contains("zebrawood"));
    assert!(!index.has("zebrawood", "/stretches/figure-four/"), "steps are not indexed");
}

/// Issue 21: the word forms are data in the theme, so a site's own theme gives its own lists
/// (`search-words/<code>.txt`) in place of the built-in ones.
#[test]
fn a_site_theme_gives_its_own_word_forms() {
    let site = Site::new();
    site.write("site.yaml", site.read("site.yaml").replacen("title:", "theme: neck-clinic\ntitle:", 1));
    site.write("themes/neck-clinic/search-words/en.txt", "# a neck clinic's words\ncrick, stiff neck\n");
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nA stiff neck after sleep. Ask before stretching in pregnancy.\n",
    );
    let index = Index::build(site);
    let groups = index.manifest["synonym_groups"].as_array().unwrap();
    let g = groups.iter().position(|group| group[0] == serde_json::json!(["crick"])).expect("the theme's group");
    assert!(index.has(&format!("~{g}"), "/about/"), "the page saying \"stiff neck\" is found by \"crick\"");
    assert!(!groups.iter().any(|group| group[0] == serde_json::json!(["pregnant"])), "the built-in lists are replaced");
}
