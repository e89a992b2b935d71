// sinew's handout builder: the browser side of /__sinew/handout (the contract is docs/editor-api.md, "Handouts").
// It reads the stretches the server embedded in <script id="sinew-handout">, lets the therapist pick some, order
// them and set their dose, and sends the choices to /__sinew/api/handout, which answers with the sheet (PDF or
// HTML) that is then handed to the browser as a download. The client's name and notes live only in this page:
// nothing here stores them (no cookie, no localStorage), and the server does not write them either.
(() => {
  "use strict";

  const data = JSON.parse(document.getElementById("sinew-handout").textContent);
  const root = document.getElementById("sinew-handout-builder");
  const MAKE_URL = "/__sinew/api/handout";
  const stretches = data.stretches || [];
  const byId = new Map(stretches.map((s) => [s.id, s]));
  // The dose boxes, with the limits a stretch's own front matter has (src/fields/schema.rs). The server takes
  // any whole number, so these limits are the only thing that keeps "0 seconds" off a sheet.
  const DOSE = [
    { key: "hold_seconds", label: "Hold (seconds)", min: 1, max: 3600 },
    { key: "reps", label: "Repetitions", min: 1, max: 1000 },
    { key: "sets", label: "Sets", min: 1, max: 100 },
  ];

  // ---- Small helpers (as in editor.js) --------------------------------------------------------------------

  /** Makes an element: h("button", {type: "button", class: "x", onclick: f}, "Add"). */
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
  /** Lower case without accents, for matching what was typed: "étirement" finds "Etirement". */
  const fold = (s) => String(s ?? "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function token() {
    const m = document.cookie.match(/(?:^|;\s*)sinew_token=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  /** A refusal's reasons: `{"problems": [...]}`, `{"error": "..."}` or plain text (the server uses all three). */
  async function reasons(resp) {
    const text = (await resp.text()).trim();
    let body = null;
    try { body = JSON.parse(text); } catch (e) { /* plain text */ }
    if (body && Array.isArray(body.problems) && body.problems.length) return body.problems.map(String);
    if (body && typeof body.error === "string") return [body.error];
    return [text || `the server answered ${resp.status}`];
  }

  // One polite live region for short news a screen reader should hear ("Glute bridge added").
  const announcer = h("div", { class: "visually-hidden", "aria-live": "polite" });
  function announce(text) {
    announcer.textContent = "";
    setTimeout(() => (announcer.textContent = text), 50); // noticed even when the words repeat
  }

  /** "hold 30 seconds, 3 sets", from a stretch's own dose. */
  function doseWords(s) {
    return [
      s.hold_seconds ? `hold ${count(s.hold_seconds, "second", "seconds")}` : null,
      s.reps ? count(s.reps, "repetition", "repetitions") : null,
      s.sets ? count(s.sets, "set", "sets") : null,
    ].filter(Boolean).join(", ");
  }

  // ---- What is on the sheet -------------------------------------------------------------------------------

  // In the sheet's order. The boxes' text is kept as typed; `key` keeps a row's ids steady as rows move.
  const chosen = []; // {key, id, hold_seconds, reps, sets, note, bad: {hold_seconds: true, ...}}

  function addStretch(id) {
    if (chosen.some((c) => c.id === id)) return;
    const s = byId.get(id);
    const item = { key: uid("item"), id, note: "", bad: {} };
    for (const d of DOSE) item[d.key] = s[d.key] == null ? "" : String(s[d.key]);
    chosen.push(item);
    renderSheet();
    announce(`${s.title} added. ${count(chosen.length, "stretch", "stretches")} on the sheet.`);
  }

  function moveStretch(from, to, focusWhat) {
    if (to < 0 || to >= chosen.length || to === from) return;
    const [item] = chosen.splice(from, 1);
    chosen.splice(to, 0, item);
    renderSheet(focusWhat && { index: to, what: focusWhat });
    announce(`${byId.get(item.id).title} is now ${to + 1} of ${chosen.length}.`);
  }

  function removeStretch(index) {
    const [item] = chosen.splice(index, 1);
    renderSheet({ index: Math.min(index, chosen.length - 1), what: "remove" });
    announce(`${byId.get(item.id).title} removed. ${count(chosen.length, "stretch", "stretches")} on the sheet.`);
  }

  /** A dose box as the request sends it: left out when empty or the stretch's own, else a number. */
  function doseValue(item, d) {
    const text = item[d.key].trim();
    if (text === "" || Number(text) === byId.get(item.id)[d.key]) return undefined;
    return Number(text);
  }

  const doseOk = (item, d) => !item.bad[d.key] &&
    (item[d.key].trim() === "" || (/^\d+$/.test(item[d.key].trim()) && +item[d.key] >= d.min && +item[d.key] <= d.max));

  // ---- The page's frame -----------------------------------------------------------------------------------

  function section(title, ...children) {
    const id = uid("section");
    return h("section", { class: "ed-section", "aria-labelledby": id }, h("h2", { id }, title), ...children);
  }
  const field = (control, label, help) => h("div", { class: "field" },
    h("label", { for: control.id, class: "label", text: label }),
    help ? h("p", { class: "help", id: `${control.id}-help`, text: help }) : null, control);

  const header = h("header", { class: "ed-header ho-header" },
    h("div", { class: "ed-heading" },
      h("h1", { text: "Make a client handout" }),
      h("p", { class: "ho-private" }, "The client's details stay on this computer: they go onto the sheet you " +
        "download and are not saved anywhere.")),
    h("div", { class: "ed-actions" }, h("a", { href: "/", class: "view-link" }, "Back to the site")));

  // ---- Finding stretches ----------------------------------------------------------------------------------

  const search = h("input", { type: "search", id: "ho-search", autocomplete: "off", spellcheck: "false",
    "aria-describedby": "ho-search-help", "aria-controls": "ho-results" });
  const matchNews = h("p", { class: "ho-matches", "aria-live": "polite" });
  const results = h("ul", { class: "ho-results", id: "ho-results", "aria-label": "Stretches" });
  // One entry per stretch, made once and shown or hidden as the search changes: an Add button keeps its focus
  // when it turns into "Added".
  const found = stretches.map((s) => {
    const button = h("button", { type: "button", class: "button small ho-add", onclick: () => {
      if (button.getAttribute("aria-disabled") === "true") announce(`${s.title} is already on the sheet.`);
      else addStretch(s.id);
    } });
    const li = h("li", { class: "ho-result" },
      h("div", { class: "ho-result-text" }, h("h3", { class: "ho-result-title", text: s.title }),
        s.summary ? h("p", { class: "ho-summary", text: s.summary }) : null,
        doseWords(s) ? h("p", { class: "ho-own", text: `Usually: ${doseWords(s)}.` }) : null),
      button);
    return { s, li, button, title: fold(s.title), all: fold(`${s.title} ${s.id.replace(/-/g, " ")} ${s.summary || ""}`) };
  });

  function filterResults() {
    const words = fold(search.value).split(/[\s,]+/).filter(Boolean);
    const shown = found.filter((r) => words.every((w) => r.all.includes(w)));
    // Titles that match every word come first, then the rest (found in an id or summary), each in title order.
    const rank = (r) => (words.every((w) => r.title.includes(w)) ? 0 : 1);
    shown.sort((a, b) => rank(a) - rank(b));
    results.replaceChildren(...shown.map((r) => r.li));
    matchNews.textContent = !words.length ? `All ${count(found.length, "stretch", "stretches")}:`
      : shown.length ? `${count(shown.length, "stretch matches", "stretches match")} “${search.value.trim()}”:`
        : `No stretch matches “${search.value.trim()}”. Try a shorter word.`;
  }

  function syncResults() {
    const on = new Set(chosen.map((c) => c.id));
    for (const r of found) {
      const added = on.has(r.s.id);
      r.button.textContent = added ? "Added ✓" : "Add";
      r.button.setAttribute("aria-label", `${added ? "Added" : "Add"} ${r.s.title}`);
      if (added) r.button.setAttribute("aria-disabled", "true");
      else r.button.removeAttribute("aria-disabled");
      r.li.classList.toggle("is-added", added);
    }
  }

  search.addEventListener("input", filterResults);
  const finder = h("section", { class: "ed-section ho-find", "aria-labelledby": "ho-find-title" },
    h("h2", { id: "ho-find-title" }, h("label", { for: search.id }, "Find a stretch")), // the heading is the label
    h("p", { class: "help", id: "ho-search-help", text: "Type part of its name, for example “hip” or “figure”." }),
    search, matchNews, results);

  // ---- The sheet: the chosen stretches, in order --------------------------------------------------------------

  const sheetList = h("ol", { class: "ho-sheet" });
  const sheetCount = h("span", { class: "ho-count" });
  const emptyNote = h("p", { class: "none", text: "Nothing yet: add stretches from the list of stretches." });

  function sheetRow(item, i) {
    const s = byId.get(item.id);
    const titleId = `${item.key}-title`;
    const problemId = `${item.key}-problem`;
    const button = (text, what, disabled, act) => h("button", { type: "button", class: "button small",
      "aria-label": `${text} ${s.title}`, "data-what": what, disabled, onclick: act }, text);
    const problem = h("p", { class: "problem ho-problem", id: problemId, hidden: true });
    const boxes = DOSE.map((d) => {
      const own = s[d.key];
      const input = h("input", { type: "number", id: `${item.key}-${d.key}`, min: d.min, max: d.max, step: "1",
        inputmode: "numeric", value: item[d.key], placeholder: own == null ? null : String(own) });
      input.addEventListener("input", () => {
        item[d.key] = input.value;
        item.bad[d.key] = input.validity.badInput; // "4e" or "--": the box reads empty, but is not
        markRow(item, row);
        changed();
      });
      return h("div", { class: "ho-dose-field" },
        h("label", { for: input.id, class: "label" }, d.label, h("span", { class: "visually-hidden", text: ` for ${s.title}` })),
        input, h("span", { class: "ho-was", id: `${input.id}-was`, hidden: true }));
    });
    const note = h("input", { type: "text", id: `${item.key}-note`, value: item.note, autocomplete: "off" });
    note.addEventListener("input", () => { item.note = note.value; changed(); });
    const row = h("li", { class: "ho-item", "data-index": String(i), "data-id": s.id },
      h("div", { class: "ho-item-box", role: "group", "aria-labelledby": titleId },
        h("div", { class: "ho-item-head" },
          // Mouse and touch-pad reordering; the Move buttons are the keyboard's (and a screen reader's) way.
          h("span", { class: "ho-handle", draggable: "true", title: "Drag to move", "aria-hidden": "true", text: "⠿" }),
          h("h3", { class: "ho-item-title", id: titleId }, h("span", { class: "ho-num", text: `${i + 1}.` }), " ", s.title),
          h("div", { class: "row-actions" },
            button("Move up", "up", i === 0, () => moveStretch(i, i - 1, "up")),
            button("Move down", "down", i === chosen.length - 1, () => moveStretch(i, i + 1, "down")),
            button("Remove", "remove", false, () => removeStretch(i)))),
        h("p", { class: "ho-own" }, doseWords(s) ? `Its own dose: ${doseWords(s)}.` : "It has no dose of its own."),
        h("div", { class: "ho-dose" }, boxes),
        h("div", { class: "ho-note" }, h("label", { for: note.id, class: "label" }, "Note for this stretch",
          h("span", { class: "visually-hidden", text: ` ${s.title}` })), note),
        problem));
    markRow(item, row);
    return row;
  }

  /** Marks the dose boxes changed for this client, and those that cannot go on a sheet (saying why under them). */
  function markRow(item, row) {
    const problem = row.querySelector(".ho-problem");
    const wrong = [];
    for (const d of DOSE) {
      const input = row.querySelector(`#${item.key}-${d.key}`);
      const was = input.nextElementSibling;
      const own = byId.get(item.id)[d.key];
      const ok = doseOk(item, d);
      was.hidden = !ok || doseValue(item, d) === undefined;
      was.textContent = own == null ? "added for this client" : `changed from ${own}`;
      input.classList.toggle("is-changed", !was.hidden);
      if (!ok) wrong.push(`${d.label}: a whole number from ${d.min} to ${d.max}`);
      if (ok) input.removeAttribute("aria-invalid"); else input.setAttribute("aria-invalid", "true");
      const describedBy = [ok ? null : problem.id, was.hidden ? null : was.id].filter(Boolean).join(" ");
      if (describedBy) input.setAttribute("aria-describedby", describedBy); else input.removeAttribute("aria-describedby");
    }
    problem.hidden = !wrong.length;
    problem.textContent = wrong.length ? `✖ ${wrong.join("; ")}, or leave it empty for the stretch's own.` : "";
  }

  /** Rebuilds the rows (after add, move, remove) and puts focus back where the hand was. */
  function renderSheet(focus) {
    sheetList.replaceChildren(...chosen.map(sheetRow));
    sheetCount.textContent = chosen.length ? ` (${chosen.length})` : "";
    emptyNote.hidden = chosen.length > 0;
    syncResults();
    changed();
    if (!focus) return;
    const row = sheetList.children[focus.index];
    let target = row && row.querySelector(`[data-what="${focus.what}"]`);
    // Moved to the top or the bottom, its own button is now disabled: the other move button takes focus.
    if (target && target.disabled) target = row.querySelector("[data-what=up]:enabled, [data-what=down]:enabled");
    (target || search).focus();
  }

  // Drag and drop with the handle. Dropping on the top half of a row puts the stretch before it, on the bottom
  // half after it. One set of listeners on the list, since its rows are rebuilt after every move.
  let dragFrom = -1;
  const rowAt = (e) => e.target.closest && e.target.closest(".ho-item");
  const below = (e, row) => e.clientY > row.getBoundingClientRect().top + row.offsetHeight / 2;
  const clearMarks = () => sheetList.querySelectorAll(".drop-before, .drop-after, .is-dragging")
    .forEach((r) => r.classList.remove("drop-before", "drop-after", "is-dragging"));
  sheetList.addEventListener("dragstart", (e) => {
    const row = e.target.classList.contains("ho-handle") && rowAt(e);
    if (!row) return;
    dragFrom = Number(row.dataset.index);
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", byId.get(row.dataset.id).title); // some browsers start no drag without data
    e.dataTransfer.setDragImage(row, 24, 24);
    row.classList.add("is-dragging");
  });
  sheetList.addEventListener("dragover", (e) => {
    const row = dragFrom >= 0 && rowAt(e);
    if (!row) return;
    e.preventDefault(); // this is a place to drop
    e.dataTransfer.dropEffect = "move";
    const after = below(e, row);
    for (const r of sheetList.children) r.classList.remove("drop-before", "drop-after");
    row.classList.add(after ? "drop-after" : "drop-before");
  });
  sheetList.addEventListener("drop", (e) => {
    const row = dragFrom >= 0 && rowAt(e);
    if (!row) return;
    e.preventDefault();
    let to = Number(row.dataset.index) + (below(e, row) ? 1 : 0);
    if (dragFrom < to) to--; // the row leaves its old place first
    const from = dragFrom;
    dragFrom = -1;
    clearMarks();
    moveStretch(from, to, null); // a mouse drop leaves focus alone
  });
  sheetList.addEventListener("dragend", () => { dragFrom = -1; clearMarks(); });

  const sheet = section(["On this sheet", sheetCount],
    h("p", { class: "help", text: "Each stretch starts with its own hold, repetitions and sets. Change a number " +
      "for this client, or empty the box to keep the stretch's own. Drag ⠿ or use Move up and Move down to change the order." }),
    emptyNote, sheetList);

  // ---- The client and the sheet ---------------------------------------------------------------------------

  const pad = (n) => String(n).padStart(2, "0");
  const now = new Date();
  const client = h("input", { type: "text", id: "ho-client", autocomplete: "off" });
  const clientNote = h("textarea", { id: "ho-client-note", rows: "3" });
  const title = h("input", { type: "text", id: "ho-title", value: data.title || "Your home exercises" });
  const paper = h("select", { id: "ho-paper", value: data.paper === "letter" ? "letter" : "a4" },
    h("option", { value: "a4", text: "A4" }), h("option", { value: "letter", text: "US Letter" }));
  const date = h("input", { type: "date", id: "ho-date", value: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` });
  const large = h("input", { type: "checkbox", id: "ho-large" });
  const weekGrid = h("input", { type: "checkbox", id: "ho-week" });
  for (const c of [client, clientNote, title, paper, date, large, weekGrid]) c.addEventListener("input", changed);
  const details = section("For the client",
    field(client, "Client's name", "Printed at the top of the sheet."),
    field(clientNote, "Note for the client", "A few words printed under the name, for example “Go gently this week.”"),
    field(title, "Sheet title"),
    h("div", { class: "fields" }, field(paper, "Paper"), field(date, "Date on the sheet")),
    h("p", { class: "check" }, large, h("label", { for: "ho-large", text: " Large print: 14 pt and up, for a client who finds small print hard" })),
    h("p", { class: "check" }, weekGrid, h("label", { for: "ho-week", text: " A week of tick boxes after the exercises" })));

  // ---- Making the sheet -------------------------------------------------------------------------------------

  const pdfButton = h("button", { type: "button", class: "button primary", id: "ho-pdf", "aria-describedby": "ho-reason",
    hidden: !data.pdf }, "Download PDF");
  const htmlButton = h("button", { type: "button", class: data.pdf ? "button" : "button primary", id: "ho-html",
    "aria-describedby": "ho-reason" }, "Download HTML");
  const previewButton = h("button", { type: "button", class: "button", id: "ho-preview", "aria-describedby": "ho-reason" }, "Preview");
  const reason = h("p", { class: "save-reason", id: "ho-reason" });
  const statusBox = h("p", { class: "status", role: "status", id: "ho-status" });
  const alertBox = h("div", { class: "ho-alert", role: "alert", id: "ho-problems" });
  const frame = h("iframe", { class: "preview-frame ho-frame", title: "Preview of the sheet", hidden: true,
    // The sheet only: its links and scripts cannot reach this page, and it cannot run scripts itself.
    sandbox: "" });
  const previewNote = h("p", { class: "preview-note", hidden: true });
  let busy = false;
  let unsent = false; // a sheet was put together and not downloaded since: leaving the page asks first
  let previewed = null; // the request the preview shows, to say when it is out of date

  /** Why the sheet cannot be made yet, or "". */
  function blocked() {
    if (!chosen.length) return "Add at least one stretch to the sheet first.";
    const wrong = chosen.find((item) => DOSE.some((d) => !doseOk(item, d)));
    return wrong ? `Fix the number marked for ${byId.get(wrong.id).title} first.` : "";
  }

  function changed() {
    unsent = chosen.length > 0;
    const why = blocked();
    reason.textContent = why;
    for (const b of [pdfButton, htmlButton, previewButton])
      if (why) b.setAttribute("aria-disabled", "true"); else b.removeAttribute("aria-disabled");
    if (previewed && !frame.hidden)
      previewNote.textContent = JSON.stringify(request("html")) === previewed ? "This is the sheet as it will print."
        : "The sheet has changed since this preview: press Preview again to see it.";
  }

  function request(format) {
    return {
      stretches: chosen.map((item) => {
        const out = { id: item.id };
        for (const d of DOSE) out[d.key] = doseValue(item, d);
        if (item.note.trim()) out.note = item.note.trim();
        return out;
      }),
      // undefined leaves a key out of the JSON: the server's default (the site's paper, today) applies.
      client: client.value.trim() || undefined,
      note: clientNote.value.trim() || undefined,
      title: title.value.trim() || undefined,
      paper: paper.value,
      date: date.value || undefined,
      large: large.checked || undefined,
      week_grid: weekGrid.checked || undefined,
      format,
    };
  }

  function setStatus(text, kind) {
    statusBox.textContent = text;
    statusBox.className = `status ${kind || ""}`;
  }

  function showProblems(list) {
    alertBox.replaceChildren(...(list.length ? [h("p", { class: "ho-alert-title", text: "The sheet was not made:" }),
      // The server quotes ids with backticks, as a terminal would; typographic quotes read better here.
      h("ul", {}, list.map((p) => h("li", { text: p.replace(/`([^`]*)`/g, "“$1”") })))] : []));
  }

  /** Sends the choices; the answer when the sheet was made, else null (with the reasons shown). */
  async function make(format, busyText) {
    const why = blocked();
    if (why) {
      setStatus(why, "bad");
      const wrong = root.querySelector(".ho-sheet [aria-invalid=true]");
      (wrong || search).focus();
      return null;
    }
    if (busy) return null;
    busy = true;
    showProblems([]);
    setStatus(busyText);
    try {
      const sent = request(format);
      const resp = await fetch(MAKE_URL, { method: "POST", body: JSON.stringify(sent),
        headers: { "Content-Type": "application/json", "X-Sinew-Token": token() } }); // the browser adds Origin
      if (resp.ok) return { resp, sent };
      setStatus("");
      showProblems(await reasons(resp));
    } catch (e) {
      setStatus("");
      showProblems(["sinew is not answering. Is it still running?"]);
    } finally {
      busy = false;
    }
    return null;
  }

  /** handout-jane-doe.pdf: the client's name in the file name, so two clients' sheets are told apart. */
  function fileName(format) {
    const slug = fold(client.value).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
    return `handout${slug ? `-${slug}` : ""}.${format}`;
  }

  async function download(format) {
    const made = await make(format, "Making the sheet…");
    if (!made) return;
    const name = fileName(format);
    // The answer is already here, in memory: a temporary link to it, clicked, hands it to the browser's downloads.
    const url = URL.createObjectURL(await made.resp.blob());
    const link = h("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    setStatus(`Downloaded ${name}: look for it in your downloads.`, "good");
    unsent = false;
  }

  async function preview() {
    const made = await make("html", "Making the preview…");
    if (!made) return;
    frame.srcdoc = await made.resp.text();
    const first = frame.hidden;
    frame.hidden = false;
    if (first) frame.scrollIntoView({ block: "start", behavior: "smooth" }); // show where it appeared
    previewNote.hidden = false;
    previewed = JSON.stringify(made.sent);
    previewNote.textContent = "This is the sheet as it will print.";
    setStatus("The preview is below.", "good");
  }

  pdfButton.addEventListener("click", () => download("pdf"));
  htmlButton.addEventListener("click", () => download("html"));
  previewButton.addEventListener("click", preview);
  const downloads = section("Download",
    h("div", { class: "ho-buttons" }, pdfButton, htmlButton, previewButton),
    reason,
    data.pdf ? null : h("p", { class: "help", text: "This copy of sinew cannot make PDFs: download the HTML sheet " +
      "and print it from your browser." }),
    statusBox, alertBox, previewNote, frame);

  // ---- Putting it together --------------------------------------------------------------------------------

  root.replaceChildren(header, announcer,
    h("div", { class: "ho-columns" }, finder, h("div", { class: "ho-side" }, sheet, details, downloads)));
  filterResults();
  renderSheet();
  window.addEventListener("beforeunload", (e) => {
    if (unsent) { e.preventDefault(); e.returnValue = ""; } // the browser asks; nothing else keeps the sheet
  });
  if (!token())
    showProblems(["This page cannot make sheets: open it from the address sinew printed when it started."]);
})();
