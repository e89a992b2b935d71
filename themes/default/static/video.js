// A YouTube or Vimeo video waits behind a link until the reader presses play (partials/video.html): nothing
// is requested from the video site before then. On the press, the link gives way to the player, loaded from
// the privacy-enhanced address the page holds in data-embed. Without JavaScript the link opens the video's
// own page. The player's name, when the video has no title, is the page's (`<script type="application/json"
// id="sinew-strings">`, the theme's i18n/<lang>.yaml `scripts.video`).
{
  let untitled = "Video";
  try {
    untitled = JSON.parse(document.getElementById("sinew-strings").textContent).video.title || untitled;
  } catch {
    // no strings in the page: the English word
  }
  // A page with several videos in its text loads this once per video: each box is set up once.
  for (const box of document.querySelectorAll(".video-embed[data-embed]:not([data-ready])")) {
    const play = box.querySelector(".video-play");
    if (!play) continue;
    box.dataset.ready = "";
    play.addEventListener("click", (event) => {
      event.preventDefault();
      const frame = document.createElement("iframe");
      frame.src = box.dataset.embed;
      frame.title = box.dataset.title || untitled;
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      box.replaceChildren(frame);
      box.classList.add("is-playing");
      frame.focus();
    });
  }
}
