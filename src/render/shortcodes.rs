//! A body's shortcodes, made by the templates in shortcodes/: `shortcodes/callout.html` holds the Tera
//! component `callout`, the theme's or the site's (templates/shortcodes/, which wins, as for any template).
//! Its arguments are checked against the component's before Tera sees them, so a mistake is told at the
//! Markdown's line in the author's words; `body` is the HTML of the Markdown inside, rendered as the page's
//! is (and under its `html:` policy); a component that declares `@video` gets the video an entry's `video:`
//! would, from its `src`, `poster`, `captions` and `title`.
//!
//! Metadata `{"body": true}` on the component (`{% component callout(kind="note", @t) {"body": true} %}`)
//! says it takes a body, written up to `{{ end }}`; like Hugo's check of `.Inner`, so a forgotten `{{ end }}`
//! is an error at the call rather than the rest of the page swallowed.

use super::Renderer;
use crate::diag::{Diagnostic, Location, did_you_mean};
use crate::fields::values::Video;
use crate::markdown::{Arg, Call, Shortcodes, Unresolved};
use std::path::Path;
use tera::{ComponentInfo, Context, Value};

pub(super) struct PageShortcodes<'r, 'a> {
    pub renderer: &'r Renderer<'a>,
}

impl Shortcodes for PageShortcodes<'_, '_> {
    fn takes_body(&self, name: &str) -> Option<bool> {
        let templates = self.renderer.templates;
        templates.path(&template(name))?;
        let info = templates.tera.get_component_definition(name);
        Some(info.is_some_and(|info| info.metadata().get("body").and_then(Value::as_bool) == Some(true)))
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.renderer.templates.shortcode_names().map(str::to_string).collect();
        names.sort();
        names
    }

    fn render(&self, call: &Call<'_>, body: Option<&str>) -> Result<String, Vec<Unresolved>> {
        let templates = self.renderer.templates;
        let file = templates.path(&template(call.name)).map_or_else(|| template(call.name), shown);
        let Some(info) = templates.tera.get_component_definition(call.name) else {
            return Err(vec![problem(
                format!("{file} does not define the component `{}`", call.name),
                format!("write it as `{{% component {0}() %}}…{{% endcomponent {0} %}}`", call.name),
            )]);
        };
        check_args(call, &info)?;
        let mut args = Context::new();
        for (key, value) in call.args {
            match value {
                Arg::Text(text) => args.insert(key.to_string(), text),
                Arg::Integer(n) => args.insert(key.to_string(), n),
                Arg::Float(n) => args.insert(key.to_string(), n),
                Arg::Bool(b) => args.insert(key.to_string(), b),
            }
        }
        let mut implicits = Context::new();
        if info.args().iter().any(|a| a.is_implicit() && a.name() == "video") {
            implicits.insert("video", &self.video(call)?);
        }
        templates
            .tera
            .render_component_with_implicits(call.name, &args, &implicits, body, true)
            .map_err(|error| vec![template_problem(&templates.component_error(&error), &file)])
    }
}

impl PageShortcodes<'_, '_> {
    /// The video of a call to a component that declares `@video`, as an entry's `video:` field makes it.
    fn video(&self, call: &Call<'_>) -> Result<super::video::VideoContext, Vec<Unresolved>> {
        let text = |key: &str| {
            call.args.iter().find(|(k, _)| *k == key).and_then(|(_, v)| match v {
                Arg::Text(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
                _ => None,
            })
        };
        let Some(src) = text("src") else {
            return Err(vec![problem(
                format!("`{}` needs `src`: the video's file or its YouTube or Vimeo address", call.name),
                format!(
                    "e.g. `{{{{ {}(src=\"videos/figure-four.mp4\", poster=\"images/figure-four.jpg\", title=\"…\") }}}}`",
                    call.name
                ),
            )]);
        };
        let title = text("title");
        let nowhere = Location::file(Path::new(""));
        let video = Video::checked(src, text("poster"), text("captions"), title.clone(), nowhere)
            .map_err(|(message, help)| vec![problem(message, help.to_string())])?;
        let mut problems = Vec::new();
        let context = self.renderer.video(&video, title.as_deref().unwrap_or_default(), &mut problems);
        match context {
            Some(context) if problems.is_empty() => Ok(context),
            _ => Err(problems.into_iter().map(|d| problem(d.message, d.help.unwrap_or_default())).collect()),
        }
    }
}

/// Arguments the component does not have, and ones it needs that are missing, said in the author's words.
fn check_args(call: &Call<'_>, info: &ComponentInfo) -> Result<(), Vec<Unresolved>> {
    let own: Vec<&str> = info.args().iter().filter(|a| !a.is_implicit()).map(tera::ComponentArg::name).collect();
    let listed =
        if own.is_empty() { "it takes none".to_string() } else { format!("its arguments: {}", own.join(", ")) };
    let mut problems = Vec::new();
    for (key, _) in call.args {
        if !own.contains(key) && info.rest_param().is_none() {
            let message = format!("`{}` has no argument `{key}`", call.name);
            let message = match did_you_mean(key, own.iter().copied()) {
                Some(suggestion) => format!("{message}; {suggestion}"),
                None => message,
            };
            problems.push(problem(message, listed.clone()));
        }
    }
    for arg in info.args().iter().filter(|a| a.is_required()) {
        if !call.args.iter().any(|(k, _)| *k == arg.name()) {
            problems.push(problem(
                format!("`{}` needs `{}`", call.name, arg.name()),
                format!("add `{}=\"…\"` between the parentheses ({listed})", arg.name()),
            ));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// A Tera error in a shortcode's template, told at the call with the template's place in the message.
fn template_problem(diagnostic: &Diagnostic, file: &str) -> Unresolved {
    let place = match &diagnostic.location {
        Some(Location { file, line: Some(line), column, .. }) => format!("{}:{line}:{column}", shown(file)),
        Some(location) => shown(&location.file),
        None => file.to_string(),
    };
    let message = diagnostic.message.strip_prefix("template error: ").unwrap_or(&diagnostic.message);
    problem(
        format!("the shortcode's template failed at {place}: {message}"),
        "check the shortcode's arguments; if they are right, fix the template (Tera 2 syntax: https://keats.github.io/tera/docs/)"
            .to_string(),
    )
}

fn template(name: &str) -> String {
    format!("shortcodes/{name}.html")
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn problem(message: String, help: String) -> Unresolved {
    Unresolved { message, help: Some(help), is_warning: false }
}
