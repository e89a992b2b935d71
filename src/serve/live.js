// sinew serve's live reload, added to pages by the preview server only. It listens for build events: a new
// build reloads the page (or, for a stylesheet change, swaps the styles in place, keeping the scroll
// position); a failed build shows its problems over the page until the next good build, and so does a build
// whose output check found problems (a broken link), over the new page.
(() => {
  "use strict";
  const script = document.currentScript;
  let shown = Number(script && script.dataset.generation) || 0;
  let overlay = null;

  function showProblems(problems, built) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "sinew-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "background:#fff;color:#1a1a1a;border-top:6px solid #b3261e;box-shadow:0 -4px 24px rgba(0,0,0,.25);" +
        "padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif";
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren();
    const heading = document.createElement("h2");
    heading.style.cssText = "margin:0 0 .5rem;font-size:1.1rem;color:#b3261e";
    const count = problems.length + (problems.length === 1 ? " problem" : " problems");
    heading.textContent = built
      ? "sinew: this page shows your latest save, but the site cannot be published yet (" + count + "). Fix it and save."
      : "sinew: the last save did not build (" + count + "). This page is the last good build; fix the file and save.";
    overlay.appendChild(heading);
    for (const problem of problems) {
      // The server lays each problem out as HTML with every text in it escaped (src/diag/html.rs).
      const item = document.createElement("div");
      item.innerHTML = problem;
      overlay.appendChild(item);
    }
  }

  function hideProblems() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  // Each stylesheet is replaced by a fresh copy that is swapped in once it has loaded, so the page never
  // shows unstyled and keeps its scroll position.
  function swapStyles(generation) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("sinew", String(generation));
      const fresh = link.cloneNode();
      fresh.href = url.pathname + url.search;
      const done = () => link.remove();
      fresh.addEventListener("load", done, { once: true });
      fresh.addEventListener("error", done, { once: true });
      link.after(fresh);
    }
  }

  // An entry's page gets a button to its editor (the server names it only when editing is on).
  const edit = script && script.dataset.edit;
  if (edit) {
    const button = document.createElement("a");
    button.href = edit;
    button.id = "sinew-edit";
    button.textContent = "Edit this page";
    button.style.cssText =
      "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;background:#1d4f91;color:#fff;" +
      "padding:.6rem 1rem;border-radius:.4rem;font:600 16px/1.2 system-ui,sans-serif;text-decoration:none;" +
      "box-shadow:0 2px 10px rgba(0,0,0,.3)";
    document.body.appendChild(button);
  }

  const events = new EventSource("/__sinew/live");
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    if (state.problems.length > 0) showProblems(state.problems, state.action === "check");
    else hideProblems();
    if (state.generation <= shown) return;
    // "check" follows "reload" for the same build: a page that missed the reload still needs it.
    if (state.action === "reload" || state.action === "check") {
      location.reload();
    } else if (state.action === "css") {
      shown = state.generation;
      swapStyles(state.generation);
    }
  };
})();
