// sinew's entry editor: the browser side of /__sinew/edit/<collection>/<id> (the contract is docs/editor-api.md).
// It reads the EntryForm the server embedded in <script id="sinew-form">, builds one control per field into
// <main id="sinew-editor">, sends the draft to /__sinew/api/check as the author types (problems appear at their
// fields, the rendered page in the preview beside the form) and to /__sinew/api/save on Save or Ctrl+S.
//
// The page text is a plain <textarea> with a small Markdown toolbar, not CodeMirror: nothing to bundle or load,
// the browser's own accessibility (screen readers, spell check, zoom, undo), and it works offline. A code editor
// could replace it later behind the same Draft.
(() => {
  "use strict";

  const form = JSON.parse(document.getElementById("sinew-form").textContent);
  const root = document.getElementById("sinew-editor");
  const CHECK_URL = "/__sinew/api/check";
  const SAVE_URL = "/__sinew/api/save";
  const CHECK_DELAY_MS = 250;

  // Plain words for the built-in fields; a site's own fields get help from their type alone.
  const HELP = {
    title: "The name of the page, shown at its top and in lists.",
    summary: "One or two plain sentences: what this is and who it helps. Lists and search results show it.",
    aliases: "Other names people might search for.",
    draft: "While ticked, the page stays off the published site.",
    reviewed: "The day a practitioner last checked this page.",
    updated: "The day the page last changed in a way readers should know about.",
    red_flags: "Signs that mean the reader should see a doctor instead.",
    lint_allow: "Words the spelling check should accept on this page.",
    frequency: "For example: daily, or twice a week.",
    location: "Where it is, in plain words.",
    regions: "The parts of the body it is in: the body map lists it under each one ticked.",
    video: "A short video of the movement. A YouTube or Vimeo video is only loaded once the reader presses play.",
  };
  // What one row of a list is called ("Add step", "Remove step 3").
  const ROW_NOUN = {
    steps: "step", aliases: "name", equipment: "item", modifications: "change", cautions: "caution",
    red_flags: "warning sign", lint_allow: "word", symptoms: "symptom", actions: "action",
  };

  // ---- Small helpers ------------------------------------------------------------------------------------

  /** Makes an element: h("button", {type: "button", class: "x", onclick: f}, "Save"). */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    let value;
    for (const [key, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (key === "class") node.className = v;
      else if (key === "text") node.textContent = v;
      else if (key === "value") value = v;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), v);
      else node.setAttribute(key, v === true ? "" : v);
    }
    for (const child of children.flat()) if (child != null && child !== false) node.append(child);
    if (value !== undefined) node.value = value; // after the children, so a <select> has its options
    return node;
  }

  let lastId = 0;
  const uid = (prefix) => `${prefix}-${++lastId}`;
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  /** A front matter word as a reader sees it: `lying-on-back` -> `Lying on back` (schema.rs's word_label). */
  const wordLabel = (word) => cap(String(word).replace(/-/g, " "));
  /** Lower case without accents, for matching what was typed: "Pirifórmis" finds "piriformis". */
  const fold = (s) => String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const rowNoun = (f) => ROW_NOUN[f.name] || (/^[A-Za-z]+s$/.test(f.label) ? f.label.slice(0, -1).toLowerCase() : "item");

  /** Points a control's aria-describedby at its help plus `extra` (problem messages). */
  function describe(control, extra) {
    const ids = [control.dataset.help, ...(extra || [])].filter(Boolean);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  }

  function token() {
    const m = document.cookie.match(/(?:^|;\s*)sinew_token=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function post(url, data, signal) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Sinew-Token": token() },
      body: JSON.stringify(data),
      signal,
    });
  }

  /** A response's body as {data, why}: JSON when it parses, and the reason a refusal gives, plain text or
   *  `{"error": "..."}` (the server uses both). */
  async function answer(resp) {
    const text = (await resp.text()).trim();
    let data = null;
    try { data = JSON.parse(text); } catch (e) { /* plain text */ }
    const why = (data && typeof data.error === "string" && data.error) || (data ? "" : text) || `the server answered ${resp.status}`;
    return { data: data || {}, why };
  }

  // One polite live region for short news a screen reader should hear ("Step 3 removed").
  const announcer = h("div", { class: "visually-hidden", "aria-live": "polite" });
  function announce(text) {
    announcer.textContent = "";
    setTimeout(() => (announcer.textContent = text), 50); // a change the reader notices even for the same words
  }

  // ---- A file the form cannot open ------------------------------------------------------------------------
  // Its front matter does not read (a colon in a step, a quote left open): the file is shown as text with the
  // problems at their lines, checked as the author types, and saved as text; once it reads, the form opens.

  if (form.raw) return mendFile();

  function mendFile() {
    let version = form.version;
    let timer = null;
    const problemsBox = h("div", { class: "general", id: "raw-problems", role: "status" });
    const textBox = h("textarea", { id: "raw-text", class: "raw-text", spellcheck: "false", rows: "28",
      "aria-describedby": "raw-help raw-problems", value: form.text });
    const status = h("p", { class: "status", role: "status" });
    const saveRaw = h("button", { type: "button", class: "button primary" }, "Save");
    function show(problems) {
      const errors = (problems || []).filter((p) => p.severity === "error");
      problemsBox.replaceChildren(errors.length
        ? h("div", {}, h("h2", { text: `${count(errors.length, "problem", "problems")} to fix` }),
          h("ul", {}, errors.map((p) => h("li", {}, p.line ? h("strong", { text: `Line ${p.line}: ` }) : null, p.message,
            p.help ? h("span", { class: "help", text: ` (${p.help})` }) : null))))
        : h("p", { class: "status good", text: "No problems left: save, and the form opens." }));
    }
    async function checkRaw() {
      try {
        const resp = await post("/__sinew/api/check-raw", { collection: form.collection, id: form.id, text: textBox.value });
        const { data, why } = await answer(resp);
        if (resp.ok) show(data.problems); else status.textContent = why;
      } catch (e) {
        status.textContent = "The preview server did not answer. Is sinew serve still running?";
      }
    }
    textBox.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(checkRaw, CHECK_DELAY_MS); });
    saveRaw.addEventListener("click", async () => {
      const resp = await post("/__sinew/api/save-raw", { collection: form.collection, id: form.id, version, text: textBox.value });
      const { data, why } = await answer(resp);
      if (resp.status === 409 && data.conflict) {
        status.textContent = "Not saved: the file changed on disk since this page opened (another program saved it). Reload the page to see that version.";
        return;
      }
      if (!resp.ok) { status.textContent = `Not saved: ${why}`; return; }
      version = data.version;
      if (data.reads) { location.reload(); return; }
      show(data.problems);
      status.textContent = "Saved. The file still has a problem: fix it and save again.";
    });
    root.replaceChildren(
      h("header", { class: "ed-header" }, h("div", { class: "ed-heading" },
        h("h1", {}, h("span", { class: "ed-editing", text: "Mending: " }), form.file))),
      h("section", { class: "ed-section", "aria-labelledby": "raw-title" },
        h("h2", { id: "raw-title", text: "This file has a mistake sinew cannot read" }),
        h("p", { id: "raw-help", text: "Correct it here, where each problem names its line. Text with a colon in it " +
          "(like “Cross your ankle: it makes a 4”) needs quotes around it. Once the file reads, the form opens." }),
        problemsBox,
        h("label", { for: textBox.id, class: "label" }, "The file"), textBox,
        h("p", {}, saveRaw), status));
    show(form.problems);
  }

  // ---- The form's values ---------------------------------------------------------------------------------

  const fields = form.fields || [];
  const relations = form.relations || [];
  const original = form.values || {};
  const known = new Set([...fields.map((f) => f.name), ...relations.map((r) => r.key)]);
  const values = Object.create(null); // field name or relation key -> what the control holds
  let body = typeof form.body === "string" ? form.body : "";
  let version = form.version;

  const asList = (v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]);
  const asText = (x) => (typeof x === "string" ? x : JSON.stringify(x));
  const isObject = (x) => x != null && typeof x === "object" && !Array.isArray(x);
  const asImage = (v) => (isObject(v) ? { src: String(v.src ?? ""), alt: String(v.alt ?? "") } : { src: v ? String(v) : "", alt: "" });

  // A row of a list with pictures (`pictures: true`, the steps) is its text, or `{text, image: {src, alt}}` when
  // it has its own picture; other lists' rows are text. Both go back to the server in the shape they came in.
  const asRow = (x) => (isObject(x) && (typeof x.text === "string" || isObject(x.image))
    ? (isObject(x.image) ? { text: String(x.text ?? ""), image: asImage(x.image) } : String(x.text ?? ""))
    : asText(x));
  const rowText = (row) => (typeof row === "string" ? row : row.text);
  const hasPicture = (row) => typeof row !== "string" && (row.image.src.trim() !== "" || row.image.alt.trim() !== "");
  /** A row with neither words nor a picture is left out of the draft. */
  const isBlankRow = (row) => !rowText(row).trim() && !hasPicture(row);
  /** A row as the draft sends it: a picture box left empty is no picture. */
  const sentRow = (row) => (hasPicture(row) ? { text: row.text, image: { src: row.image.src.trim(), alt: row.image.alt } } : rowText(row));

  // A video: its address or file, and what goes with it (each "" when the file leaves it out).
  const VIDEO_PARTS = ["src", "poster", "captions", "title"];
  const asVideo = (v) => Object.fromEntries(VIDEO_PARTS.map((k) =>
    [k, isObject(v) ? String(v[k] ?? "") : k === "src" && typeof v === "string" ? v : ""]));

  for (const f of fields) {
    const v = original[f.name];
    if (f.type === "list") values[f.name] = asList(v).map(f.pictures ? asRow : asText);
    else if (f.type === "words") values[f.name] = asList(v).map(String);
    else if (f.type === "image") values[f.name] = asImage(v);
    else if (f.type === "video") values[f.name] = asVideo(v);
    else if (f.type === "bool") values[f.name] = v === true;
    else values[f.name] = v == null ? "" : String(v);
  }
  for (const r of relations) values[r.key] = asList(original[r.key]).map(String);

  /** Which rows of each list a draft sends: blank rows are left out, so a problem's `item` is mapped back. */
  const sentRows = () => Object.fromEntries(fields.filter((f) => f.type === "list")
    .map((f) => [f.name, values[f.name].flatMap((row, i) => (isBlankRow(row) ? [] : [i]))]));

  function draftValue(f) {
    const v = values[f.name];
    switch (f.type) {
      case "list": return v.filter((row) => !isBlankRow(row)).map(sentRow);
      case "words": return v.slice();
      case "image": return v.src.trim() || v.alt.trim() ? { src: v.src.trim(), alt: v.alt } : null;
      // Only the parts filled in; with no address there is no video (a local problem says so when the rest is not
      // empty, so what was typed is not dropped unnoticed).
      case "video": {
        const out = {};
        for (const k of VIDEO_PARTS) if (v[k].trim()) out[k] = v[k].trim();
        return out.src ? out : null;
      }
      // An unticked box that the file never had stays out of it, rather than becoming `draft: false`.
      case "bool": return v ? true : f.name in original ? false : null;
      // Not a whole number (a text box holding `30s`): sent as typed, for the check to say why.
      case "integer": return v.trim() === "" ? null : /^-?\d+$/.test(v.trim()) ? Number(v) : v;
      default: return v;
    }
  }

  function draft() {
    const out = {};
    // Keys the form has no control for (a misspelt key, say) go back as they came, for the check to report.
    for (const [key, v] of Object.entries(original)) if (!known.has(key)) out[key] = v;
    for (const f of fields) out[f.name] = draftValue(f);
    for (const r of relations) out[r.key] = values[r.key].slice();
    return { collection: form.collection, id: form.id, version, values: out, body };
  }

  // What "unsaved changes" compares: the draft without its version.
  const contentKey = (d) => JSON.stringify([d.values, d.body]);
  let savedKey = contentKey(draft());
  let dirty = false;
  let leaving = false;

  // ---- The page's frame -----------------------------------------------------------------------------------

  const titleText = h("span", { text: original.title || form.id });
  const saveButton = h("button", { type: "button", class: "button primary", id: "sinew-save", "aria-describedby": "sinew-save-reason" }, "Save");
  const saveReason = h("span", { class: "save-reason", id: "sinew-save-reason" });
  const showFirst = h("button", { type: "button", class: "button link", hidden: true, onclick: () => focusFirstProblem() }, "Show me");
  const statusBox = h("p", { class: "status", role: "status" });
  const dirtyNote = h("p", { class: "dirty-note" });
  const header = h("header", { class: "ed-header" },
    h("div", { class: "ed-heading" },
      h("h1", {}, h("span", { class: "ed-editing", text: "Editing: " }), titleText),
      h("p", { class: "ed-file" }, h("span", { class: "visually-hidden", text: "File: " }), form.file || "")),
    h("div", { class: "ed-actions" },
      form.page_url ? h("a", { href: form.page_url, target: "_blank", rel: "noopener", class: "view-link" },
        "View page", h("span", { class: "visually-hidden", text: " (opens in a new tab)" })) : null,
      h("a", { href: "/__sinew/handout", class: "view-link" }, "Make a client handout"),
      saveButton),
    newEntryForm(),
    h("div", { class: "ed-status" }, dirtyNote, h("p", { class: "save-line" }, saveReason, " ", showFirst), statusBox));

  const generalBox = h("div", { class: "general", id: "sinew-general", tabindex: "-1", hidden: true });
  const conflictBox = h("section", { class: "conflict", "aria-labelledby": "conflict-title", tabindex: "-1", hidden: true });
  const views = new Map(); // field name, relation key or "body" -> {box, target(), rows, noun}

  /** "New <singular>": a title, then the new entry (made as `sinew new` makes it) opens in the editor. */
  function newEntryForm() {
    if (form.collection === "_page") return null; // pages are made as files; entries are made here
    const titleBox = h("input", { id: "new-title", type: "text", autocomplete: "off" });
    const news = h("p", { class: "help", role: "status", id: "new-news" });
    const details = h("details", { class: "new-entry" },
      h("summary", {}, `New ${form.singular || "entry"}`),
      h("form", { onsubmit: async (e) => {
        e.preventDefault();
        const title = titleBox.value.trim();
        if (!title) { news.textContent = "Give it a title first."; titleBox.focus(); return; }
        news.textContent = "Making it…";
        try {
          const resp = await post("/__sinew/api/new", { collection: form.collection, title });
          const { data, why } = await answer(resp);
          if (!resp.ok) { news.textContent = why; return; }
          location.href = data.edit;
        } catch (err) {
          news.textContent = "The preview server did not answer. Is sinew serve still running?";
        }
      } },
        h("label", { for: titleBox.id, class: "label sub" }, `Title of the new ${form.singular || "entry"}`),
        titleBox, " ",
        h("button", { type: "submit", class: "button" }, "Make it"),
        news));
    return details;
  }

  function section(title, ...children) {
    const id = uid("section");
    return h("section", { class: "ed-section", "aria-labelledby": id }, h("h2", { id, text: title }), ...children);
  }

  // ---- Fields ---------------------------------------------------------------------------------------------

  function typeHelp(f) {
    if (f.type === "integer") return `A whole number from ${f.min} to ${f.max}.`;
    if (f.type === "list" && f.markdown)
      return "One line each; press Enter for the next. **Bold**, *italic* and links such as [[piriformis]] work here.";
    if (f.type === "list") return "One each; press Enter for the next.";
    if (f.type === "words") return "Tick each one that applies.";
    return "";
  }

  function buildField(f) {
    const id = `f-${f.name}`;
    const helpText = HELP[f.name] || typeHelp(f);
    const helpId = helpText ? `${id}-help` : null;
    const help = helpText ? h("p", { class: "help", id: helpId, text: helpText }) : null;
    const box = h("div", { class: "problems" });
    const view = { box, rows: null, noun: null, target: null };
    views.set(f.name, view);
    const label = (forId, text, required) =>
      h("label", { for: forId, class: "label" }, text, required ? h("span", { class: "req", text: " (required)" }) : null);
    const field = (...kids) => h("div", { class: `field field-${f.type}` }, ...kids, box);
    const v = values[f.name];
    const hook = (c, event, read) => {
      c.dataset.help = helpId || "";
      describe(c);
      c.addEventListener(event, () => { values[f.name] = read(c); changed(); });
      view.target = () => c;
      return c;
    };

    switch (f.type) {
      case "bool": {
        const c = hook(h("input", { type: "checkbox", id, checked: v }), "change", (c) => c.checked);
        return field(h("div", { class: "check" }, c, label(id, f.label)), help);
      }
      case "choice": {
        const words = (f.words || []).slice();
        // A word the table does not offer (a typo, or a word site.yaml no longer adds) is kept, not dropped.
        if (v && !words.includes(v)) words.push(v);
        const c = h("select", { id, required: f.required, value: v },
          h("option", { value: "", text: "—" }),
          words.map((w) => h("option", { value: w, text: wordLabel(w) + ((f.words || []).includes(w) ? "" : " (not in the list)") })));
        return field(label(id, f.label, f.required), help, hook(c, "change", (c) => c.value));
      }
      case "integer":
      case "date": {
        // A value the typed input cannot hold (`hold_seconds: 30s`) gets a text box, so it is shown, not lost.
        const fits = v === "" || (f.type === "integer" ? /^-?\d+$/.test(v) : /^\d{4}-\d{2}-\d{2}$/.test(v));
        const c = h("input", {
          id, value: v, required: f.required,
          type: fits ? (f.type === "integer" ? "number" : "date") : "text",
          min: f.type === "integer" ? f.min : null, max: f.type === "integer" ? f.max : null,
          step: f.type === "integer" ? "1" : null, inputmode: f.type === "integer" ? "numeric" : null,
        });
        return field(label(id, f.label, f.required), help, hook(c, "input", (c) => c.value));
      }
      case "image": return buildImage(f, view, help);
      case "list": return buildList(f, view, help);
      case "words": return buildWords(f, view, help);
      case "video": return buildVideo(f, view, help);
      default: {
        // A summary-like text wraps in a growing box; it is still one line (Enter does nothing).
        const long = f.name === "summary" || v.length > 60;
        const c = long ? h("textarea", { id, rows: "2", class: "grow", value: v, required: f.required })
          : h("input", { id, type: "text", value: v, required: f.required });
        if (long) c.addEventListener("keydown", (e) => e.key === "Enter" && e.preventDefault());
        if (f.name === "title")
          c.addEventListener("input", () => {
            titleText.textContent = c.value || "(no title yet)";
            document.title = `Edit: ${c.value} — sinew`;
          });
        return field(label(id, f.label, f.required), help, hook(c, "input", (c) => c.value.replace(/\r?\n/g, " ")));
      }
    }
  }

  /** Where the preview serves a picture the site names: `images/a.svg` and `/images/a.svg` are both the static
   *  file at /images/a.svg; a whole address is itself. */
  const pictureUrl = (src) => (/^[a-z][a-z0-9+.-]*:/i.test(src) ? src : `/${src.replace(/^\/+/, "")}`);

  /** A picture from the computer, picked with the button (`label`: its words, `more`: words only a screen reader
   *  needs) or dropped on a box given to `dropOn`. The server checks it is a PNG, JPEG or WebP, saves it in
   *  static/images/ under a safe name and answers with its address, handed to `done({src, file})`. */
  function picturePicker(id, label, more, done) {
    const news = h("p", { class: "help upload-news", id: `${id}-upload-news`, role: "status" });
    const picker = h("input", { id: `${id}-file`, type: "file", accept: "image/png,image/jpeg,image/webp", hidden: true });
    const button = h("button", { type: "button", class: "button", "data-what": "choose", onclick: () => picker.click(),
      "aria-describedby": news.id }, label, more ? h("span", { class: "visually-hidden", text: more }) : null);
    async function upload(file) {
      if (!file) return;
      if (!["image/png", "image/jpeg", "image/webp"].includes(file.type)) {
        news.textContent = `“${file.name}” is not a PNG, JPEG or WebP picture. Save it as one of those and try again.`;
        return;
      }
      if (file.size > 12 * 1024 * 1024) {
        news.textContent = `“${file.name}” is larger than 12 MB. Make it smaller (most phones can share a smaller copy) and try again.`;
        return;
      }
      news.textContent = `Adding “${file.name}”…`;
      try {
        const resp = await fetch("/__sinew/api/image", {
          method: "POST",
          headers: { "Content-Type": file.type, "X-Sinew-Token": token(), "X-Sinew-Filename": encodeURIComponent(file.name) },
          body: file,
        });
        const { data, why } = await answer(resp);
        if (!resp.ok) { news.textContent = `The picture was not added: ${why}`; return; }
        news.textContent = `Added as ${data.file}. Now describe it below.`;
        done(data);
      } catch (e) {
        news.textContent = "The picture was not added: the preview server did not answer. Is sinew serve still running?";
      }
    }
    picker.addEventListener("change", () => upload(picker.files[0]));
    function dropOn(box) {
      box.addEventListener("dragover", (e) => { e.preventDefault(); box.classList.add("drop"); });
      box.addEventListener("dragleave", () => box.classList.remove("drop"));
      box.addEventListener("drop", (e) => {
        e.preventDefault();
        box.classList.remove("drop");
        upload(e.dataTransfer && e.dataTransfer.files[0]);
      });
    }
    return { button, picker, news, dropOn };
  }

  function buildImage(f, view, help) {
    const id = `f-${f.name}`;
    const v = values[f.name];
    const src = h("input", { id: `${id}-src`, type: "text", value: v.src, spellcheck: "false", "data-help": `${id}-src-help` });
    const alt = h("input", { id: `${id}-alt`, type: "text", value: v.alt, "data-help": `${id}-alt-help` });
    const altRequired = h("span", { class: "req", text: " (required)" });
    const sync = () => {
      values[f.name] = { src: src.value, alt: alt.value };
      alt.required = src.value.trim() !== "";
      altRequired.hidden = !alt.required;
    };
    sync();
    for (const c of [src, alt]) {
      describe(c);
      c.addEventListener("input", () => { sync(); changed(); });
    }
    // A problem about the picture marks the description when it is the part missing.
    view.target = () => (src.value.trim() && !alt.value.trim() ? alt : src);
    const pick = picturePicker(id, "Choose a picture from this computer…", "", (data) => {
      src.value = data.src;
      sync();
      changed();
      alt.focus();
    });
    const box = h("fieldset", { class: "field field-image" }, h("legend", { class: "label", text: f.label }), help,
      h("p", {}, pick.button, pick.picker), pick.news,
      h("label", { for: src.id, class: "label sub" }, "Picture file"),
      h("p", { class: "help", id: `${id}-src-help`, text: "Where the picture is, for example /images/figure-four.jpg." }), src,
      h("label", { for: alt.id, class: "label sub" }, "Description of the picture (alt text)", altRequired),
      h("p", { class: "help", id: `${id}-alt-help`,
        text: "Describes the picture for people who cannot see it: screen readers read it aloud. For example: " +
          "“Lying on the back, right ankle crossed over the left knee.”" }), alt,
      view.box);
    pick.dropOn(box);
    return box;
  }

  function buildList(f, view, help) {
    const id = `f-${f.name}`;
    const list = values[f.name]; // mutated in place: the rows below close over it
    const noun = rowNoun(f);
    view.noun = noun;
    const rowsBox = h("ol", { class: "rows" });
    const add = h("button", { type: "button", class: "button secondary add" }, `Add ${noun}`);

    function edit(focus, news) {
      render(focus); announce(news); changed();
    }

    /** Rebuilds the rows (after add, remove, move) and puts focus where the author's hand was. */
    function render(focus) {
      view.rows = list.map((row, i) => {
        const rowId = `${id}-${i}`;
        const name = `${noun} ${i + 1}`;
        const c = f.markdown ? h("textarea", { id: rowId, rows: "1", class: "grow", value: rowText(row) })
          : h("input", { id: rowId, type: "text", value: rowText(row) });
        c.dataset.help = "";
        c.addEventListener("input", () => {
          if (/\r|\n/.test(c.value)) c.value = c.value.replace(/\s*\r?\n\s*/g, " "); // pasted lines: one row is one line
          if (typeof list[i] === "string") list[i] = c.value;
          else list[i].text = c.value; // the row keeps its picture
          changed();
        });
        c.addEventListener("keydown", (e) => {
          if (e.key !== "Enter" || e.shiftKey || e.isComposing) return;
          e.preventDefault();
          list.splice(i + 1, 0, "");
          edit({ row: i + 1, what: "text" }, `${cap(noun)} ${i + 2} added.`);
        });
        const button = (text, what, disabled, act) =>
          h("button", { type: "button", class: "button small", "aria-label": `${text} ${name}`, "data-what": what, disabled, onclick: act }, text);
        const move = (to, what) => () => {
          [list[i], list[to]] = [list[to], list[i]];
          edit({ row: to, what }, `${cap(name)} is now ${noun} ${to + 1}.`);
        };
        const box = h("div", { class: "problems" });
        const picture = f.pictures && typeof row !== "string" ? rowPicture(row, i, rowId, name) : null;
        const li = h("li", { class: "row" },
          h("label", { for: rowId, class: "row-label", text: cap(name) }), c,
          picture && picture.el,
          h("div", { class: "row-actions" },
            // A row of a list with pictures may have its own: the box for it opens, to pick or name one.
            f.pictures && !picture ? h("button", { type: "button", class: "button small", "data-what": "picture",
              "aria-label": `Add picture to ${name}`, onclick: () => {
                list[i] = { text: rowText(list[i]), image: { src: "", alt: "" } };
                edit({ row: i, what: "choose" }, `${cap(name)} can have a picture now: choose one, or type where it is.`);
              } }, "Add picture") : null,
            button("Move up", "up", i === 0, move(i - 1, "up")),
            button("Move down", "down", i === list.length - 1, move(i + 1, "down")),
            button("Remove", "remove", false, () => {
              list.splice(i, 1);
              edit({ row: Math.min(i, list.length - 1), what: "text" }, `${cap(name)} removed.`);
            })),
          box);
        // A problem about the row marks its picture's description when that is the part missing.
        return { li, text: c, box, get control() { return (picture && picture.target()) || c; } };
      });
      rowsBox.replaceChildren(...view.rows.map((r) => r.li));
      if (focus) {
        const row = view.rows[focus.row];
        let target = row && (focus.what === "text" ? row.text : row.li.querySelector(`[data-what="${focus.what}"]`));
        // Moved to the top or bottom, its own button is now disabled: the other move button takes focus.
        if (target && target.disabled) target = row.li.querySelector("[data-what=up]:enabled, [data-what=down]:enabled");
        (target || add).focus();
      }
      showProblems(); // the rows are new: put their problems back
    }

    /** A row's own picture: small, with where it is, its description and a button to take it away. The row is
     *  the object in `list`, changed in place, so a picture chosen while the rows move lands on its own row. */
    function rowPicture(row, i, rowId, name) {
      const pid = `${rowId}-picture`;
      const img = h("img", { class: "row-thumb", alt: "", hidden: true });
      const missing = h("p", { class: "help row-missing", text: "No picture at this address.", hidden: true });
      let shown = null; // the address the thumbnail shows
      let tries = 0;
      let retry = 0;
      function showPicture() {
        const at = src.value.trim();
        img.hidden = !at;
        missing.hidden = true;
        if (at === shown) return;
        shown = at;
        tries = 0;
        clearTimeout(retry);
        if (at) img.src = pictureUrl(at);
        else img.removeAttribute("src");
      }
      img.addEventListener("error", () => {
        // A picture just uploaded is served once the preview has rebuilt the site: ask again a few times.
        if (shown && tries < 4 && !/^[a-z][a-z0-9+.-]*:/i.test(shown)) {
          const at = shown;
          retry = setTimeout(() => { if (at === shown) img.src = `${pictureUrl(at)}?try=${++tries}`; }, 250 * 2 ** tries);
          return;
        }
        img.hidden = true;
        missing.hidden = false;
      });
      const src = h("input", { id: `${pid}-src`, type: "text", value: row.image.src, spellcheck: "false", "data-help": `${pid}-src-help` });
      const alt = h("input", { id: `${pid}-alt`, type: "text", value: row.image.alt, "data-help": `${pid}-alt-help`, "data-what": "alt" });
      const altRequired = h("span", { class: "req", text: " (required)" });
      const sync = () => {
        row.image.src = src.value;
        row.image.alt = alt.value;
        alt.required = src.value.trim() !== "";
        altRequired.hidden = !alt.required;
        showPicture();
      };
      sync();
      for (const c of [src, alt]) {
        describe(c);
        c.addEventListener("input", () => { sync(); changed(); });
      }
      const pick = picturePicker(pid, "Choose a picture from this computer…", ` for ${name}`, (data) => {
        row.image.src = data.src;
        const at = list.indexOf(row);
        if (src.isConnected) {
          src.value = data.src;
          sync();
          alt.focus();
          changed();
        } else if (at >= 0) edit({ row: at, what: "alt" }, `The picture of ${noun} ${at + 1} was added.`);
      });
      const el = h("div", { class: "row-picture", role: "group", "aria-label": `Picture of ${name}` },
        img,
        h("div", { class: "row-picture-fields" },
          missing,
          h("p", { class: "row-picture-buttons" }, pick.button, pick.picker, " ",
            h("button", { type: "button", class: "button small", "data-what": "unpicture", "aria-label": `Remove picture from ${name}`,
              onclick: () => {
                const at = list.indexOf(row);
                list[at] = row.text;
                edit({ row: at, what: "picture" }, `The picture of ${name} was removed; its words stay.`);
              } }, "Remove picture")),
          pick.news,
          h("label", { for: src.id, class: "label sub" }, "Picture file", h("span", { class: "visually-hidden", text: ` of ${name}` })),
          h("p", { class: "help", id: `${pid}-src-help`, text: "Where the picture is, for example images/stretches/cat-cow-1.svg." }), src,
          h("label", { for: alt.id, class: "label sub" }, "Alt text", h("span", { class: "visually-hidden", text: ` for the picture of ${name}` }), altRequired),
          h("p", { class: "help", id: `${pid}-alt-help`, text: "Describes the picture for people who cannot see it." }), alt));
      pick.dropOn(el);
      return { el, target: () => (src.value.trim() && !alt.value.trim() ? alt : null) };
    }

    add.addEventListener("click", () => {
      list.push("");
      edit({ row: list.length - 1, what: "text" }, `${cap(noun)} ${list.length} added.`);
    });
    view.target = () => rowsBox.querySelector("input, textarea") || add;
    render();
    return h("fieldset", { class: "field field-list" }, h("legend", { class: "label", text: f.label }), help, rowsBox, add, view.box);
  }

  /** Words from a fixed set (a muscle's body regions): a box to tick for each, in the table's order. A word the
   *  file has that the set does not (a typo, or one site.yaml no longer adds) is shown ticked, not dropped. Ticked
   *  words are added at the end, so the file's own order stays. */
  function buildWords(f, view, help) {
    const id = `f-${f.name}`;
    const chosen = values[f.name]; // mutated in place
    const allowed = f.words || [];
    const words = [...allowed, ...chosen.filter((w, i) => !allowed.includes(w) && chosen.indexOf(w) === i)];
    const boxes = words.map((word, i) => {
      const c = h("input", { type: "checkbox", id: `${id}-${i}`, value: word, checked: chosen.includes(word), "data-help": "" });
      c.addEventListener("change", () => {
        const at = chosen.indexOf(word);
        if (c.checked && at < 0) chosen.push(word);
        else if (!c.checked) while (chosen.includes(word)) chosen.splice(chosen.indexOf(word), 1);
        changed();
      });
      return c;
    });
    view.target = () => boxes.find((c) => c.checked) || boxes[0] || null;
    // A problem about one word (`item`: its place in the value the check was sent) marks that word's box.
    view.itemTarget = (item) => boxes[words.indexOf(chosen[item])] || null;
    return h("fieldset", { class: "field field-words", "aria-describedby": help ? help.id : null },
      h("legend", { class: "label", text: f.label }), help,
      h("ul", { class: "words" }, boxes.map((c, i) => h("li", { class: "check" }, c,
        h("label", { for: c.id }, wordLabel(words[i]) + (allowed.includes(words[i]) ? "" : " (not in the list)"))))),
      words.length ? null : h("p", { class: "none", text: "No words to choose from." }),
      view.box);
  }

  // The parts of a video, as the form asks for them.
  const VIDEO_FORM = {
    src: ["Address or file", "A YouTube or Vimeo address, or a video file put in static/videos/, for example videos/figure-four.mp4."],
    poster: ["Poster picture", "The picture shown before the video plays, for example images/figure-four-video.jpg. A video file needs one."],
    captions: ["Captions (.vtt)", "What is said in the video, as a WebVTT file, for example videos/figure-four.vtt."],
    title: ["Title", "What the video shows, in a few words; read out before it plays."],
  };

  function buildVideo(f, view, help) {
    const id = `f-${f.name}`;
    const v = values[f.name]; // mutated in place
    const boxes = Object.fromEntries(VIDEO_PARTS.map((part) => {
      const c = h("input", { id: `${id}-${part}`, type: "text", value: v[part], spellcheck: part === "title" ? null : "false",
        "data-help": `${id}-${part}-help` });
      describe(c);
      c.addEventListener("input", () => { v[part] = c.value; changed(); });
      return [part, c];
    }));
    // A problem about the video marks the part it is most likely about.
    view.target = () => {
      const [src, poster, captions] = ["src", "poster", "captions"].map((k) => boxes[k].value.trim());
      if (src && captions && !/\.vtt$/i.test(captions)) return boxes.captions;
      if (src && !poster && !/^[a-z][a-z0-9+.-]*:/i.test(src)) return boxes.poster; // a file needs a poster
      return boxes.src;
    };
    return h("fieldset", { class: "field field-video" }, h("legend", { class: "label", text: f.label }), help,
      VIDEO_PARTS.flatMap((part) => [
        h("label", { for: boxes[part].id, class: "label sub" }, VIDEO_FORM[part][0]),
        h("p", { class: "help", id: `${id}-${part}-help`, text: VIDEO_FORM[part][1] }), boxes[part]]),
      view.box);
  }

  // ---- Listbox: the pop-up list under the relation search box and in the page text after [[ ----------------

  /** A listbox owned by a text control (`aria-activedescendant` keeps focus in the control). */
  function listbox(owner, label, pick) {
    const list = h("ul", { role: "listbox", id: uid("listbox"), class: "listbox", "aria-label": label, hidden: true });
    let items = [];
    let active = -1;
    const isCombobox = owner.getAttribute("role") === "combobox";
    if (isCombobox) owner.setAttribute("aria-controls", list.id);
    function setActive(i) {
      active = i;
      [...list.children].forEach((li, k) => li.setAttribute("aria-selected", String(k === i)));
      if (i < 0) owner.removeAttribute("aria-activedescendant");
      else {
        owner.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      }
    }
    const api = {
      el: list,
      get open() { return !list.hidden; },
      show(newItems, render) {
        items = newItems;
        list.replaceChildren(...items.map((item, i) =>
          h("li", { role: "option", id: `${list.id}-${i}`, "aria-selected": "false",
            onmousedown: (e) => e.preventDefault(), // keep focus (and the caret) in the owner
            onclick: () => pick(item) }, render(item))));
        list.hidden = items.length === 0;
        if (isCombobox) owner.setAttribute("aria-expanded", String(!list.hidden));
        if (!list.hidden) owner.setAttribute("aria-controls", list.id);
        setActive(-1);
      },
      close() {
        list.hidden = true;
        if (isCombobox) owner.setAttribute("aria-expanded", "false");
        else owner.removeAttribute("aria-controls");
        setActive(-1);
      },
      move(step) {
        if (items.length) setActive(active < 0 ? (step > 0 ? 0 : items.length - 1) : (active + step + items.length) % items.length);
      },
      /** The highlighted item, or the first when none is: Enter right after typing takes the best match. */
      current: () => items[active < 0 ? 0 : active],
    };
    owner.addEventListener("blur", () => api.close());
    return api;
  }

  /** Title and id of an entry as a list line; the id is only read out when it says more than the title. */
  function entryLine(title, id, extra) {
    const same = fold(title).replace(/\s+/g, "-") === id;
    return [h("span", { class: "opt-title", text: title }), " ",
      h("span", { class: "opt-id", text: id, "aria-hidden": same ? "true" : null }),
      extra ? h("span", { class: "opt-extra", text: extra }) : null];
  }

  /** Entries whose title or id holds the typed text, those starting with it first. */
  function search(entries, typed, limit) {
    const q = fold(typed.trim());
    const starts = (e) => (fold(e.title).startsWith(q) || e.id.startsWith(q) ? 1 : 0);
    return entries.filter((e) => !q || fold(e.title).includes(q) || e.id.includes(q)).sort((a, b) => starts(b) - starts(a)).slice(0, limit);
  }

  // ---- Relations ----------------------------------------------------------------------------------------

  function buildRelation(rel) {
    const chosen = values[rel.key];
    const byId = new Map((rel.options || []).map((o) => [o.id, o]));
    const id = `f-${rel.key}`;
    const box = h("div", { class: "problems" });
    const chips = h("ul", { class: "chips" });
    const none = h("p", { class: "none", text: "None yet." });
    const input = h("input", { id, type: "text", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      autocomplete: "off", spellcheck: "false", "data-help": `${id}-help` });
    const add = (o) => {
      chosen.push(o.id);
      input.value = "";
      lb.close();
      renderChips();
      announce(`${o.title} added to ${rel.label}.`);
      changed();
    };
    const lb = listbox(input, rel.label, add);
    describe(input);
    views.set(rel.key, { box, rows: null, target: () => input });

    function renderChips(focusAt) {
      chips.replaceChildren(...chosen.map((target, i) => {
        const o = byId.get(target);
        const title = o ? o.title : target;
        return h("li", { class: o ? "chip" : "chip unknown" }, h("span", {}, entryLine(title, target, o ? null : " (no such page)")),
          h("button", { type: "button", class: "chip-remove", "aria-label": `Remove ${title}`, title: `Remove ${title}`,
            onclick: () => {
              chosen.splice(i, 1);
              renderChips(i);
              announce(`${title} removed from ${rel.label}.`);
              changed();
            } }, "×"));
      }));
      none.hidden = chosen.length > 0;
      if (focusAt != null) (chips.querySelectorAll(".chip-remove")[Math.min(focusAt, chosen.length - 1)] || input).focus();
    }

    function update() {
      const found = search((rel.options || []).filter((o) => !chosen.includes(o.id)), input.value, 50);
      lb.show(found, (o) => entryLine(o.title, o.id));
      announce(found.length ? `${count(found.length, "match", "matches")}. Arrow keys to choose, Enter to add.` : "No matches.");
    }
    input.addEventListener("input", update);
    input.addEventListener("click", () => lb.open || update());
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!lb.open) update();
        lb.move(e.key === "ArrowDown" ? 1 : -1);
      } else if (e.key === "Enter" && lb.open && lb.current()) {
        e.preventDefault();
        add(lb.current());
      } else if (e.key === "Escape") {
        if (lb.open) lb.close();
        else input.value = "";
        e.preventDefault();
      }
    });
    renderChips();
    const helpId = `${id}-help`;
    return h("fieldset", { class: "field relation" }, h("legend", { class: "label", text: rel.label }),
      none, chips,
      h("label", { for: id, class: "label sub" }, `Add ${rel.label.toLowerCase()}`),
      h("p", { class: "help", id: helpId, text: "Type part of a name, then choose with the arrow keys and Enter, or click." }),
      h("div", { class: "combo" }, input, lb.el), box);
  }

  function buildIncoming() {
    const incoming = form.incoming || [];
    return h("div", { class: "incoming" },
      h("h3", { text: "Other pages that list this one" }),
      incoming.length
        ? h("ul", {}, incoming.map((e) => h("li", {}, h("a", { href: e.url, text: e.title }),
          h("span", { class: "opt-extra", text: ` in ${wordLabel(e.collection)}, under “${e.key}”` }))))
        : h("p", { class: "none", text: "None." }),
      h("p", { class: "help", text: "To change these, edit those pages." }));
  }

  // ---- The page text ------------------------------------------------------------------------------------

  const bodyArea = h("textarea", { id: "f-body", class: "body-text", rows: "20", value: body, "aria-autocomplete": "list",
    "data-help": "f-body-help", spellcheck: "true" });
  describe(bodyArea);
  const pages = (form.ids || []).filter((e) => e.id !== form.id || e.collection !== form.collection)
    .map((e) => ({ ...e, title: e.title || e.id }));
  let dismissedAt = -1; // where Escape closed the [[ list; it stays closed for that link
  const completion = listbox(bodyArea, "Pages to link to", (page) => insertLink(page));

  /** Replaces the selection with `text` through execCommand, which keeps the browser's undo (Ctrl+Z). */
  function replaceRange(start, end, text) {
    bodyArea.focus();
    bodyArea.setSelectionRange(start, end);
    if (!document.execCommand("insertText", false, text)) {
      bodyArea.setRangeText(text, start, end, "end");
      bodyArea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function wrap(before, after, placeholder) {
    const { selectionStart: s, selectionEnd: e, value } = bodyArea;
    // A second click on Bold, with the same text selected, takes the stars away again.
    if (s !== e && value.slice(s - before.length, s) === before && value.slice(e, e + after.length) === after) {
      replaceRange(s - before.length, e + after.length, value.slice(s, e));
      bodyArea.setSelectionRange(s - before.length, e - before.length);
      return;
    }
    const text = value.slice(s, e) || placeholder;
    replaceRange(s, e, before + text + after);
    bodyArea.setSelectionRange(s + before.length, s + before.length + text.length);
  }

  /** Adds `prefix` to each selected line, or takes it away when every line already has one (`existing`). */
  function linePrefix(prefix, existing) {
    const v = bodyArea.value;
    const start = v.lastIndexOf("\n", bodyArea.selectionStart - 1) + 1;
    let end = v.indexOf("\n", Math.max(bodyArea.selectionEnd - 1, start));
    if (end < 0) end = v.length;
    const lines = v.slice(start, end).split("\n");
    const all = lines.every((l) => !l.trim() || existing.test(l));
    const out = lines.map((l) => (!l.trim() ? l : all ? l.replace(existing, "") : prefix + l.replace(existing, ""))).join("\n");
    replaceRange(start, end, out);
    bodyArea.setSelectionRange(start, start + out.length);
  }

  /** The `[[` link being typed before the caret, if any: {query, start}. */
  function linkBeforeCaret() {
    const pos = bodyArea.selectionStart;
    if (pos !== bodyArea.selectionEnd) return null;
    const m = /\[\[([^[\]|\n]{0,60})$/.exec(bodyArea.value.slice(Math.max(0, pos - 64), pos));
    return m ? { query: m[1], start: pos - m[0].length } : null;
  }

  function updateCompletion() {
    const link = linkBeforeCaret();
    if (!link || link.start === dismissedAt) return completion.close();
    const found = search(pages, link.query, 8);
    const wasOpen = completion.open;
    completion.show(found, (p) => entryLine(p.title, p.id, ` · ${wordLabel(p.collection)}`));
    if (found.length) {
      const at = caretPoint(link.start);
      const room = bodyArea.parentNode.clientWidth - completion.el.offsetWidth;
      completion.el.style.left = `${Math.max(0, Math.min(bodyArea.offsetLeft + at.x, room))}px`;
      completion.el.style.top = `${bodyArea.offsetTop + at.y + 4}px`;
    }
    if (!wasOpen || !found.length) announce(found.length ? "Pages to link to: arrow keys to choose, Enter to link, Escape to close." : "No page matches.");
  }

  /** Where `pos` is drawn in the textarea, measured on a hidden copy with the same font and width. */
  function caretPoint(pos) {
    const style = getComputedStyle(bodyArea);
    const mirror = h("div", { "aria-hidden": "true" });
    // Longhands only: Firefox gives no computed value for shorthands such as `font`.
    for (const p of ["fontFamily", "fontSize", "fontWeight", "fontStyle", "lineHeight", "letterSpacing", "wordSpacing", "tabSize",
      "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "borderLeftWidth", "borderRightWidth"]) mirror.style[p] = style[p];
    const borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    Object.assign(mirror.style, { position: "absolute", visibility: "hidden", top: "0", left: "-9999px", whiteSpace: "pre-wrap",
      overflowWrap: "break-word", boxSizing: "border-box", borderStyle: "solid", borderTopWidth: "0",
      width: `${bodyArea.clientWidth + borders}px` }); // clientWidth: without the scroll bar, as the text wraps
    mirror.textContent = bodyArea.value.slice(0, pos);
    const mark = h("span", { text: "\u200b" });
    mirror.append(mark);
    document.body.append(mirror);
    const point = { x: mark.offsetLeft - bodyArea.scrollLeft, y: mark.offsetTop + mark.offsetHeight - bodyArea.scrollTop };
    mirror.remove();
    return point;
  }

  function insertLink(page) {
    const link = linkBeforeCaret();
    if (!link) return;
    const pos = bodyArea.selectionStart;
    // The toolbar's Link already wrote the closing brackets (`[[|selected words]]`): fill in the id only.
    const closed = /^(\||\]\])/.test(bodyArea.value.slice(pos));
    replaceRange(link.start, pos, `[[${page.id}${closed ? "" : "]]"}`);
    if (closed) {
      const end = bodyArea.value.indexOf("]]", bodyArea.selectionStart);
      if (end >= 0) bodyArea.setSelectionRange(end + 2, end + 2);
    }
    completion.close();
    announce(`Linked to ${page.title}.`);
  }

  function buildBody() {
    const tool = (text, act, keys) =>
      h("button", { type: "button", class: "button small", "aria-keyshortcuts": keys,
        onmousedown: (e) => e.preventDefault(), // keep the selection in the text
        onclick: act }, text);
    bodyArea.addEventListener("input", () => {
      body = bodyArea.value;
      updateCompletion();
      changed();
    });
    bodyArea.addEventListener("click", updateCompletion);
    bodyArea.addEventListener("keydown", (e) => {
      const mod = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      if (mod && (e.key === "b" || e.key === "i")) {
        e.preventDefault();
        return e.key === "b" ? wrap("**", "**", "bold text") : wrap("*", "*", "italic text");
      }
      if (!completion.open) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") completion.move(e.key === "ArrowDown" ? 1 : -1);
      else if ((e.key === "Enter" || e.key === "Tab") && completion.current()) insertLink(completion.current());
      else if (e.key === "Escape") {
        dismissedAt = (linkBeforeCaret() || {}).start;
        completion.close();
      } else return;
      e.preventDefault();
    });
    const link = () => {
      const { selectionStart: s, selectionEnd: e, value } = bodyArea;
      const words = value.slice(s, e).replace(/[[\]|]/g, "");
      dismissedAt = -1;
      replaceRange(s, e, words ? `[[|${words}]]` : "[[]]");
      bodyArea.setSelectionRange(s + 2, s + 2);
      updateCompletion();
    };
    views.set("body", { box: h("div", { class: "problems" }), rows: null, target: () => bodyArea });
    return h("div", { class: "field body-field" },
      h("h2", { id: "body-heading" }, h("label", { for: "f-body" }, "Page text")), // the heading is the label
      h("p", { class: "help", id: "f-body-help" },
        "Written in Markdown: **bold**, *italic*, ## for a heading, - for a list item. Type [[ to link to another page."),
      h("div", { class: "toolbar", role: "group", "aria-label": "Formatting" },
        tool("Bold", () => wrap("**", "**", "bold text"), "Control+B"),
        tool("Italic", () => wrap("*", "*", "italic text"), "Control+I"),
        tool("Heading", () => linePrefix("## ", /^#{1,6}\s+/)),
        tool("Bulleted list", () => linePrefix("- ", /^[-*+]\s+/)),
        tool("Link to another page", link)),
      h("div", { class: "body-wrap" }, bodyArea, completion.el),
      views.get("body").box);
  }

  // ---- Problems -----------------------------------------------------------------------------------------

  let serverProblems = [];
  let problemRows = {}; // the rows each list sent with the draft that `serverProblems` came from

  /** Problems the browser sees before the server can: a number or date box holding something half typed. */
  function localProblems() {
    const found = [];
    for (const f of fields) {
      const view = views.get(f.name); // not yet there while the form is being built
      const c = view && (f.type === "integer" || f.type === "date") && view.target();
      if (c && c.validity && c.validity.badInput)
        found.push({ field: f.name, severity: "error", message: f.type === "integer" ? "This is not a whole number." : "This date is not complete.",
          help: f.type === "integer" ? `Type a number from ${f.min} to ${f.max}.` : "Fill in the day, month and year, or clear the box." });
      // Without its address a video is taken off the page: say so rather than drop the rest unnoticed.
      const v = f.type === "video" && values[f.name];
      if (v && !v.src.trim() && VIDEO_PARTS.some((k) => v[k].trim()))
        found.push({ field: f.name, severity: "error", message: "The video has no address or file.",
          help: "Fill in “Address or file”, or empty the other boxes to take the video off the page." });
    }
    return found;
  }

  function goToLine(n) {
    const lines = bodyArea.value.split("\n");
    const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0);
    bodyArea.focus();
    bodyArea.setSelectionRange(start, start + (lines[n - 1] || "").length);
    bodyArea.scrollTop = Math.max(0, ((n - 1) / Math.max(lines.length, 1)) * bodyArea.scrollHeight - bodyArea.clientHeight / 3);
  }

  function problemNode(p, where) {
    const severity = p.severity === "warning" ? "warning" : "error";
    const node = h("div", { class: `problem ${severity}`, id: uid("problem") },
      h("p", { class: "problem-message" },
        h("span", { class: "problem-icon", "aria-hidden": "true", text: severity === "error" ? "✖" : "▲" }),
        h("strong", { text: severity === "error" ? "Error" : "Warning" }), ": ", where ? `${where}: ` : "", p.message || ""),
      p.help ? h("p", { class: "problem-help", text: p.help }) : null);
    if (p.field === "body" && p.line)
      node.append(h("button", { type: "button", class: "button small", onclick: () => goToLine(p.line) }, `Go to line ${p.line}`));
    return node;
  }

  /** Puts every problem at its field (and list row), and enables or blocks Save. */
  function showProblems() {
    for (const node of root.querySelectorAll(".problems > .problem, .general > *")) node.remove();
    for (const c of root.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
    for (const c of root.querySelectorAll("[data-help]")) describe(c);
    const general = [];
    const messages = new Map(); // control -> problem ids
    let errors = 0;
    for (const p of [...localProblems(), ...serverProblems]) {
      // An error with neither field nor line is in another file (a page linking here): the save does not
      // refuse for it, so neither does the button.
      if (p.severity !== "warning" && (p.field != null || p.line != null)) errors++;
      const view = p.field != null && views.get(p.field);
      if (!view) {
        general.push(p);
        continue;
      }
      let box = view.box;
      let control = view.target();
      let where = p.field === "body" && p.line ? `line ${p.line}` : "";
      if (p.item != null && view.rows) {
        const rowIndex = (problemRows[p.field] || [])[p.item] ?? p.item;
        const row = view.rows[rowIndex];
        if (row) ({ box, control } = row);
        else where = `${view.noun} ${p.item + 1}`;
      } else if (p.item != null && p.field in values && Array.isArray(values[p.field])) {
        // A relation's id, or a word, the server does not know. A word the form was never given (the server leaves
        // out words that are not allowed) is named by the message itself.
        const named = values[p.field][p.item];
        where = named != null ? `“${named}”` : view.itemTarget ? "" : `“${p.item + 1}”`;
        if (view.itemTarget) control = view.itemTarget(p.item) || control;
      }
      const node = problemNode(p, where);
      node.focusTarget = control;
      box.append(node);
      if (control) {
        if (p.severity !== "warning") control.setAttribute("aria-invalid", "true");
        messages.set(control, [...(messages.get(control) || []), node.id]);
      }
    }
    for (const [control, ids] of messages) describe(control, ids);
    generalBox.hidden = general.length === 0;
    if (general.length)
      generalBox.append(h("h2", { text: "Other problems" }),
        general.some((p) => p.line == null) ? h("p", { class: "help", text: "Problems in other pages do not stop you " +
          "saving this one, but the site cannot be published until they are fixed." }) : null,
        h("ul", {}, general.map((p) => h("li", {}, problemNode(p, p.field && p.field !== "body" ? wordLabel(p.field) : "")))));
    if (errors) saveButton.setAttribute("aria-disabled", "true");
    else saveButton.removeAttribute("aria-disabled");
    saveReason.textContent = errors ? `Fix ${count(errors, "error", "errors")} before saving.` : "";
    if (!errors && statusBox.classList.contains("errors")) setStatus(""); // "fix the errors first": done
    showFirst.hidden = errors === 0;
    return errors;
  }

  function focusFirstProblem() {
    const node = root.querySelector(".problems > .problem.error") || root.querySelector(".general .problem.error");
    if (!node) return;
    if (node.closest(".general")) generalBox.focus();
    else (node.focusTarget || node).focus();
    node.scrollIntoView({ block: "center" });
  }

  // ---- Checking and the preview -------------------------------------------------------------------------

  const frame = h("iframe", { title: "Preview of the page", class: "preview-frame",
    // The preview shows the page, its scripts do not run (the theme's search, the live reload) and it cannot
    // reach this page; allow-same-origin lets the editor read its scroll position to keep it across updates.
    sandbox: "allow-same-origin" });
  const previewNote = h("p", { class: "preview-note", text: "Updates as you type. Nothing is saved until you press Save." });
  let lastHtml = null;
  let checkTimer = 0;
  let checkAbort = null;

  function setPreview(html) {
    if (html === lastHtml) return;
    lastHtml = html;
    const y = frame.contentWindow ? frame.contentWindow.scrollY : 0;
    frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, y), { once: true });
    frame.srcdoc = html;
  }

  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, CHECK_DELAY_MS);
  }

  async function check() {
    if (checkAbort) checkAbort.abort(); // an older check's answer would be about text that is gone
    const abort = (checkAbort = new AbortController());
    const sent = draft();
    const rows = sentRows();
    try {
      const resp = await post(CHECK_URL, sent, abort.signal);
      const { data, why } = await answer(resp);
      if (abort !== checkAbort) return;
      if (!resp.ok) {
        previewNote.textContent = `The check did not run: ${why}`;
        return;
      }
      serverProblems = data.problems || [];
      problemRows = rows;
      showProblems();
      if (data.html != null) {
        setPreview(data.html);
        previewNote.textContent = "Updates as you type. Nothing is saved until you press Save.";
      } else previewNote.textContent = "The page cannot be shown until the errors are fixed; this is the last version that could.";
    } catch (e) {
      if (e.name !== "AbortError") previewNote.textContent = "sinew is not answering. Is it still running?";
    }
  }

  function changed() {
    dirty = contentKey(draft()) !== savedKey;
    dirtyNote.textContent = dirty ? "Unsaved changes" : "All changes saved";
    dirtyNote.classList.toggle("is-dirty", dirty);
    if (dirty && statusBox.classList.contains("good")) setStatus(""); // "Saved at ..." is no longer true
    showProblems(); // local problems (a half-typed date) show at once
    scheduleCheck();
  }

  // ---- Saving -------------------------------------------------------------------------------------------

  let saving = false;

  function setStatus(text, kind) {
    statusBox.textContent = text;
    statusBox.className = `status ${kind || ""}`;
  }

  async function save() {
    if (saving) return;
    if (showProblems() > 0) {
      setStatus("Not saved yet: fix the errors first.", "bad errors");
      focusFirstProblem();
      return;
    }
    saving = true;
    saveButton.textContent = "Saving…";
    const sent = draft();
    const rows = sentRows();
    try {
      const resp = await post(SAVE_URL, sent);
      const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      const { data, why } = await answer(resp);
      if (resp.status === 200) {
        version = data.version;
        savedKey = contentKey(sent);
        conflictBox.hidden = true;
        setStatus(data.changed === false ? `Saved at ${time} (the file already said this).` : `Saved at ${time}.`, "good");
      } else if (resp.status === 409 && data.conflict) {
        showConflict(data);
        setStatus("Not saved: the file was changed somewhere else.", "bad");
      } else if (resp.status === 422 && Array.isArray(data.problems)) {
        serverProblems = data.problems;
        problemRows = rows;
        showProblems();
        setStatus("Not saved: fix the errors marked below.", "bad errors");
        focusFirstProblem();
      } else {
        setStatus(`Not saved: ${why}`, "bad");
      }
    } catch (e) {
      setStatus("Not saved: sinew is not answering. Is it still running?", "bad");
    } finally {
      saving = false;
      saveButton.textContent = "Save";
      changed();
    }
  }

  /** Both versions side by side; lines found in only one are marked (with a bar, not only colour). */
  function showConflict(data) {
    const conflict = data.conflict || {};
    const disk = String(conflict.disk ?? "");
    const mine = String(conflict.draft ?? "");
    const column = (title, text, other) => {
      const others = new Set(other.split("\n"));
      const id = uid("version");
      return h("div", { class: "version", role: "region", "aria-labelledby": id }, h("h3", { id, text: title }),
        h("pre", { tabindex: "0" }, text.split("\n").map((line) =>
          h("span", { class: others.has(line) ? "line" : "line differs" }, line, "\n"))));
    };
    conflictBox.replaceChildren(
      h("h2", { id: "conflict-title", text: "This file was changed somewhere else" }),
      h("p", {}, `Since you opened this page, ${form.file || "the file"} was changed outside this editor (another window, ` +
        "or another program). Nothing was saved. Lines that are only in one version are marked with a bar."),
      h("div", { class: "versions" }, column("On disk now", disk, mine), column("Your version", mine, disk)),
      h("div", { class: "conflict-actions" },
        h("button", { type: "button", class: "button primary", onclick: () => {
          conflictBox.hidden = true;
          saveButton.focus();
        } }, "Keep editing"),
        h("button", { type: "button", class: "button secondary", onclick: () => {
          version = data.version; // the disk's version: the next save replaces it
          conflictBox.hidden = true;
          save();
        } }, "Save my version over it"),
        h("button", { type: "button", class: "button secondary", onclick: () => {
          leaving = true; // the author chose to drop their changes: no "leave page?" question
          location.reload();
        } }, "Load the version on disk")));
    conflictBox.hidden = false;
    conflictBox.focus();
  }

  // ---- Rename or delete ----------------------------------------------------------------------------------
  // Both ask the server first what they would change (every file that names this entry), show it, and act
  // only when the author confirms.

  function referenceList(refs) {
    return h("ul", { class: "refs" }, refs.map((r) => h("li", {}, h("code", { text: r.file }), ` line ${r.line}: ${r.what}`)));
  }

  function buildManage() {
    if (form.collection === "_page") return null; // a page's address is its file's name
    const noun = form.singular || "entry";
    const nameBox = h("input", { id: "rename-id", type: "text", value: form.id, spellcheck: "false", autocomplete: "off",
      "aria-describedby": "rename-help" });
    const renameNews = h("div", { class: "manage-news", role: "status" });
    const deleteNews = h("div", { class: "manage-news", role: "status" });
    async function ask(url, body) {
      const resp = await post(url, body);
      const { data, why } = await answer(resp);
      return resp.ok ? { data } : { why };
    }
    async function planRename(e) {
      e.preventDefault();
      if (dirty) { renameNews.replaceChildren("Save your changes first."); return; }
      const plan = await ask("/__sinew/api/rename", { collection: form.collection, id: form.id, new_id: nameBox.value });
      if (plan.why) { renameNews.replaceChildren(plan.why); return; }
      const { data } = plan;
      const go = h("button", { type: "button", class: "button primary", onclick: async () => {
        const done = await ask("/__sinew/api/rename", { collection: form.collection, id: form.id, new_id: nameBox.value, apply: true });
        if (done.why) { renameNews.replaceChildren(`Not renamed: ${done.why}`); return; }
        leaving = true;
        location.href = done.data.edit;
      } }, `Rename to ${data.new_id} everywhere`);
      renameNews.replaceChildren(
        h("p", {}, data.references.length
          ? `The new name is ${data.new_id}. These ${count(data.references.length, "place", "places")} name this ${noun} and will be changed too:`
          : `The new name is ${data.new_id}. Nothing else names this ${noun}.`),
        data.references.length ? referenceList(data.references) : null,
        h("p", { class: "help", text: data.note }), go);
      go.focus();
    }
    async function planDelete() {
      if (dirty) { deleteNews.replaceChildren("Save or undo your changes first."); return; }
      const plan = await ask("/__sinew/api/delete", { collection: form.collection, id: form.id });
      if (plan.why) { deleteNews.replaceChildren(plan.why); return; }
      const { data } = plan;
      if (data.references.length) {
        deleteNews.replaceChildren(h("p", {}, `This ${noun} cannot be deleted yet: ${data.why}.`), referenceList(data.references));
        return;
      }
      const go = h("button", { type: "button", class: "button danger", onclick: async () => {
        const done = await ask("/__sinew/api/delete", { collection: form.collection, id: form.id, apply: true });
        if (done.why || !done.data.deleted) { deleteNews.replaceChildren(`Not deleted: ${done.why || done.data.why}`); return; }
        leaving = true;
        location.href = done.data.listing;
      } }, `Delete ${data.file} for good`);
      deleteNews.replaceChildren(h("p", {}, `Nothing else names this ${noun}. Deleting removes its file; this cannot be undone here.`), go);
      go.focus();
    }
    return section(`Rename or delete this ${noun}`,
      h("form", { class: "manage", onsubmit: planRename },
        h("label", { for: nameBox.id, class: "label" }, "Name in addresses and links"),
        h("p", { class: "help", id: "rename-help", text: `The part of the address after /${form.collection}/, and what [[links]] use. Letters, digits and dashes; a title is made into one.` }),
        nameBox, " ", h("button", { type: "submit", class: "button" }, "Show what renaming changes"), renameNews),
      h("div", { class: "manage" },
        h("button", { type: "button", class: "button", onclick: planDelete }, `Delete this ${noun}…`), deleteNews));
  }

  // ---- Putting it together ------------------------------------------------------------------------------

  const details = section("Details", h("div", { class: "fields" }, fields.map(buildField)));
  const related = relations.length || (form.incoming || []).length
    ? section("Related pages", relations.map(buildRelation), buildIncoming()) : null;
  const text = h("section", { class: "ed-section", "aria-labelledby": "body-heading" }, buildBody());
  const preview = h("section", { class: "ed-preview", "aria-labelledby": "preview-title" },
    h("h2", { id: "preview-title", text: "Preview" }), previewNote, frame);
  root.replaceChildren(header, announcer,
    h("div", { class: "ed-top" }, generalBox, conflictBox),
    h("div", { class: "ed-columns" }, h("div", { class: "ed-form" }, details, related, text, buildManage()), preview));

  if (form.token_required && !token())
    setStatus("This page cannot save: open the editor from the address sinew printed when it started.", "bad");

  saveButton.addEventListener("click", save);
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      save();
    }
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty && !leaving) { e.preventDefault(); e.returnValue = ""; } // the browser asks before the page goes
  });
  // Where the browser cannot size a box to its text (`field-sizing`, Chromium only so far), grow it here.
  if (!CSS.supports("field-sizing", "content")) {
    const fit = (t) => { t.style.height = "auto"; t.style.height = `${t.scrollHeight + 2}px`; };
    root.addEventListener("input", (e) => e.target.classList.contains("grow") && fit(e.target));
    new ResizeObserver(() => root.querySelectorAll("textarea.grow").forEach(fit)).observe(root);
  }
  // The sticky header's height, so the sticky preview and focused fields are not hidden under it.
  new ResizeObserver(() => document.documentElement.style.setProperty("--header-h", `${header.offsetHeight}px`)).observe(header);

  document.title = `Edit: ${original.title || form.id} — sinew`;
  dirtyNote.textContent = "All changes saved";
  check();
})();
