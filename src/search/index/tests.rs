//! An `Indexer` that has seen other documents must write exactly the bytes a one-off `build` writes, whatever
//! changed in between; and it must not grow over a long preview session.

use super::{Indexer, build};
use crate::config::{SiteConfig, parse};
use crate::search::{FacetInfo, SearchDoc};
use std::path::Path;

const SYNONYMS: &str = "synonyms:\n  - [butt, glutes, bum]\n  - [sciatica, sciatic nerve]\n  - [low back, lumbar]\n";

fn config(synonyms: &str) -> SiteConfig {
    let text =
        format!("title: T\nbase_url: https://e.org/\n{synonyms}collections:\n  stretches: {{}}\n  muscles: {{}}\n");
    let (config, diagnostics) = parse(Path::new("site.yaml"), &text);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    config.unwrap()
}

/// Words for made-up pages: synonym phrases, capitals, plurals, stop words, letters other than ASCII, curly
/// quotes, and (`LONG`) a word over 16 letters.
const WORDS: &[&str] = &[
    "sciatic",
    "nerve",
    "low",
    "back",
    "Glutes",
    "the",
    "a",
    "stretches",
    "injuries",
    "élongé",
    "don’t",
    "Piriformis",
    "hip",
    "of",
    "pain",
    "sitting",
    "QL",
    "psoas",
    "x",
    "4",
    "LONG",
    "calf",
    "Lumbar",
    "bum",
];
const LONG: &str = "Electroencephalographically";

/// Deterministic made-up text: `n` words picked by a small linear congruential generator from `seed`, from
/// `WORDS` (on most pages) and from 500 others (each on a few pages).
fn text(seed: u64, n: usize) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut words = Vec::with_capacity(n);
    for _ in 0..n {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let pick = usize::try_from(state >> 33).unwrap();
        words.push(match WORDS[pick % WORDS.len()] {
            _ if pick.is_multiple_of(3) => format!("rare{}", pick % 500),
            "LONG" => LONG.to_string(),
            word => word.to_string(),
        });
    }
    words.join(" ")
}

fn doc(n: u64) -> SearchDoc {
    SearchDoc {
        title: text(n, 3),
        aliases: vec![text(n + 1, 2), text(n + 2, 2)],
        summary: text(n + 3, 8),
        related: vec![text(n + 4, 2)],
        cautions: vec![text(n + 5, 6)],
        details: vec![text(n + 7, 5), text(n + 8, 4)],
        body: text(n + 6, 30),
        url: format!("/stretches/s{n}/"),
        collection: if n.is_multiple_of(5) { None } else { Some(usize::try_from(n % 2).unwrap()) },
        facets: vec![("muscles".into(), format!("M{}", n % 7)), ("kind".into(), format!("K{}", n % 3))],
        thumbnail: n.is_multiple_of(3).then(|| format!("/images/s{n}.svg")),
    }
}

fn facets() -> Vec<FacetInfo> {
    ["muscles", "kind", "position"]
        .iter()
        .map(|name| FacetInfo { name: (*name).into(), label: name.to_uppercase() })
        .collect()
}

/// Builds `docs` with `indexer` and checks the files against a one-off build's.
fn assert_same_as_fresh(indexer: &mut Indexer, docs: &[SearchDoc], config: &SiteConfig, what: &str) {
    let incremental = indexer.build(docs, config, &facets());
    let fresh = build(docs, config, &facets(), &|_, bytes| bytes);
    assert_eq!(incremental.len(), fresh.len(), "{what}: number of files");
    for ((path, bytes), (fresh_path, fresh_bytes)) in incremental.iter().zip(&fresh) {
        assert_eq!(path, fresh_path, "{what}");
        assert!(bytes == fresh_bytes, "{what}: {path} differs from a fresh build's");
    }
}

#[test]
fn an_indexer_writes_what_a_fresh_build_writes_after_each_kind_of_change() {
    let config = config(SYNONYMS);
    // Over a thousand pages, so common words keep only their best MAX_POSTINGS pages.
    let mut docs: Vec<SearchDoc> = (0..1200).map(doc).collect();
    let mut indexer = Indexer::default();
    assert_same_as_fresh(&mut indexer, &docs, &config, "first build");
    assert_same_as_fresh(&mut indexer, &docs, &config, "nothing changed");
    docs[600].body.push_str(" zanzibar sciatic nerve");
    assert_same_as_fresh(&mut indexer, &docs, &config, "one body changed");
    docs[3].aliases.push("Low back".into());
    docs[900].cautions.clear();
    docs[901].details.pop();
    assert_same_as_fresh(&mut indexer, &docs, &config, "an alias added, cautions gone");
    docs.insert(500, doc(5000));
    assert_same_as_fresh(&mut indexer, &docs, &config, "one document added in the middle");
    docs.push(doc(5001));
    assert_same_as_fresh(&mut indexer, &docs, &config, "one document added at the end");
    docs.remove(10);
    assert_same_as_fresh(&mut indexer, &docs, &config, "one document removed");
    docs.swap(20, 700);
    assert_same_as_fresh(&mut indexer, &docs, &config, "two documents swapped");
    docs[40].url = "/stretches/renamed/".into();
    assert_same_as_fresh(&mut indexer, &docs, &config, "a document moved to another url");
    docs[41] = doc(7000);
    assert_same_as_fresh(&mut indexer, &docs, &config, "a document replaced by another at the same place");
    docs[50].facets.clear();
    docs[51].collection = None;
    docs[52].url = docs[53].url.clone();
    assert_same_as_fresh(&mut indexer, &docs, &config, "facets and collection changed; a url collision");
    docs[53].body.push_str(" collided");
    assert_same_as_fresh(&mut indexer, &docs, &config, "the second of two pages with one url changed");
    docs.truncate(3);
    assert_same_as_fresh(&mut indexer, &docs, &config, "most documents gone");
    docs.clear();
    assert_same_as_fresh(&mut indexer, &docs, &config, "no documents");
    docs.push(doc(9));
    assert_same_as_fresh(&mut indexer, &docs, &config, "one document again");
}

