//! Sites in several languages: translations beside their originals, each language's pages at its own
//! addresses with hreflang alternates and a switcher, relations in every language, a search index and feed
//! per language, handouts in the client's language and the translation report. The fixture is a clinic
//! published under a sub-path, with collections not named as the sample site's.

use crate::fixture::Site;
use crate::pdf::PdfFile;

const SITE_YAML: &str = "\
title: Hill Clinic
base_url: https://test-clinic.example/clinic/
language: en
languages:
  en: {}
  es:
    title: Clínica Hill
    disclaimer: Información general, no consejo médico.
    collections:
      exercises: { title: Ejercicios, singular: ejercicio }
      problems: { title: Problemas, singular: problema }
    synonyms:
      - [nalgas, glúteos]
  fr: {}
collections:
  exercises:
    title: Exercises
    singular: exercise
    schema: exercise
    relations:
      problems: problems
  problems:
    title: Problems
    singular: problem
    schema: condition
";

pub(crate) fn three_languages() -> Site {
    let site = Site::empty();
    site.write("site.yaml", SITE_YAML);
    site.write("content/_index.md", "---\ntitle: Welcome\n---\nStart with [[hip-opener]].\n");
    site.write("static/es/folleto.txt", "Folleto.");
    site.write("content/_index.es.md", "---\ntitle: Bienvenida\n---\nEmpieza por [[hip-opener|el abridor]].\n");
    site.write("content/about.md", "---\ntitle: About\n---\nAbout the clinic. See [[sitting]].\n");
    site.write("content/about.es.md", "---\ntitle: Sobre la clínica\nslug: sobre-nosotros\n---\nLa clínica.\n");
    site.write(
        "content/exercises/hip-opener.md",
        "---\ntitle: Hip opener\nsummary: Opens the hips.\nkind: stretch\nhold_seconds: 30\nsides: each\nupdated: 2026-10-01\n\
         steps: [Lie down., Cross the ankle., Pull gently.]\ncautions: [Stop if it hurts.]\nproblems: [sitting]\n---\n\
         Good for the glutes and the buttocks.\n",
    );
    site.write(
        "content/exercises/hip-opener.es.md",
        "---\ntitle: Abridor de cadera\nslug: abridor-de-cadera\nsummary: Abre las caderas.\nupdated: 2026-11-01\n\
         steps: [Túmbate., Cruza el tobillo., Tira con suavidad.]\ncautions: [Para si duele.]\n---\n\
         Bueno para los glúteos y las nalgas. Un estiramiento suave.\n",
    );
    site.write(
        "content/exercises/hip-opener.fr.md",
        "---\ntitle: Ouverture de hanche\nupdated: 2026-09-01\nsteps: [Allongez-vous., Croisez la cheville., Tirez doucement.]\n---\n\
         Bon pour les fessiers.\n",
    );
    site.write(
        "content/exercises/wall-squat.md",
        "---\ntitle: Wall squat\nkind: strengthen\nreps: 10\nproblems: [sitting]\n---\nSquat against a wall.\n",
    );
    site.write(
        "content/problems/sitting.md",
        "---\ntitle: Sitting all day\nsymptoms: [Stiff hips]\n---\nLong hours in a chair. Try [[hip-opener]].\n",
    );
    site.write(
        "content/problems/sitting.es.md",
        "---\ntitle: Estar sentado todo el día\nslug: estar-sentado\nsymptoms: [Caderas rígidas]\n---\n\
         Muchas horas en la silla. Prueba el [[hip-opener|abridor de cadera]].\n",
    );
    site
}

