//! A `_headers` file read as Netlify and Cloudflare Pages document it, and its URL patterns matched the way
//! each host matches them, so a test can ask which headers a published file is served with.
//!
//! The grammar, the same for both: a line starting with `#` is a comment; a line starting with `/` (or
//! `https://`) is a URL pattern; each indented `Name: value` line below it is a header for that pattern.
//! Matching differs. Cloudflare (developers.cloudflare.com/pages/configuration/headers/): one `*` splat per
//! pattern, matching any characters, `/` included; `:name` matches any characters but `/`. Netlify
//! (docs.netlify.com/manage/routing/headers/, and `getForRegExp` of its headers-parser): per path segment, a
//! `*` alone matches the rest of the path (the `/` before it optional), a `*` inside a segment any
//! characters, a `:name` segment one segment; letters in any case; a trailing `/` optional.

/// A pattern and its headers, with the line the pattern is on for messages.
pub(super) struct Rule {
    pub pattern: String,
    pub line: usize,
    pub headers: Vec<(String, String)>,
}

/// The rules of a `_headers` file; panics at the first line that fits neither host's grammar or limits.
pub(super) fn parse(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        // Cloudflare's limit, the smaller of the two.
        assert!(raw.len() <= 2000, "_headers:{line}: longer than 2,000 characters");
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !raw.starts_with(char::is_whitespace) {
            assert!(
                trimmed.starts_with('/') || trimmed.starts_with("https://"),
                "_headers:{line}: `{trimmed}` is neither a URL pattern nor an indented header"
            );
            assert!(trimmed.matches('*').count() <= 1, "_headers:{line}: Cloudflare allows one `*` per pattern");
            rules.push(Rule { pattern: trimmed.to_string(), line, headers: Vec::new() });
            continue;
        }
        let (name, value) = trimmed.split_once(':').unwrap_or_else(|| panic!("_headers:{line}: no `Name: value`"));
        assert!(!name.trim().is_empty() && !value.trim().is_empty(), "_headers:{line}: a header needs both");
        let rule = rules.last_mut().unwrap_or_else(|| panic!("_headers:{line}: a header before any pattern"));
        rule.headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    assert!(rules.len() <= 100, "Cloudflare reads at most 100 rules");
    rules
}

/// One step of a compiled pattern.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Char(char),
    /// Any characters, none included.
    Any,
    /// One or more characters other than `/`.
    Segment,
    /// A `/` or nothing.
    OptionalSlash,
}

/// Whether Cloudflare Pages applies `pattern` to a request for `path`.
pub(super) fn cloudflare_matches(pattern: &str, path: &str) -> bool {
    let mut steps = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => steps.push(Step::Any),
            ':' if chars.peek().is_some_and(char::is_ascii_alphabetic) => {
                while chars.peek().is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
                    chars.next();
                }
                steps.push(Step::Segment);
            }
            c => steps.push(Step::Char(c)),
        }
    }
    matches(&steps, &path.chars().collect::<Vec<_>>())
}

/// Whether Netlify applies `pattern` to a request for `path`.
pub(super) fn netlify_matches(pattern: &str, path: &str) -> bool {
    let mut steps = vec![Step::Char('/')];
    let parts = pattern.split('/').map(str::trim_end).filter(|p| !p.is_empty());
    for (index, part) in parts.enumerate() {
        if index > 0 {
            steps.push(Step::Char('/'));
        }
        if part == "*" {
            *steps.last_mut().unwrap() = Step::OptionalSlash;
            steps.push(Step::Any);
        } else if part.starts_with(':') {
            steps.push(Step::Segment);
        } else {
            steps.extend(part.to_lowercase().chars().map(|c| if c == '*' { Step::Any } else { Step::Char(c) }));
        }
    }
    steps.push(Step::OptionalSlash);
    matches(&steps, &path.to_lowercase().chars().collect::<Vec<_>>())
}

fn matches(steps: &[Step], text: &[char]) -> bool {
    let Some((step, rest)) = steps.split_first() else { return text.is_empty() };
    match step {
        Step::Char(c) => text.first() == Some(c) && matches(rest, &text[1..]),
        Step::Any => (0..=text.len()).any(|skip| matches(rest, &text[skip..])),
        Step::Segment => {
            let longest = text.iter().position(|c| *c == '/').unwrap_or(text.len());
            (1..=longest).any(|take| matches(rest, &text[take..]))
        }
        Step::OptionalSlash => (text.first() == Some(&'/') && matches(rest, &text[1..])) || matches(rest, text),
    }
}

/// The matchers agree with the examples the hosts document (Cloudflare's table of requests; the cases of
/// Netlify's own `headersForPath` test).
#[test]
fn the_matchers_follow_the_hosts_documented_examples() {
    assert!(cloudflare_matches("/static/*", "/static/image.jpg"));
    assert!(cloudflare_matches("/static/*", "/static/styles.css"));
    assert!(cloudflare_matches("/secure/page", "/secure/page"));
    assert!(!cloudflare_matches("/secure/page", "/home"));
    assert!(cloudflare_matches("/movies/:title", "/movies/alien"));
    assert!(!cloudflare_matches("/movies/:title", "/movies/alien/cast"));
    assert!(cloudflare_matches("/*.jpg", "/photos/cat.jpg"));

    assert!(netlify_matches("/*", "/"));
    assert!(netlify_matches("/*", "/placeholder"));
    assert!(netlify_matches("/static-path/*", "/static-path"));
    assert!(netlify_matches("/static-path/*", "/static-path/placeholder"));
    assert!(!netlify_matches("/static-path/*", "/placeholder"));
    assert!(netlify_matches("/:placeholder/index.html", "/placeholder/index.html"));
    assert!(!netlify_matches("/:placeholder/index.html", "/index.html"));
    assert!(netlify_matches("/*/_next/static/chunks/*", "/placeholder/_next/static/chunks/placeholder"));
    assert!(netlify_matches("/directory/*/test.html", "/directory/placeholder/test.html"));
    assert!(!netlify_matches("/with-colon", "/"));

    let rules = parse("# a comment\n/a/*\n  X-One: 1\n  X-Two: a: b\n\n/b\n  X-Three: 3\n");
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0].headers, [("X-One".to_string(), "1".to_string()), ("X-Two".into(), "a: b".into())]);
    assert_eq!((rules[1].pattern.as_str(), rules[1].line), ("/b", 6));
}