#[test]
fn an_indexer_starts_afresh_when_the_synonyms_change() {
    let docs: Vec<SearchDoc> = (0..50).map(doc).collect();
    let mut indexer = Indexer::default();
    assert_same_as_fresh(&mut indexer, &docs, &config(SYNONYMS), "first build");
    let other = config("synonyms:\n  - [low back, lumbar, sciatic nerve]\n");
    assert_same_as_fresh(&mut indexer, &docs, &other, "other synonyms");
    assert_same_as_fresh(&mut indexer, &docs, &config(""), "no synonyms");
}

#[test]
fn an_indexer_keeps_the_analysis_of_unchanged_documents() {
    let config = config(SYNONYMS);
    let mut docs: Vec<SearchDoc> = (0..20).map(doc).collect();
    let mut indexer = Indexer::default();
    indexer.build(&docs, &config, &facets());
    let analysis = |indexer: &Indexer, url: &str| indexer.analysed[url].terms.as_ptr();
    let unchanged = analysis(&indexer, &docs[4].url);
    docs[5].title.push_str(" hamstring");
    indexer.build(&docs, &config, &facets());
    assert_eq!(analysis(&indexer, &docs[4].url), unchanged, "an unchanged document is not analysed again");
    assert_eq!(indexer.analysed[docs[5].url.as_str()].hash, super::content_hash(&docs[5]));
}

/// A preview session sees hundreds of builds, each with words the last one did not have: the indexer must
/// forget the documents and words that are gone.
#[test]
fn an_indexer_stays_small_over_many_builds() {
    let config = config(SYNONYMS);
    let mut docs: Vec<SearchDoc> = (0..10).map(doc).collect();
    let mut indexer = Indexer::default();
    for build in 0..3000 {
        docs[build % 10].body = format!("{} word{build} other{build}", text(build as u64, 5));
        docs[(build + 5) % 10].url = format!("/pages/p{build}/");
        indexer.build(&docs, &config, &facets());
        assert_eq!(indexer.analysed.len(), docs.len());
        assert!(indexer.terms.len() < 2 * 60 + 1024 + 60, "{} terms after {build} builds", indexer.terms.len());
        assert_eq!(indexer.lists.len(), indexer.terms.len());
    }
    assert_same_as_fresh(&mut indexer, &docs, &config, "after 3000 builds");
}

#[test]
fn a_synonym_groups_pages_are_in_the_shard_of_each_of_its_words() {
    let docs: Vec<SearchDoc> = (0..400).map(doc).collect();
    let files = build(&docs, &config(SYNONYMS), &facets(), &|_, bytes| bytes);
    let json = |path: &str| -> serde_json::Value {
        let (_, bytes) = files.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("no {path}"));
        serde_json::from_slice(bytes).unwrap()
    };
    let manifest = json("search/index/manifest.json");
    let keys: Vec<&str> = manifest["shards"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    // search-core.js's shardKey: the longest key that is a prefix of the term
    let shard_of = |term: &str| -> String {
        (1..=term.len()).rev().map(|n| &term[..n]).find(|k| keys.contains(k)).unwrap().to_string()
    };
    let own = json(&format!("search/index/t/{}.json", shard_of("~0")))["~0"].clone();
    assert!(own.as_array().is_some_and(|list| !list.is_empty()), "the butt group has pages");
    let groups = manifest["synonym_groups"][0].as_array().unwrap();
    let words: Vec<&str> = groups.iter().flat_map(|m| m.as_array().unwrap()).map(|w| w.as_str().unwrap()).collect();
    assert!(words.contains(&"butt") && words.contains(&"glute"), "{words:?}");
    for word in words {
        let shard = json(&format!("search/index/t/{}.json", shard_of(word)));
        assert_eq!(shard["~0"], own, "the shard of {word:?} holds the group's pages");
    }
}