#[test]
fn each_language_has_its_pages_at_its_own_addresses_under_the_sub_path() {
    let site = three_languages();
    site.build().assert_ok();
    for page in [
        "public/exercises/hip-opener/index.html",
        "public/es/index.html",
        "public/es/exercises/abridor-de-cadera/index.html",
        "public/es/exercises/index.html",
        "public/es/problems/estar-sentado/index.html",
        "public/es/sobre-nosotros/index.html",
        "public/es/search/index.html",
        "public/es/search/index/manifest.json",
        "public/es/feed.xml",
        // No slug: the id is the address.
        "public/fr/exercises/hip-opener/index.html",
    ] {
        assert!(site.exists(page), "{page} missing");
    }
    // Untranslated entries are the default language's pages only; no 404 page per language.
    assert!(!site.exists("public/es/exercises/wall-squat/index.html"));
    assert!(!site.exists("public/es/404.html") && site.exists("public/404.html"));

    let spanish = site.read("public/es/exercises/abridor-de-cadera/index.html");
    assert!(spanish.contains("<html lang=\"es\" dir=\"ltr\">"), "{}", &spanish[..200]);
    // A site's own files under static/es/ are published once, beside the Spanish pages.
    assert_eq!(site.read("public/es/folleto.txt"), "Folleto.");
    assert!(spanish.contains("Abridor de cadera") && spanish.contains("Tira con suavidad."));
    // The facts come from the original, in the page's words: the hold and the sides.
    assert!(spanish.contains("30 <span class=\"unit\">segundos</span>"), "the hold, in Spanish");
    // Site settings in the language's own words, with the rest from the default.
    assert!(spanish.contains("Clínica Hill") && spanish.contains("Información general, no consejo médico."));
    assert!(spanish.contains(">Ejercicios<"), "the collection's title in Spanish");
    // JSON-LD says the page's language and its breadcrumb leads to the Spanish listing.
    assert!(spanish.contains("\"inLanguage\":\"es\""));
    assert!(spanish.contains("https://test-clinic.example/clinic/es/exercises/"));
}

#[test]
fn every_page_names_its_alternates_and_offers_the_other_languages() {
    let site = three_languages();
    site.build().assert_ok();
    let english = site.read("public/exercises/hip-opener/index.html");
    for (lang, href) in [
        ("en", "https://test-clinic.example/clinic/exercises/hip-opener/"),
        ("es", "https://test-clinic.example/clinic/es/exercises/abridor-de-cadera/"),
        ("fr", "https://test-clinic.example/clinic/fr/exercises/hip-opener/"),
        ("x-default", "https://test-clinic.example/clinic/exercises/hip-opener/"),
    ] {
        let link = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\">");
        assert!(english.contains(&link), "missing {link}");
    }
    // The switcher: each language by its own name, the current one marked.
    let spanish = site.read("public/es/exercises/abridor-de-cadera/index.html");
    assert!(spanish.contains("href=\"/clinic/exercises/hip-opener/\" lang=\"en\" hreflang=\"en\">English</a>"));
    assert!(spanish.contains("hreflang=\"es\" aria-current=\"true\">Español</a>"));
    assert!(spanish.contains(">Français</a>"));
    // A page with no translation names no alternates; the switcher still offers each language's home page.
    let squat = site.read("public/exercises/wall-squat/index.html");
    assert!(!squat.contains("hreflang=\"es\" href="), "no alternates for an untranslated page");
    assert!(squat.contains("href=\"/clinic/es/\""), "the Spanish home page is offered");
    // The sitemap lists every language's pages with their alternates.
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://test-clinic.example/clinic/es/exercises/abridor-de-cadera/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://test-clinic.example/clinic/fr/exercises/hip-opener/\"/>"
    ));
    assert!(!sitemap.contains("https://test-clinic.example/clinic/es/exercises/wall-squat/"));
    // A feed per language, in its language.
    let feed = site.read("public/es/feed.xml");
    assert!(feed.contains("xml:lang=\"es\"") && feed.contains("<title>Abridor de cadera</title>"));
    assert!(!feed.contains("Wall squat"), "the Spanish feed carries Spanish entries");
}

