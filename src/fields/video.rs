//! The `video:` field: a file among the static files (`{ src, poster, captions }`), or a YouTube or Vimeo
//! address. What can be judged from the words alone is judged here, at the field's line: the address, the
//! kind of file, a file without a poster, captions that are not `.vtt`. Whether the files exist, and whether
//! the captions really are WebVTT, is for the build, which has the static files.

use super::Fields;
use super::values::{Video, VideoHost};
use super::yaml::Yaml;
use crate::diag::{Diagnostic, Kind};

/// The kinds of video file every browser plays.
pub const VIDEO_FILES: &[&str] = &["mp4", "webm"];

impl Fields<'_> {
    pub(super) fn video(&mut self, key: &str) -> Option<Video> {
        let value = self.take(key)?;
        let location = self.key_location(key);
        let (mut src, mut poster, mut captions, mut title) = (None, None, None, None);
        match value {
            Yaml::String(text) => src = Some(text),
            Yaml::Map(pairs) => {
                for (name, value) in pairs {
                    let slot = match name.as_str() {
                        "src" => &mut src,
                        "poster" => &mut poster,
                        "captions" => &mut captions,
                        "title" => &mut title,
                        _ => {
                            let at = self.path_location(&[key, &name], true);
                            self.diagnostics.push(
                                Diagnostic::error(Kind::Field, format!("a video has no `{name}`"))
                                    .at(at)
                                    .help("a video may have: src, poster, captions, title"),
                            );
                            continue;
                        }
                    };
                    match value {
                        Yaml::String(text) if !text.trim().is_empty() => *slot = Some(text.trim().to_string()),
                        _ => {
                            let at = self.path_location(&[key, &name], false);
                            self.diagnostics.push(
                                Diagnostic::error(Kind::Field, format!("the video's `{name}` must be text"))
                                    .at(at)
                                    .help("write an address, e.g. `poster: images/figure-four-video.jpg`"),
                            );
                        }
                    }
                }
            }
            other => {
                self.diagnostics.push(
                    Diagnostic::error(Kind::Field, format!("`{key}` must be an address, found {}", other.describe()))
                        .at(location)
                        .help(format!("e.g. `{key}: https://www.youtube.com/watch?v=...` or `{key}: {{ src: videos/a.mp4, poster: images/a.jpg }}`")),
                );
                return None;
            }
        }
        let Some(src) = src else {
            self.diagnostics.push(
                Diagnostic::error(Kind::Field, format!("`{key}` has no `src`"))
                    .at(location)
                    .help("add `src:` with the video's file (videos/a.mp4) or its YouTube or Vimeo address"),
            );
            return None;
        };
        match Video::checked(src, poster, captions, title, location.clone()) {
            Ok(video) => Some(video),
            Err((message, help)) => {
                self.diagnostics.push(Diagnostic::error(Kind::Field, message).at(location).help(help));
                None
            }
        }
    }
}

impl Video {
    /// A video from its parts, judged as far as the words go (the address, the kind of file, a poster for a
    /// file, `.vtt` captions): for the `video:` field and for a body's `{{ video(...) }}`. The problem is a
    /// message and what to do.
    pub(crate) fn checked(
        src: String,
        poster: Option<String>,
        captions: Option<String>,
        title: Option<String>,
        location: crate::diag::Location,
    ) -> Result<Video, (String, &'static str)> {
        let host = host(&src).map_err(|message| {
            (message, "use a YouTube or Vimeo address, or put an .mp4 or .webm file in static/videos/ and write `src: videos/<file>`")
        })?;
        if host == VideoHost::File && poster.is_none() {
            return Err((
                "a video file needs a poster: the picture shown before it plays".into(),
                "add `poster: images/<picture>.jpg` (a still from the video works well)",
            ));
        }
        if let Some(captions) = &captions
            && !captions.to_ascii_lowercase().ends_with(".vtt")
        {
            return Err((
                format!("captions must be a WebVTT file (.vtt), found `{captions}`"),
                "save the captions as WebVTT (most caption editors can), e.g. videos/figure-four.en.vtt",
            ));
        }
        Ok(Video { src, poster, captions, title, host, location })
    }
}

impl Video {
    /// The video's own page on its site (`https://www.youtube.com/watch?v=...`), for a link and a printed QR
    /// code; `None` for a file, whose address is the site's.
    pub fn host_page(&self) -> Option<String> {
        match &self.host {
            VideoHost::File => None,
            VideoHost::YouTube(id) => Some(format!("https://www.youtube.com/watch?v={id}")),
            VideoHost::Vimeo(number) => Some(format!("https://vimeo.com/{number}")),
        }
    }
}

/// Where `src` plays from: a YouTube or Vimeo id from the address forms people copy, or a file.
fn host(src: &str) -> Result<VideoHost, String> {
    let Some(rest) = src.strip_prefix("https://").or_else(|| src.strip_prefix("http://")) else {
        let extension = src.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
        return if VIDEO_FILES.contains(&extension.as_str()) {
            Ok(VideoHost::File)
        } else {
            Err(format!("`{src}` is not a video file every browser plays (.mp4 or .webm)"))
        };
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let youtube = |id: &str| {
        let ok = id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok { Ok(VideoHost::YouTube(id.to_string())) } else { Err(format!("`{src}` has no YouTube video id")) }
    };
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            if path == "watch" {
                let id = query.split('&').find_map(|pair| pair.strip_prefix("v=")).unwrap_or("");
                return youtube(id);
            }
            let id = ["embed/", "shorts/", "live/", "v/"].iter().find_map(|p| path.strip_prefix(p));
            youtube(id.unwrap_or("").split('/').next().unwrap_or(""))
        }
        "youtu.be" => youtube(path.split('/').next().unwrap_or("")),
        "vimeo.com" | "player.vimeo.com" => {
            let number = path.trim_start_matches("video/").split('/').next().unwrap_or("");
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                Ok(VideoHost::Vimeo(number.to_string()))
            } else {
                Err(format!("`{src}` has no Vimeo video number"))
            }
        }
        _ => Err(format!("sinew plays videos from YouTube or Vimeo, or from the site's own files, not from {host}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_addresses_people_copy_are_understood() {
        let yt = |id: &str| Ok(VideoHost::YouTube(id.to_string()));
        assert_eq!(host("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s"), yt("dQw4w9WgXcQ"));
        assert_eq!(host("https://youtu.be/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(host("https://www.youtube.com/shorts/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(host("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(host("https://vimeo.com/76979871"), Ok(VideoHost::Vimeo("76979871".into())));
        assert_eq!(host("videos/figure-four.mp4"), Ok(VideoHost::File));
        assert!(host("videos/figure-four.mov").is_err());
        assert!(host("https://www.youtube.com/watch?v=short").is_err());
        assert!(host("https://example.org/a.mp4").is_err());
    }
}
