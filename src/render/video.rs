//! An entry's video as its page shows it. A file among the static files plays in `<video>` with native
//! controls (never on its own); a YouTube or Vimeo video is a placeholder until the reader asks for it:
//! nothing is requested from the video site before that click, and then from its privacy-enhanced host
//! (youtube-nocookie.com, Vimeo with `dnt=1`). The files a video names are checked here, at its line.

use super::Renderer;
use super::context::ImageContext;
use crate::diag::{Diagnostic, Kind};
use crate::fields::values::{Image, Video, VideoHost};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct VideoContext {
    /// `file` or `embed`.
    pub kind: &'static str,
    pub title: String,
    /// The file's address, or the player's (loaded only when the reader clicks).
    pub src: String,
    /// `video/mp4` or `video/webm` for a file; empty for an embed.
    pub mime: &'static str,
    pub poster: Option<ImageContext>,
    pub captions: Option<String>,
    /// The video site's name (`YouTube`), for the line saying where it comes from; empty for a file.
    pub host: &'static str,
    /// The host the player loads from, as the reader is told (`youtube-nocookie.com`).
    pub player_host: &'static str,
    /// Where the video can be watched: its page on the video site, or the file; for a link and a QR code.
    pub page: String,
}

impl Renderer<'_> {
    /// The video of an entry titled `title`, or problems at its `video:` line for files that are missing.
    pub(super) fn video(&self, video: &Video, title: &str, problems: &mut Vec<Diagnostic>) -> Option<VideoContext> {
        let config = &self.site.config;
        let images = &self.assets.images;
        let mut fail = |message: String, help: &str| {
            problems.push(Diagnostic::error(Kind::Field, message).at(video.location.clone()).help(help.to_string()));
        };
        let poster = video.poster.as_ref().and_then(|src| {
            let image = Image { src: src.clone(), alt: String::new(), location: video.location.clone() };
            match images.get(src) {
                Ok(picture) => Some(ImageContext::new(&image, Some(&picture), config)),
                Err(problem) => {
                    fail(format!("the video's poster: {}", problem.message), &problem.help);
                    None
                }
            }
        });
        if let Some(captions) = &video.captions {
            match images.static_file(captions) {
                None => fail(
                    format!("no captions file at static/{}", captions.trim_start_matches('/')),
                    "put the .vtt file in static/ (e.g. static/videos/), or fix the path",
                ),
                Some(Ok(bytes)) if !is_webvtt(&bytes) => fail(
                    format!(
                        "static/{} is not a WebVTT file: it must start with `WEBVTT`",
                        captions.trim_start_matches('/')
                    ),
                    "save the captions as WebVTT from your caption editor (SubRip .srt files can be converted)",
                ),
                Some(_) => {}
            }
        }
        let title = video.title.clone().unwrap_or_else(|| title.to_string());
        let captions = video.captions.as_ref().map(|c| config.url(c.trim_start_matches('/')));
        let context = match &video.host {
            VideoHost::File => {
                let path = video.src.trim_start_matches('/');
                if images.static_file(path).is_none() {
                    fail(
                        format!("no video at static/{path}"),
                        "put the video file there, or fix the path (it is relative to static/)",
                    );
                    return None;
                }
                let mime = if path.to_ascii_lowercase().ends_with(".webm") { "video/webm" } else { "video/mp4" };
                let src = config.url(path);
                VideoContext {
                    kind: "file",
                    title,
                    page: src.clone(),
                    src,
                    mime,
                    poster,
                    captions,
                    host: "",
                    player_host: "",
                }
            }
            VideoHost::YouTube(id) => {
                let player = format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0");
                embed(video, title, poster, player, "YouTube", "youtube-nocookie.com")
            }
            VideoHost::Vimeo(number) => {
                let player = format!("https://player.vimeo.com/video/{number}?dnt=1&autoplay=1");
                embed(video, title, poster, player, "Vimeo", "player.vimeo.com")
            }
        };
        Some(context)
    }
}

/// A video on a video site, played from `player` once the reader asks for it.
fn embed(
    video: &Video,
    title: String,
    poster: Option<ImageContext>,
    player: String,
    host: &'static str,
    player_host: &'static str,
) -> VideoContext {
    let page = video.host_page().unwrap_or_default();
    VideoContext { kind: "embed", title, src: player, mime: "", poster, captions: None, host, player_host, page }
}

/// WebVTT files start with `WEBVTT` (after an optional byte-order mark), then a space, tab or line end.
fn is_webvtt(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    bytes.strip_prefix(b"WEBVTT").is_some_and(|rest| rest.is_empty() || matches!(rest[0], b' ' | b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn webvtt_is_known_by_its_first_word() {
        assert!(super::is_webvtt(b"WEBVTT\n\n00:00.000 --> 00:02.000\nLie on your back."));
        assert!(super::is_webvtt(b"\xEF\xBB\xBFWEBVTT - captions\n"));
        assert!(!super::is_webvtt(b"1\n00:00:00,000 --> 00:00:02,000\nSubRip"));
        assert!(!super::is_webvtt(b"WEBVTTX"));
    }
}