#[test]
fn relations_work_in_every_language_and_untranslated_ones_say_so() {
    let site = three_languages();
    site.build().assert_ok();
    // The problem names no exercise; the exercises name it: the inverse link, in Spanish.
    let problem = site.read("public/es/problems/estar-sentado/index.html");
    assert!(problem.contains("href=\"/clinic/es/exercises/abridor-de-cadera/\""), "the translated exercise");
    // The wall squat has no Spanish page: it links to the English one, marked as English.
    assert!(problem.contains("href=\"/clinic/exercises/wall-squat/\""));
    assert!(problem.contains("(solo en inglés)"), "the untranslated link says it is in English");
    // Links in Spanish text lead to Spanish pages; the French exercise's problem has no French page.
    let home = site.read("public/es/index.html");
    assert!(home.contains("href=\"/clinic/es/exercises/abridor-de-cadera/\""));
    let french = site.read("public/fr/exercises/hip-opener/index.html");
    assert!(french.contains("href=\"/clinic/problems/sitting/\"") && french.contains("(uniquement en anglais)"));
    // Listings in Spanish list every exercise, translated or not.
    let listing = site.read("public/es/exercises/index.html");
    assert!(listing.contains("Abridor de cadera") && listing.contains("Wall squat"));
}

#[test]
fn list_in_a_language_gives_translated_titles_and_marks_the_rest() {
    let site = three_languages();
    let run = site.sinew(&["list", "exercises", "--lang", "es"]);
    run.assert_ok();
    assert!(run.stdout.contains("hip-opener  Abridor de cadera\n"), "{}", run.stdout);
    assert!(run.stdout.contains("wall-squat  Wall squat  (not translated)"), "{}", run.stdout);
    let wrong = site.sinew(&["list", "--lang", "de"]);
    wrong.assert_failed();
    assert!(wrong.stderr.contains("`de` is not one of the site's languages"), "{}", wrong.stderr);
}

#[test]
fn each_language_has_its_own_search_index() {
    let site = three_languages();
    site.build().assert_ok();
    let manifest: serde_json::Value = serde_json::from_str(&site.read("public/es/search/index/manifest.json")).unwrap();
    assert_eq!(manifest["language"], "es");
    assert_eq!(manifest["stemming"], "snowball");
    assert!(manifest["stopwords"].as_array().unwrap().iter().any(|w| w == "para"));
    // The Spanish synonyms, stemmed as the Spanish index is.
    let groups = manifest["synonym_groups"].to_string();
    let stem = |word: &str| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Spanish).stem(word).into_owned();
    assert!(groups.contains(&format!("\"{}\"", stem("nalgas"))), "{groups}");
    // The Spanish pages are in it, the English ones are not.
    let docs = site.read("public/es/search/index/d/0.json");
    assert!(
        docs.contains("/clinic/es/exercises/abridor-de-cadera/") && !docs.contains("/clinic/exercises/wall-squat/")
    );
    let english: serde_json::Value = serde_json::from_str(&site.read("public/search/index/manifest.json")).unwrap();
    assert_eq!(english["language"], "en");
    assert_eq!(english["stemming"], "english-plurals");
    // The search page searches its language's index, with its stemmer.
    let page = site.read("public/es/search/index.html");
    assert!(page.contains("data-index=\"/clinic/es/search/index/\""), "the Spanish index");
    assert!(page.contains("data-stemmer=\"/clinic/stemmers/es."), "the Spanish stemmer");
    assert!(page.contains("href=\"/clinic/es/search/index/manifest.json\""), "the Spanish manifest preloaded");
}

