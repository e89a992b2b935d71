//! Shortcodes in a page body: `{{ video(src="videos/a.mp4", title="…") }}` where it stands, and
//! `{{ callout(kind="caution") }}` … `{{ end }}` around Markdown of its own. This module finds them (never in
//! code, raw HTML or an image's alt text; `\{{` is a literal `{{`), pairs blocks with their `{{ end }}`,
//! renders the rest of the Markdown with a marker where each one was, and puts each shortcode's HTML in its
//! place. What a shortcode makes is the caller's business (`Shortcodes`): this module knows no templates.

mod plan;
mod splice;
mod syntax;

use super::{LinkProblem, Rendered, Unresolved};
use std::ops::Range;

/// An argument's value: text, a number or true/false, nothing else.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
}

/// A shortcode as called: its name, its arguments in the order written.
pub struct Call<'a> {
    pub name: &'a str,
    pub args: &'a [(&'a str, Arg)],
}

/// The shortcodes a site has, and how each is made into HTML.
pub trait Shortcodes {
    /// `None` for no such shortcode; else whether it takes a body (written up to `{{ end }}`).
    fn takes_body(&self, name: &str) -> Option<bool>;

    /// Every shortcode's name, for "did you mean".
    fn names(&self) -> Vec<String>;

    /// The HTML of a call; `body` is the HTML of its Markdown, for a shortcode that takes one.
    fn render(&self, call: &Call<'_>, body: Option<&str>) -> Result<String, Vec<Unresolved>>;
}

/// Renders `markdown` with its shortcodes: `render` renders Markdown (with the shortcodes in it, for a body).
pub(super) fn render(markdown: &str, shortcodes: &dyn Shortcodes, render: &dyn Fn(&str, bool) -> Rendered) -> Rendered {
    let Some(plan) = plan::plan(markdown, shortcodes) else { return render(markdown, false) };
    let mut rendered = render(&plan.text, false);
    for problem in &mut rendered.problems {
        problem.range = plan.original(&problem.range);
    }
    for link in &mut rendered.site_links {
        link.range = plan.original(&link.range);
    }
    rendered.shortcode_problems.extend(plan.problems.iter().map(|p| error(p.range.clone(), &p.message, &p.help)));
    let mut outputs = Vec::with_capacity(plan.items.len());
    for item in &plan.items {
        let body = item.body.as_ref().map(|range| {
            let mut inner = render(&markdown[range.clone()], true);
            shift(&mut inner, range.start);
            rendered.problems.append(&mut inner.problems);
            rendered.site_links.append(&mut inner.site_links);
            rendered.shortcode_problems.append(&mut inner.shortcode_problems);
            inner
        });
        let call = Call { name: item.name, args: &item.args };
        let html = match shortcodes.render(&call, body.as_ref().map(|b| b.html.as_str())) {
            Ok(html) => html,
            Err(problems) => {
                let at = |problem| LinkProblem { range: item.call.clone(), problem };
                rendered.shortcode_problems.extend(problems.into_iter().map(at));
                String::new()
            }
        };
        outputs.push(splice::Output { html, text: body.map(|b| b.text).unwrap_or_default() });
    }
    for (i, misplaced) in splice::splice(&mut rendered, &outputs).into_iter().enumerate() {
        if misplaced {
            let message = "a shortcode cannot be used here: it would be inside a link's address or a picture's text";
            let help = "put the shortcode on its own line, or in the text of a paragraph";
            rendered.shortcode_problems.push(error(plan.items[i].call.clone(), message, help));
        }
    }
    rendered
}

fn error(range: Range<usize>, message: &str, help: &str) -> LinkProblem {
    LinkProblem {
        range,
        problem: Unresolved { message: message.to_string(), help: Some(help.to_string()), is_warning: false },
    }
}

/// Moves the places of a body's problems and links from the body to the text around it.
fn shift(inner: &mut Rendered, by: usize) {
    let ranges = inner.problems.iter_mut().chain(inner.shortcode_problems.iter_mut()).map(|p| &mut p.range);
    for range in ranges.chain(inner.site_links.iter_mut().map(|l| &mut l.range)) {
        *range = range.start + by..range.end + by;
    }
}