#[test]
fn a_translation_that_states_a_fact_differently_is_an_error_at_its_line() {
    let site = three_languages();
    site.write(
        "content/exercises/hip-opener.fr.md",
        "---\ntitle: Ouverture de hanche\nhold_seconds: 45\nproblems: [sitting]\nsteps: [Un., Deux.]\n---\nTexte.\n",
    );
    site.build()
        .assert_failed()
        .assert_reports("content/exercises/hip-opener.fr.md:3:1", &["`hold_seconds` differs from the original's"])
        // A step more or fewer than the original: out of date, said, but the site still builds.
        .assert_reports("content/exercises/hip-opener.fr.md:5:1", &["has 2 steps where the original has 3"]);
    site.write(
        "content/exercises/hip-opener.fr.md",
        "---\ntitle: Ouverture de hanche\nsteps: [Un., Deux.]\n---\nTexte.\n",
    );
    let run = site.build();
    run.assert_ok().assert_reports("content/exercises/hip-opener.fr.md:3:1", &["warning", "may be out of date"]);
    // A relation the original does not state is a fact stated differently too.
    let sitting = site.read("content/problems/sitting.es.md");
    site.write("content/problems/sitting.es.md", sitting.replacen("---\n", "---\nexercises: [wall-squat]\n", 1));
    site.build().assert_failed().assert_reports("content/problems/sitting.es.md:2:1", &["`exercises` differs"]);
    site.write("content/problems/sitting.es.md", sitting);
    // The same fact repeated unchanged is fine.
    site.write(
        "content/exercises/hip-opener.fr.md",
        "---\ntitle: Ouverture de hanche\nhold_seconds: 30\nproblems: [sitting]\n---\nTexte.\n",
    );
    site.build().assert_ok();
    // A translation of nothing, and one into a language the site does not have.
    site.write("content/exercises/hip-openr.es.md", "---\ntitle: X\n---\n");
    site.write("content/exercises/wall-squat.de.md", "---\ntitle: Y\n---\n");
    let run = site.build();
    run.assert_failed().assert_reports("content/exercises/hip-openr.es.md", &["hip-openr.md, which does not exist"]);
    run.assert_reports("content/exercises/wall-squat.de.md", &["`de`, which is not one of the site's languages"]);
}

#[test]
fn a_missing_interface_string_names_its_key_and_file() {
    let site = three_languages();
    site.write("i18n/fr.yaml", "nav: { home: Accueil }\n");
    // A site's file replaces single strings and keeps the rest.
    site.build().assert_ok();
    assert!(site.read("public/fr/exercises/hip-opener/index.html").contains(">Accueil<"));
    // A language no theme has strings for needs the site's own file, complete.
    site.write("site.yaml", SITE_YAML.replace("  fr: {}\n", "  fr: {}\n  de: {}\n"));
    site.build().assert_failed().assert_reports("site.yaml", &["the theme has no interface strings for `de`"]);
    // Every string but one: that one is named, at the site's file.
    let english = include_str!("../../themes/default/i18n/en.yaml");
    site.write("i18n/de.yaml", english.replacen("  search: \"Search\"\n", "", 1));
    site.build()
        .assert_failed()
        .assert_reports("i18n/de.yaml", &["the interface string `nav.search` is missing for `de`"]);
}

#[test]
fn the_translation_report_lists_missing_and_stale_translations() {
    let site = three_languages();
    let run = site.sinew(&["check"]);
    run.assert_ok();
    assert!(run.stderr.contains("1 of 2 exercises have no translation into `es`: wall-squat"), "{}", run.stderr);
    assert!(run.stderr.contains("1 of 1 problems have no translation into `fr`: sitting"), "{}", run.stderr);
    // The French translation is dated before the original's update.
    run.assert_reports("content/exercises/hip-opener.fr.md", &["may be out of date", "changed on 2026-10-01"]);
    assert!(!run.stderr.contains("hip-opener.es.md"), "the Spanish translation is newer than its original");
    site.sinew(&["check", "--strict"]).assert_failed();
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn a_handout_in_the_clients_language_and_its_fallback() {
    let site = three_languages();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("sheet.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    let root = site.root().to_str().unwrap();
    let args = ["handout", "--root", root, "--lang", "es", "--stretches", "hip-opener,wall-squat", "-o", pdf_arg];
    // The wall squat has no Spanish page: refused, naming it.
    let run = site.sinew(&args);
    run.assert_failed();
    assert!(run.stderr.contains("`wall-squat` has no translation into `es`"), "{}", run.stderr);
    assert!(!pdf.exists(), "nothing written");
    let mut with_fallback = args.to_vec();
    with_fallback.push("--fallback");
    site.sinew(&with_fallback).assert_ok();
    let file = PdfFile::open(&pdf);
    let text = file.text();
    for words in ["Tus ejercicios para casa", "Abridor de cadera", "Tira con suavidad.", "Mantener 30 segundos"] {
        assert!(text.contains(words), "missing {words:?} in {text}");
    }
    assert!(text.contains("Aún sin traducir: se muestra en inglés."), "the untranslated stretch says so: {text}");
    assert!(text.contains("Wall squat") && text.contains("Para si duele."));
    // The QR code leads to the Spanish page.
    let codes = file.qr_codes();
    assert!(
        codes.iter().any(|url| url == "https://test-clinic.example/clinic/es/exercises/abridor-de-cadera/"),
        "{codes:?}"
    );
    let unknown = site.sinew(&["handout", "--root", root, "--lang", "it", "--stretches", "hip-opener", "-o", pdf_arg]);
    unknown.assert_failed();
    assert!(unknown.stderr.contains("`it` is not one of the site's languages"));
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn a_content_handout_is_published_in_each_language_it_is_translated_into() {
    let site = three_languages();
    site.write(
        "content/handouts/morning.md",
        "---\ntitle: Morning routine\nstretches:\n  - id: hip-opener\n    note: Before breakfast.\n---\nTwo minutes.\n",
    );
    site.write(
        "content/handouts/morning.es.md",
        "---\ntitle: Rutina de la mañana\nslug: rutina-manana\nnotes_by_stretch: { hip-opener: Antes de desayunar. }\n---\nDos minutos.\n",
    );
    site.build().assert_ok();
    let page = site.read("public/es/handouts/rutina-manana/index.html");
    assert!(
        page.contains("Rutina de la mañana") && page.contains("Antes de desayunar.") && page.contains("Dos minutos.")
    );
    // The sheet in each language names the other: hreflang links and the switcher.
    assert!(page.contains("hreflang=\"en\" href=\"https://test-clinic.example/clinic/handouts/morning/\""));
    let english = site.read("public/handouts/morning/index.html");
    assert!(english.contains("href=\"/clinic/es/handouts/rutina-manana/\" lang=\"es\" hreflang=\"es\">Español</a>"));
    let text = PdfFile::open(&site.path("public/es/handouts/morning.pdf")).text();
    assert!(text.contains("Rutina de la mañana") && text.contains("Abridor de cadera"), "{text}");
    // A note for a stretch the handout does not list is an error at its place.
    site.write("content/handouts/morning.es.md", "---\ntitle: Rutina\nnotes_by_stretch: { wall-squat: Nota. }\n---\n");
    site.build()
        .assert_failed()
        .assert_reports("content/handouts/morning.es.md:3", &["`wall-squat` is not one of this handout's stretches"]);
}

#[test]
#[cfg_attr(not(feature = "pdf"), ignore = "needs the `pdf` feature")]
fn arabic_lays_out_right_to_left_on_the_page_and_the_sheet() {
    let site = three_languages();
    site.write("site.yaml", SITE_YAML.replace("  fr: {}\n", "  fr: {}\n  ar: {}\n"));
    site.write("i18n/ar.yaml", arabic_strings());
    site.write(
        "content/exercises/hip-opener.ar.md",
        "---\ntitle: تمرين فتح الورك\nsteps: [استلقِ على ظهرك., ضع الكاحل فوق الركبة., اسحب بلطف.]\n---\nتمرين لطيف للأرداف.\n",
    );
    site.build().assert_ok();
    let page = site.read("public/ar/exercises/hip-opener/index.html");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">") && page.contains("تمرين فتح الورك"));
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("ar.pdf");
    let root = site.root().to_str().unwrap();
    site.sinew(&["handout", "--root", root, "--lang", "ar", "--stretches", "hip-opener", "-o", pdf.to_str().unwrap()])
        .assert_ok();
    let text = PdfFile::open(&pdf).text();
    // The Arabic words come back from the PDF: their glyphs are in it (the built-in theme embeds Amiri). The
    // text is read back in the order it is drawn, right to left, so each word comes out reversed.
    let drawn = |word: &str| word.chars().rev().collect::<String>();
    assert!(text.contains(&drawn("فتح")) && text.contains(&drawn("الورك")), "{text}");
}

/// The built-in English strings, as a site's Arabic file: a test of layout, not of translation.
fn arabic_strings() -> String {
    let english = include_str!("../../themes/default/i18n/en.yaml");
    english.replacen("language_name: \"English\"", "language_name: \"العربية\"", 1)
}

#[test]
fn the_preview_serves_every_language_and_follows_edits_to_translations() {
    let site = three_languages();
    let server = crate::serve::Server::start(&site);
    server.wait_for_page("/clinic/es/exercises/abridor-de-cadera/", "Abridor de cadera");
    // Editing a translation changes its page and the Spanish pages that list it.
    let text = site
        .read("content/exercises/hip-opener.es.md")
        .replace("title: Abridor de cadera", "title: Apertura de cadera");
    site.write("content/exercises/hip-opener.es.md", &text);
    server.wait_for_page("/clinic/es/exercises/abridor-de-cadera/", "Apertura de cadera");
    server.wait_for_page("/clinic/es/problems/estar-sentado/", "Apertura de cadera");
    // A fact changed in the original reaches the translation's page (the translation is read again with it).
    let original = site.read("content/exercises/hip-opener.md").replace("hold_seconds: 30", "hold_seconds: 40");
    site.write("content/exercises/hip-opener.md", &original);
    server.wait_for_page("/clinic/es/exercises/abridor-de-cadera/", "40 <span class=\"unit\">segundos</span>");
    // A new translation appears with its own address; the English page gains its alternate.
    site.write(
        "content/exercises/wall-squat.es.md",
        "---\ntitle: Sentadilla en la pared\nslug: sentadilla\n---\nContra la pared.\n",
    );
    server.wait_for_page("/clinic/es/exercises/sentadilla/", "Sentadilla en la pared");
    server.wait_for_page("/clinic/exercises/wall-squat/", "/clinic/es/exercises/sentadilla/\">");
    // The Spanish search index is served too, once the background thread has made it (it runs below the
    // pages' priority, so on a busy machine a moment after them).
    server.wait_for_page("/clinic/es/search/index/manifest.json", "\"language\":\"es\"");
}

#[test]
fn a_translation_outlives_pictures_and_steps_removed_from_its_original() {
    let site = three_languages();
    site.write("static/images/lie.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 1\"/>");
    let original = site.read("content/exercises/hip-opener.md");
    let pictured = original.replace(
        "steps: [Lie down., Cross the ankle., Pull gently.]",
        "steps:\n  - { text: Lie down., image: { src: images/lie.svg, alt: Lying down. } }\n  - Cross the ankle.\n  - Pull gently.",
    );
    site.write("content/exercises/hip-opener.md", &pictured);
    site.write(
        "content/exercises/hip-opener.es.md",
        site.read("content/exercises/hip-opener.es.md").replace(
            "steps: [Túmbate., Cruza el tobillo., Tira con suavidad.]",
            "steps:\n  - { text: Túmbate., image: { alt: Tumbado boca arriba. } }\n  - Cruza el tobillo.\n  - Tira con suavidad.",
        ),
    );
    site.build().assert_ok();
    let spanish = site.read("public/es/exercises/abridor-de-cadera/index.html");
    assert!(spanish.contains("alt=\"Tumbado boca arriba.\""), "the original's picture with the Spanish alt text");
    // The picture is removed from the original (in the editor, say): the Spanish alt text is now for nothing.
    site.write("content/exercises/hip-opener.md", &original);
    let run = site.build();
    run.assert_ok().assert_reports("content/exercises/hip-opener.es.md:7:5", &["a picture the original no longer has"]);
}
