// The newsroom's article editor. It turns the form on /admin/articles/… into
// a WYSIWYG editor of the block document (internal/blocks), saves through the
// article API with the version it was based on, keeps a copy in the browser
// while the network is down, and never overwrites someone else's save.
//
// Rebuild the bundle with `go run ./tools/bundle` after changing this file.
import { Editor, Node, mergeAttributes, textblockTypeInputRule, wrappingInputRule } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Link from "@tiptap/extension-link";
import { NodeSelection, TextSelection } from "@tiptap/pm/state";

// ---- Nodes for the blocks Tiptap has no node for ----

const quoteNode = (name, tag, cls) =>
  Node.create({
    name,
    group: "block",
    content: "inline*",
    defining: true,
    addAttributes: () => ({ attribution: { default: "" } }),
    parseHTML: () => [{ tag: cls ? `${tag}.${cls}` : tag }],
    renderHTML: ({ HTMLAttributes, node }) => [
      tag,
      mergeAttributes(HTMLAttributes, { class: cls || "quote", "data-attribution": node.attrs.attribution ? "— " + node.attrs.attribution : "" }),
      0,
    ],
  });

const Quote = quoteNode("quote", "blockquote", "").extend({
  addInputRules() {
    return [textblockTypeInputRule({ find: /^>\s$/, type: this.type })];
  },
});
const PullQuote = quoteNode("pullquote", "aside", "pullquote");

const atom = (name, attrs, render) =>
  Node.create({
    name,
    group: "block",
    atom: true,
    draggable: true,
    addAttributes: () => Object.fromEntries(attrs.map((a) => [a, { default: "" }])),
    parseHTML: () => [{ tag: `div[data-block="${name}"]` }],
    renderHTML: ({ node }) => ["div", { "data-block": name, class: "block-" + name, tabindex: "0" }, render(node.attrs)],
  });

// A picture from the media library (asset) shows its staff preview, which
// is a rendition or, while they are made, the original; the library's words
// fill those the block leaves empty, on the site.
const ImageNode = atom("image", ["asset", "src", "width", "height", "alt", "caption", "credit"], (a) => [
  "figure",
  {},
  [
    "img",
    a.asset
      ? { src: `/admin/media/${a.asset}/preview`, alt: a.alt || "Picture " + a.asset + " from the media library" }
      : { src: a.src, alt: a.alt, width: a.width || null, height: a.height || null },
  ],
  [
    "figcaption",
    {},
    [a.caption, a.credit].filter(Boolean).join(" — ") ||
      (a.asset ? "Picture " + a.asset + " (caption and credit from the library)" : "(no caption)"),
  ],
]);
const EmbedNode = atom("embed", ["url", "title"], (a) => ["p", {}, "Embedded post: " + (a.title || a.url)]);

const FactBox = Node.create({
  name: "factbox",
  group: "block",
  content: "(paragraph | heading | bulletList | orderedList)+",
  defining: true,
  addAttributes: () => ({ title: { default: "" } }),
  parseHTML: () => [{ tag: "aside.factbox" }],
  renderHTML: ({ node }) => ["aside", { class: "factbox", "data-title": node.attrs.title }, 0],
});

// ---- The block document ↔ the editor's document ----

function runsFrom(content) {
  const runs = [];
  for (const n of content || []) {
    if (n.type !== "text") continue;
    const run = { text: n.text };
    for (const m of n.marks || []) {
      if (m.type === "bold") run.bold = true;
      if (m.type === "italic") run.italic = true;
      if (m.type === "link") run.link = m.attrs.href;
    }
    const last = runs[runs.length - 1];
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && (last.link || "") === (run.link || "")) {
      last.text += run.text;
    } else {
      runs.push(run);
    }
  }
  return runs;
}

function textFrom(runs) {
  return (runs || []).map((r) => r.text).join("").trim();
}

function blockFrom(n, inBox) {
  switch (n.type) {
    case "paragraph": {
      const content = runsFrom(n.content);
      return textFrom(content) ? { type: "paragraph", content } : null;
    }
    case "heading": {
      const content = runsFrom(n.content);
      return textFrom(content) ? { type: "heading", level: n.attrs.level, content } : null;
    }
    case "quote":
    case "pullquote": {
      const content = runsFrom(n.content);
      if (!textFrom(content)) return null;
      const b = { type: n.type, content };
      if (n.attrs.attribution) b.attribution = n.attrs.attribution;
      return b;
    }
    case "bulletList":
    case "orderedList": {
      const items = (n.content || [])
        .map((li) => runsFrom(((li.content || [])[0] || {}).content))
        .filter((runs) => textFrom(runs));
      if (!items.length) return null;
      const b = { type: "list", items };
      if (n.type === "orderedList") b.ordered = true;
      return b;
    }
    case "horizontalRule":
      return inBox ? null : { type: "divider" };
    case "image": {
      const a = n.attrs;
      const asset = +a.asset || 0;
      // A library picture takes its address and size from the library.
      const b = asset ? { type: "image", asset } : { type: "image", src: a.src, width: +a.width || 0, height: +a.height || 0 };
      if (a.alt) b.alt = a.alt;
      if (a.caption) b.caption = a.caption;
      if (a.credit) b.credit = a.credit;
      return b;
    }
    case "embed":
      return n.attrs.title ? { type: "embed", url: n.attrs.url, title: n.attrs.title } : { type: "embed", url: n.attrs.url };
    case "factbox": {
      const body = (n.content || []).map((c) => blockFrom(c, true)).filter(Boolean);
      return { type: "factbox", title: n.attrs.title, body };
    }
  }
  return null;
}

export function toBlocks(doc) {
  return (doc.content || []).map((n) => blockFrom(n, false)).filter(Boolean);
}

function nodesFrom(runs) {
  return (runs || [])
    .filter((r) => r.text)
    .map((r) => {
      const marks = [];
      if (r.bold) marks.push({ type: "bold" });
      if (r.italic) marks.push({ type: "italic" });
      if (r.link) marks.push({ type: "link", attrs: { href: r.link } });
      return marks.length ? { type: "text", text: r.text, marks } : { type: "text", text: r.text };
    });
}

function nodeFrom(b) {
  switch (b.type) {
    case "paragraph":
      return { type: "paragraph", content: nodesFrom(b.content) };
    case "heading":
      return { type: "heading", attrs: { level: b.level }, content: nodesFrom(b.content) };
    case "quote":
    case "pullquote":
      return { type: b.type, attrs: { attribution: b.attribution || "" }, content: nodesFrom(b.content) };
    case "list":
      return {
        type: b.ordered ? "orderedList" : "bulletList",
        content: (b.items || []).map((runs) => ({ type: "listItem", content: [{ type: "paragraph", content: nodesFrom(runs) }] })),
      };
    case "divider":
      return { type: "horizontalRule" };
    case "image":
      return {
        type: "image",
        attrs: { asset: b.asset || "", src: b.src || "", width: b.width || "", height: b.height || "", alt: b.alt || "", caption: b.caption || "", credit: b.credit || "" },
      };
    case "embed":
      return { type: "embed", attrs: { url: b.url, title: b.title || "" } };
    case "factbox":
      return { type: "factbox", attrs: { title: b.title }, content: (b.body || []).map(nodeFrom) };
  }
  return { type: "paragraph" };
}

export function fromBlocks(blocks) {
  const content = (blocks || []).map(nodeFrom);
  return { type: "doc", content: content.length ? content : [{ type: "paragraph" }] };
}

// ---- The page ----

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// el makes an element with text; never innerHTML, so nothing typed is markup.
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
}

// countPictures counts the pictures of a block document.
export function countPictures(blocks) {
  return (blocks || []).filter((b) => b.type === "image").length;
}

// wordDiff splits two texts into runs, each marked when it is only in its
// own text: the longest common sequence of words (of paragraphs, for texts
// too long to compare word by word).
export function wordDiff(a, b) {
  let split = (s) => s.match(/\S+|\s+/g) || [];
  let x = split(a);
  let y = split(b);
  if (x.length * y.length > 400000) {
    split = (s) => s.split(/(\n\n)/).filter(Boolean);
    x = split(a);
    y = split(b);
  }
  const n = x.length;
  const m = y.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const left = [];
  const right = [];
  const push = (out, text, only) => {
    const last = out[out.length - 1];
    const mark = only && /\S/.test(text);
    if (last && last.only === mark) last.text += text;
    else out.push({ text, only: mark });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push(left, x[i++], false);
      push(right, y[j++], false);
    } else if (dp[i + 1][j] >= dp[i][j + 1]) push(left, x[i++], true);
    else push(right, y[j++], true);
  }
  while (i < n) push(left, x[i++], true);
  while (j < m) push(right, y[j++], true);
  return [left, right];
}

function bodyText(blocks) {
  return (blocks || [])
    .map((b) => {
      if (b.type === "image") return "[Picture " + (b.asset || b.src) + (b.caption ? ": " + b.caption : "") + "]";
      if (b.type === "divider") return "———";
      if (b.type === "embed") return "[Embed " + b.url + "]";
      if (b.type === "factbox") return "[Fact box: " + b.title + "] " + bodyText(b.body);
      if (b.items) return b.items.map((r) => "• " + textFrom(r)).join("\n");
      return textFrom(b.content);
    })
    .filter(Boolean)
    .join("\n\n");
}

const ACTIONS = {
  submit: { label: "Submit for review", done: "Submitted for review" },
  schedule: { label: "Schedule…", done: "Scheduled" },
  unschedule: { label: "Unschedule", done: "No longer scheduled: it is a draft again" },
  publish: { label: "Publish", done: "Published: it is live", primary: true },
  update: { label: "Update", done: "Update is live", primary: true },
  discard: { label: "Discard changes", done: "Changes discarded: the editor shows the live version", danger: true },
  unpublish: { label: "Unpublish", done: "Unpublished: its address says it was withdrawn", danger: true },
};

function when(doc) {
  if (doc.publish_at_text) return doc.publish_at_text;
  if (!doc.publish_at) return "a time not given";
  return new Date(doc.publish_at).toLocaleString([], { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

function stageText(doc) {
  switch (doc.stage) {
    case "published":
      return doc.pending ? "Published — changes not yet live" : "Published";
    case "scheduled":
      return "Scheduled for " + when(doc);
    case "submitted":
      return "Submitted for review";
    case "unpublished":
      return "Unpublished";
  }
  return "Draft";
}

// bodyEditor makes the block document editor in #body-editor, the same
// for articles and pages; onLink opens the link box (Ctrl+K).
function bodyEditor(body, onLink, onUpdate) {
  return new Editor({
    element: $("#body-editor"),
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3, 4] }, blockquote: false, code: false, codeBlock: false, strike: false, hardBreak: false }),
      // Typing after a link does not extend it; Ctrl+K opens its popover.
      Link.extend({
        inclusive: () => false,
        addKeyboardShortcuts: () => ({ "Mod-k": () => (onLink(), true) }),
      }).configure({ openOnClick: false, autolink: true, protocols: ["mailto"] }),
      Quote,
      PullQuote,
      ImageNode,
      EmbedNode,
      FactBox,
    ],
    content: fromBlocks(body),
    injectCSS: false, // its rules are in admin.css: the policy refuses a <style> element
    editorProps: { attributes: { role: "textbox", "aria-multiline": "true", "aria-labelledby": "body-label", class: "body-text" } },
    onUpdate,
  });
}

// formatting are the toolbar's commands that only change the text, the
// same for articles and pages.
const formatting = (editor) => ({
  bold: () => editor.chain().focus().toggleBold().run(),
  italic: () => editor.chain().focus().toggleItalic().run(),
  h2: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
  h3: () => editor.chain().focus().toggleHeading({ level: 3 }).run(),
  quote: () => editor.chain().focus().setNode("quote").run(),
  pullquote: () => editor.chain().focus().setNode("pullquote").run(),
  bullets: () => editor.chain().focus().toggleBulletList().run(),
  numbers: () => editor.chain().focus().toggleOrderedList().run(),
  divider: () => editor.chain().focus().setHorizontalRule().run(),
});

// wireToolbar connects the buttons of #toolbar to the commands in run and
// keeps the mark buttons' pressed state with the caret.
function wireToolbar(editor, run) {
  for (const btn of $$("#toolbar [data-cmd]")) {
    btn.addEventListener("click", () => run[btn.dataset.cmd]());
  }
  editor.on("selectionUpdate", () => {
    for (const btn of $$("#toolbar [data-mark]")) btn.setAttribute("aria-pressed", String(editor.isActive(btn.dataset.mark)));
  });
}

// startPage runs the static page editor (/admin/pages/…): the same text
// editor as articles, on a plain form that posts the text as the block
// document in its hidden body field, so the page is saved by the form.
function startPage() {
  const form = $("#page-form");
  if (!form) return;
  const field = form.elements.body;
  const editor = bodyEditor(JSON.parse(field.value || "[]"), () => link(), () => {});
  window.mastheadEditor = editor; // for the browser tests and the console
  const link = () => {
    const was = editor.getAttributes("link").href || "";
    let href = prompt("Link address (https://…, or /about for a page of this site); empty removes the link", was);
    if (href === null) return;
    href = href.trim();
    if (!href) return editor.chain().focus().extendMarkRange("link").unsetLink().run();
    if (!/^(https?:|mailto:|\/)/i.test(href)) href = "https://" + href;
    editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
  };
  wireToolbar(editor, { ...formatting(editor), link });
  form.addEventListener("submit", () => {
    field.value = JSON.stringify(toBlocks(editor.getJSON()));
  });
}

function start() {
  const form = $("#article-form");
  if (!form) return;
  const data = JSON.parse($("#article-data").textContent);
  const bar = $("#action-bar");
  const status = $("#save-status");
  const say = (msg) => (status.textContent = msg);
  let doc = data;
  let id = data.article.ID || 0;
  let base = data.version || 0;
  let dirty = false;
  let saving = null;
  let timer = null;
  let retryDelay = 0;
  let pictures = countPictures(data.article.Body);
  let openLink = () => {};
  const storeKey = () => "masthead-draft-" + (id || "new");

  // The action bar is sticky and its height varies with the width; the
  // toolbar and the settings panel stick under it, never over the fields.
  const keepBarHeight = () => document.documentElement.style.setProperty("--bar", bar.offsetHeight + "px");
  new ResizeObserver(keepBarHeight).observe(bar);
  keepBarHeight();

  const editor = bodyEditor(data.article.Body, () => openLink(), () => changed());
  window.mastheadEditor = editor; // for the browser tests and the console

  const words = () => {
    const text = editor.getText().trim();
    $("#word-count").textContent = (text ? text.split(/\s+/).length : 0) + " words";
  };
  words();

  // The page's title and heading follow the headline.
  const title = () => {
    const h = form.elements.headline.value.trim();
    const t = h ? "Edit: " + h : "New article";
    document.title = t + " | Newsroom";
    const h1 = $("main h1");
    if (h1) h1.textContent = t;
  };
  form.elements.headline.addEventListener("input", title);

  // The article as the form and the editor have it now.
  function current() {
    const f = new FormData(form);
    // A library picture is named by its number; the store fills in its
    // renditions. An address is for a picture from elsewhere.
    const was = data.article.LeadImage || {};
    const asset = +f.get("lead_asset") || 0;
    const src = f.get("lead_src");
    const words = { Alt: f.get("lead_alt"), Caption: f.get("lead_caption"), Credit: f.get("lead_credit") };
    const lead = asset
      ? { ...(asset === was.Asset ? was : {}), Asset: asset, ...words }
      : src
        ? { Src: src, Width: +f.get("lead_width") || was.Width || 0, Height: +f.get("lead_height") || was.Height || 0, ...words }
        : null;
    return {
      ...data.article,
      ID: id,
      Headline: f.get("headline"),
      Standfirst: f.get("standfirst"),
      Slug: f.get("slug"),
      Section: { ID: +f.get("section") },
      Tags: String(f.get("tags") || "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean)
        .map((Name) => ({ Name })),
      Authors: f.getAll("byline").filter(Boolean).map((v) => ({ ID: +v })),
      Sources: $$(".source-row", form)
        .map((row) => ({ Name: $("[name=source_name]", row).value.trim(), URL: $("[name=source_url]", row).value.trim(), Note: "" }))
        .filter((s) => s.Name || s.URL),
      LeadImage: lead,
      SEOTitle: f.get("seo_title") || "",
      SEODescription: f.get("seo_description") || "",
      SocialImage: +f.get("social_asset")
        ? { ...((data.article.SocialImage || {}).Asset === +f.get("social_asset") ? data.article.SocialImage : {}), Asset: +f.get("social_asset"), Alt: f.get("social_alt") }
        : null,
      Body: toBlocks(editor.getJSON()),
    };
  }

  // load puts an article into the form and the editor (theirs after a
  // conflict, the live one after discarding changes).
  function load(art) {
    const f = form.elements;
    f.headline.value = art.Headline || "";
    f.standfirst.value = art.Standfirst || "";
    f.slug.value = art.Slug || "";
    if (art.Section && art.Section.ID) f.section.value = String(art.Section.ID);
    f.tags.value = (art.Tags || []).map((t) => t.Name).join(", ");
    $$("select[name=byline]", form).forEach((s, i) => (s.value = String(((art.Authors || [])[i] || {}).ID || "")));
    $$(".source-row", form).forEach((row, i) => {
      const s = (art.Sources || [])[i] || {};
      $("[name=source_name]", row).value = s.Name || "";
      $("[name=source_url]", row).value = s.URL || "";
    });
    const lead = art.LeadImage || {};
    f.lead_asset.value = lead.Asset || "";
    f.lead_src.value = lead.Asset ? "" : lead.Src || "";
    f.lead_alt.value = lead.Alt || "";
    f.lead_caption.value = lead.Caption || "";
    f.lead_credit.value = lead.Credit || "";
    f.seo_title.value = art.SEOTitle || "";
    f.seo_description.value = art.SEODescription || "";
    f.social_asset.value = (art.SocialImage || {}).Asset || "";
    f.social_alt.value = (art.SocialImage || {}).Alt || "";
    data.article = art;
    editor.commands.setContent(fromBlocks(art.Body), false);
    pictures = countPictures(art.Body);
    showLead();
    words();
    title();
    renderNotes();
  }

  function keepLocal() {
    try {
      localStorage.setItem(storeKey(), JSON.stringify({ base, article: current(), at: Date.now() }));
    } catch (e) {
      /* private mode: autosave still runs */
    }
  }

  function changed() {
    dirty = true;
    words();
    keepLocal();
    clearTimeout(timer);
    if (!$("#conflict").hidden) return say("Not saved: someone else saved first. Choose Keep mine or Take theirs above.");
    say("Changed");
    timer = setTimeout(() => save(true), 2000);
  }
  form.addEventListener("input", (e) => {
    if (!e.target.closest("#body-editor, #notes-panel, #link-popover")) changed();
  });

  function showErrors(err) {
    $$("[aria-invalid=true]", form).forEach((e) => e.removeAttribute("aria-invalid"));
    $$(".field-error[data-live]", form).forEach((e) => (e.textContent = ""));
    $("#form-error").textContent = "";
    if (!err) return;
    const box = err.field && $(`#${err.field}-error`);
    if (box) {
      box.textContent = err.error;
      const input = $(`[name=${err.field}]`, form) || $("#body-editor .body-text");
      if (input) input.setAttribute("aria-invalid", "true");
      const panel = box.closest("details");
      if (panel) panel.open = true;
    }
    $("#form-error").textContent = err.error || "";
  }

  async function call(method, url, body) {
    const resp = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    let json = {};
    try {
      json = await resp.json();
    } catch (e) {
      /* an error page, or a proxy's */
    }
    return { status: resp.status, json };
  }

  // showActions shows the buttons of the actions the server allows now; a
  // server that does not list them gets the buttons of the person's role.
  function actionsOf(d) {
    if (Array.isArray(d.actions)) return d.actions;
    const can = bar.dataset;
    const st = d.stage || "draft";
    const out = ["save", "preview", "revisions"];
    if (can.canSubmit === "true" && st === "draft") out.push("submit");
    if (can.canPublish === "true" && st !== "published") out.push("publish", "schedule");
    if (can.canPublish === "true" && st === "scheduled") out.push("unschedule");
    if (can.canUnpublish === "true" && st === "published") out.push("unpublish", "note");
    return out;
  }
  function accept(d) {
    doc = d;
    id = d.article.ID;
    base = d.version;
    data.article = d.article;
    $("#stage-text").textContent = stageText(d);
    document.body.dataset.stage = d.stage || "draft";
    document.body.dataset.pending = String(!!d.pending);
    if (id && location.pathname.endsWith("/new")) history.replaceState(null, "", `/admin/articles/${id}`);
    $$("[data-needs-id]").forEach((e) => (e.hidden = false));
    const preview = $("#preview-link");
    preview.href = d.preview || `/admin/preview/${id}`;
    preview.textContent = d.pending ? "Preview changes" : "Preview";
    $("#revisions-link").href = `/admin/articles/${id}/revisions`;
    showActions();
  }
  function showActions() {
    const acts = actionsOf(doc);
    const box = $("#action-buttons");
    box.textContent = "";
    for (const name of Object.keys(ACTIONS)) {
      if (!acts.includes(name)) continue;
      const a = ACTIONS[name];
      const cls = a.primary ? "" : a.danger ? "danger" : "secondary";
      const btn = el("button", { type: "button", "data-action": name, class: cls || false, text: a.label });
      if (name === "schedule") btn.setAttribute("aria-expanded", "false");
      btn.addEventListener("click", () => (name === "schedule" ? openSchedule(btn) : act(name)));
      box.append(btn);
    }
    const canSave = acts.includes("save");
    $("#save-now").hidden = !canSave;
    if (editor.isEditable !== canSave) editor.setEditable(canSave, false);
    $("#preview-link").hidden = !id || !acts.includes("preview");
    $("#notes-panel").hidden = !acts.includes("note");
  }

  function saidSaved(d) {
    const t = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    let msg = "Saved at " + t + " (version " + d.version + ").";
    if (d.message && !/^saved/i.test(d.message)) msg += " " + d.message + ".";
    else if (d.pending) msg += " Not yet live: readers see the published version until someone presses Update.";
    const now = countPictures(d.article.Body);
    if (now < pictures) {
      const lost = pictures - now;
      msg += ` Note: this version has ${lost} picture${lost > 1 ? "s" : ""} fewer than the last save.`;
    }
    pictures = now;
    say(msg);
  }

  // retry tries again later, waiting longer each time up to a minute.
  function retry(why, wait) {
    retryDelay = wait || Math.min(retryDelay ? retryDelay * 2 : 5000, 60000);
    keepLocal();
    say(why + " Your text is kept here and in this browser; trying again in " + Math.round(retryDelay / 1000) + " s.");
    clearTimeout(timer);
    timer = setTimeout(() => save(true), retryDelay);
  }

  // save sends the article if it changed; it reports whether the server has
  // everything the editor has.
  async function save(auto = false) {
    clearTimeout(timer);
    while (saving) await saving;
    if (!dirty) return true;
    // While the two versions are shown, only Keep mine or Take theirs saves.
    if (auto && !$("#conflict").hidden) return false;
    let ok = false;
    saving = (async () => {
      say("Saving…");
      const article = current();
      dirty = false;
      let r;
      try {
        r = id
          ? await call("PUT", `/admin/api/articles/${id}`, { base, article, autosave: auto })
          : await call("POST", "/admin/api/articles", { article });
      } catch (e) {
        dirty = true;
        return retry("Not saved: there is no connection to the newsroom.");
      }
      if ((r.status === 200 || r.status === 201) && r.json.article) {
        retryDelay = 0;
        accept(r.json);
        showErrors(null);
        if (!dirty) localStorage.removeItem(storeKey());
        saidSaved(r.json);
        ok = true;
        return;
      }
      dirty = true;
      keepLocal();
      const why = r.json.error;
      if (r.status === 409 && r.json.current) return conflict(r.json, article);
      if (r.status === 401) return retry("Not saved: you are signed out. Sign in again in another tab.", 15000);
      if (r.status >= 500 || r.status === 0 || (r.status === 200 && !r.json.article))
        return retry(`Not saved: the newsroom's server is not answering properly (error ${r.status}).`);
      showErrors(r.json);
      if (r.status === 403) return say("Not saved: " + (why || "your role does not allow this change.") + " Your text is kept in this browser.");
      if (r.status === 404) return say("Not saved: this article no longer exists. Your text is kept in this browser.");
      say("Not saved: " + (why || "the newsroom refused it (error " + r.status + ").") + " Fix it and it will be saved.");
    })();
    try {
      await saving;
    } finally {
      saving = null;
    }
    return ok;
  }
  window.addEventListener("online", () => dirty && save(true));

  // act carries out a workflow action once everything is saved.
  async function act(name, extra = {}) {
    if (name === "unpublish" && !confirm("Take this article off the site? Its address will say it was withdrawn.")) return;
    if (name === "discard" && !confirm("Discard the changes that are not live? The editor will show the live version.")) return;
    if (!(await save())) {
      if (!id) say("Not done: write a headline first, so the article can be saved.");
      return;
    }
    let r;
    try {
      r = await call("POST", `/admin/api/articles/${id}/${name}`, { base, ...extra });
    } catch (e) {
      return say("Not done: there is no connection to the newsroom. Nothing was changed; try again when it is back.");
    }
    if (r.status === 200 && r.json.article) {
      showErrors(null);
      accept(r.json);
      if (name === "discard") load(r.json.article);
      let msg = r.json.message || ACTIONS[name].done;
      if (!r.json.message && r.json.stage === "scheduled") msg = "Scheduled for " + when(r.json);
      say(msg + " (version " + base + ")");
    } else if (r.status === 409 && r.json.current) {
      conflict(r.json, current());
    } else {
      showErrors(r.json);
      say("Not done: " + (r.json.error || "the newsroom's server did not answer properly (error " + r.status + ")."));
    }
  }

  // Scheduling asks for the time in a small box under the button.
  const scheduleBox = $("#schedule-box");
  let scheduleButton = null;
  function openSchedule(btn) {
    scheduleButton = btn;
    scheduleBox.hidden = false;
    btn.setAttribute("aria-expanded", "true");
    $("#publish-at").focus();
  }
  function closeSchedule() {
    scheduleBox.hidden = true;
    if (scheduleButton) {
      scheduleButton.setAttribute("aria-expanded", "false");
      scheduleButton.focus();
    }
  }
  $("#schedule-cancel").addEventListener("click", closeSchedule);
  scheduleBox.addEventListener("keydown", (e) => e.key === "Escape" && closeSchedule());
  $("#schedule-confirm").addEventListener("click", () => {
    const v = $("#publish-at").value;
    if (!v) return $("#publish-at").focus();
    const at = new Date(v).toISOString();
    closeSchedule();
    // A live story schedules its update; anything else is published then.
    act(doc.stage === "published" ? "update" : "publish", { at });
  });

  $("#save-now").addEventListener("click", () => {
    dirty = true;
    save();
  });
  // Ctrl+S (Cmd+S) saves at once, as in every word processor.
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      dirty = true;
      save();
    }
  });
  $("#settings-toggle").addEventListener("click", (e) => {
    const side = $("#settings");
    // On a narrow screen the panel is under the text: go to it.
    if (matchMedia("(max-width: 60rem)").matches) {
      side.hidden = false;
      e.currentTarget.setAttribute("aria-expanded", "true");
      side.scrollIntoView();
      return side.querySelector("summary").focus();
    }
    side.hidden = !side.hidden;
    e.currentTarget.setAttribute("aria-expanded", String(!side.hidden));
    if (!side.hidden) side.querySelector("summary").focus();
  });

  // ---- Conflicts ----

  // Someone else saved first: their version beside ours, field by field,
  // with what differs marked; our text stays in the editor and this browser.
  let theirs = null;
  function conflict(answer, mine) {
    dirty = true;
    theirs = answer.current;
    const t = theirs.article;
    const sectionName = (a) => (a.Section && a.Section.Name) || ($(`#section option[value="${(a.Section || {}).ID}"]`) || {}).textContent || "";
    const authorName = (au) => au.Name || ($(`select[name=byline] option[value="${au.ID}"]`) || {}).textContent || "Author " + au.ID;
    const lead = (i) => (i ? (i.Asset ? "Picture " + i.Asset : i.Src || "") + (i.Alt ? " — " + i.Alt : "") + (i.Caption ? " — " + i.Caption : "") : "");
    const fields = [
      ["Headline", (a) => a.Headline || ""],
      ["Standfirst", (a) => a.Standfirst || ""],
      ["Text", (a) => bodyText(a.Body)],
      ["Address", (a) => a.Slug || ""],
      ["Section", sectionName],
      ["Tags", (a) => (a.Tags || []).map((x) => x.Name).join(", ")],
      ["Bylines", (a) => (a.Authors || []).map(authorName).join(", ")],
      ["Sources", (a) => (a.Sources || []).map((s) => s.Name + (s.URL ? " " + s.URL : "")).join("\n")],
      ["Lead picture", (a) => lead(a.LeadImage)],
      ["Search title", (a) => a.SEOTitle || ""],
      ["Search description", (a) => a.SEODescription || ""],
    ];
    const rows = $("#conflict-rows");
    rows.textContent = "";
    for (const [name, get] of fields) {
      const a = get(mine);
      const b = get(t);
      const tr = el("tr", { class: a === b ? false : "differs" }, el("th", { scope: "row", text: name }));
      const [left, right] = a === b ? [[{ text: a }], [{ text: b }]] : wordDiff(a, b);
      for (const runs of [left, right]) {
        const td = el("td");
        for (const r of runs) td.append(r.only ? el("mark", { text: r.text }) : r.text);
        tr.append(td);
      }
      rows.append(tr);
    }
    $("#conflict-theirs-heading").textContent = "Theirs (version " + theirs.version + ")";
    $("#conflict-message").textContent = answer.error;
    $("#conflict").hidden = false;
    $("#conflict-heading").focus();
    say("Not saved: someone else saved first. Compare the two versions below.");
  }
  $("#conflict-keep").addEventListener("click", () => {
    // Ours wins, knowingly: a new version on top of theirs, which stays in
    // the revisions.
    base = theirs.version;
    $("#conflict").hidden = true;
    dirty = true;
    save();
  });
  $("#conflict-load").addEventListener("click", () => {
    $("#conflict").hidden = true;
    take(theirs);
  });
  function take(d) {
    accept(d);
    load(d.article);
    dirty = false;
    clearTimeout(timer);
    localStorage.removeItem(storeKey());
    $("#newer-version").hidden = true;
    say("Showing version " + d.version + ", the latest.");
    $("#headline").focus();
  }

  // ---- Pictures ----

  // insertBlock puts a picture or an embed at the caret, never over a
  // selected block, and leaves the caret in a paragraph after it: Tiptap
  // would leave the new block selected, and the next key would replace it.
  function insertBlock(json) {
    const { state } = editor;
    const sel = state.selection;
    const at = sel instanceof NodeSelection ? { from: sel.to, to: sel.to } : { from: sel.from, to: sel.to };
    editor.chain().focus().insertContentAt(at, json).run();
    const now = editor.state.selection;
    const after = now instanceof NodeSelection ? now.to : now.from;
    const tr = editor.state.tr;
    const next = tr.doc.resolve(after).nodeAfter;
    if (!next || !next.isTextblock) tr.insert(after, editor.schema.nodes.paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, after + 1));
    editor.view.dispatch(tr.scrollIntoView());
    editor.view.focus();
  }

  // The picker: library thumbnails with their alt text, searchable, with
  // upload, a number or an address; for the body or the lead picture.
  const imageDialog = $("#image-dialog");
  const imageForm = $("#image-form");
  const imageError = $("#image-error");
  const results = $("#image-results");
  let pickFor = "body";
  function openImageDialog(forWhat) {
    pickFor = forWhat;
    imageForm.reset();
    results.textContent = "";
    imageError.textContent = "";
    $("#image-upload-status").textContent = "";
    $("#image-dialog-heading").textContent = forWhat === "lead" ? "Choose the lead picture" : "Insert a picture";
    $("#image-insert").textContent = forWhat === "lead" ? "Use this picture" : "Insert the picture";
    imageDialog.showModal();
    findPictures();
  }
  function choose(n) {
    imageForm.elements.asset.value = n;
    imageForm.elements.src.value = "";
    for (const b of $$("button", results)) b.setAttribute("aria-pressed", String(b.dataset.asset === String(n)));
  }
  function pictureButton(p) {
    const btn = el("button", { type: "button", "data-asset": p.id, "aria-pressed": "false" });
    if (p.thumb) btn.append(el("img", { src: p.thumb, alt: "", width: 160, height: 90 }));
    btn.append(el("span", { text: "Picture " + p.id + ": " + (p.alt || p.name + " (no alt text yet)") }));
    btn.addEventListener("click", () => choose(p.id));
    return el("li", {}, btn);
  }
  // Searches can answer out of order (the dialog's opening search is often
  // still on its way when the first words are searched); only the newest
  // search's answer is shown, and the list says which words it answers.
  let searchSeq = 0;
  async function findPictures() {
    const q = imageForm.elements.q.value.trim();
    const seq = ++searchSeq;
    results.setAttribute("aria-busy", "true");
    let out = {};
    try {
      const resp = await fetch("/admin/media?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" });
      out = await resp.json();
    } catch (e) {
      /* offline or an error page */
    }
    if (seq !== searchSeq) return;
    results.dataset.q = q;
    results.setAttribute("aria-busy", "false");
    results.textContent = "";
    for (const p of out.assets || []) results.append(pictureButton(p));
    if (!results.children.length) results.append(el("li", { text: out.assets ? "No pictures match." : "The library could not be searched." }));
  }
  $("#image-find").addEventListener("click", findPictures);
  imageForm.elements.q.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      findPictures();
    }
  });
  $("#image-upload").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const uploaded = await uploadFiles([file], $("#image-upload-status"));
    const r = uploaded && uploaded[0];
    if (r && !r.error) {
      const li = pictureButton({ id: r.asset.ID, alt: r.asset.Alt, name: r.name, thumb: `/admin/media/${r.asset.ID}/preview` });
      if (results.firstChild && !results.firstChild.querySelector("button")) results.textContent = "";
      results.prepend(li);
      choose(r.asset.ID);
      imageForm.elements.alt.focus();
    }
  });
  $("#image-cancel").addEventListener("click", () => imageDialog.close());
  imageForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = imageForm.elements;
    const words = { alt: f.alt.value.trim(), caption: f.caption.value.trim(), credit: f.credit.value.trim() };
    const asset = +f.asset.value || 0;
    const src = f.src.value.trim();
    let attrs;
    if (asset > 0) {
      attrs = { asset, ...words };
    } else if (src) {
      if (!words.alt) {
        imageError.textContent = "A picture from elsewhere needs a description for people who cannot see it.";
        return f.alt.focus();
      }
      // The page reserves the picture's space, so its size is needed.
      const size = await new Promise((done) => {
        const img = new Image();
        img.onload = () => done([img.naturalWidth, img.naturalHeight]);
        img.onerror = () => done(null);
        img.src = src;
      });
      if (!size) {
        imageError.textContent = "That address does not load as a picture.";
        return f.src.focus();
      }
      attrs = { src, width: size[0], height: size[1], ...words };
    } else {
      imageError.textContent = "Choose a picture: pick one from the library, upload one, give its number or an address.";
      return f.q.focus();
    }
    imageDialog.close();
    if (pickFor === "lead") return setLead(attrs);
    insertBlock({ type: "image", attrs });
  });

  function setLead(attrs) {
    const f = form.elements;
    f.lead_asset.value = attrs.asset || "";
    f.lead_src.value = attrs.asset ? "" : attrs.src;
    f.lead_width.value = attrs.width || "";
    f.lead_height.value = attrs.height || "";
    if (attrs.alt) f.lead_alt.value = attrs.alt;
    if (attrs.caption) f.lead_caption.value = attrs.caption;
    if (attrs.credit) f.lead_credit.value = attrs.credit;
    showLead();
    changed();
    $("#lead-choose").focus();
  }
  function showLead() {
    const f = form.elements;
    const box = $("#lead-chosen");
    box.textContent = "";
    const src = +f.lead_asset.value ? `/admin/media/${+f.lead_asset.value}/preview` : f.lead_src.value;
    if (src) box.append(el("img", { src, alt: "", width: 160, height: 90 }));
  }
  $("#lead-choose").addEventListener("click", () => openImageDialog("lead"));
  form.elements.lead_asset.addEventListener("change", showLead);

  // Uploading a lead picture from the side panel puts it in the library.
  const leadUpload = $("#lead-upload");
  leadUpload.addEventListener("change", async () => {
    const file = leadUpload.files[0];
    if (!file) return;
    const uploaded = await uploadFiles([file], $("#lead-upload-status"));
    const r = uploaded && uploaded[0];
    if (r && !r.error) {
      form.elements.lead_asset.value = r.asset.ID;
      form.elements.lead_src.value = "";
      showLead();
      if (!form.elements.lead_alt.value) form.elements.lead_alt.focus();
      changed();
    }
  });

  // ---- Links ----

  // The link popover: the address, a way to open it and to remove it, under
  // the caret, instead of window.prompt.
  const linkBox = $("#link-popover");
  const linkHref = $("#link-href");
  openLink = (focus = true) => {
    const attrs = editor.getAttributes("link");
    linkHref.value = attrs.href || "";
    $("#link-open").href = attrs.href || "#";
    $("#link-open").hidden = !attrs.href;
    $("#link-remove").hidden = !attrs.href;
    const at = editor.view.coordsAtPos(editor.state.selection.from);
    linkBox.hidden = false;
    linkBox.style.top = Math.min(at.bottom + 6, window.innerHeight - linkBox.offsetHeight - 8) + "px";
    linkBox.style.left = Math.max(8, Math.min(at.left, window.innerWidth - linkBox.offsetWidth - 8)) + "px";
    if (focus) linkHref.focus();
  };
  function closeLink() {
    linkBox.hidden = true;
    editor.commands.focus();
  }
  function applyLink() {
    let href = linkHref.value.trim();
    if (!href) return removeLink();
    if (!/^(https?:|mailto:|\/)/i.test(href)) href = (href.includes("@") && !href.includes("/") ? "mailto:" : "https://") + href;
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      editor.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    linkBox.hidden = true;
    // Tiptap's focus waits for the next frame; until then keys typed after
    // Enter would go to the page, not the story, so take the focus now.
    editor.view.focus();
  }
  function removeLink() {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    linkBox.hidden = true;
  }
  $("#link-apply").addEventListener("click", applyLink);
  $("#link-remove").addEventListener("click", removeLink);
  $("#link-cancel").addEventListener("click", closeLink);
  linkHref.addEventListener("input", () => ($("#link-open").href = linkHref.value || "#"));
  linkBox.addEventListener("keydown", (e) => {
    if (e.key === "Escape") closeLink();
    if (e.key === "Enter") {
      e.preventDefault();
      applyLink();
    }
  });
  // Clicking into a link shows its popover, without taking the caret away.
  $("#body-editor").addEventListener("mouseup", () => {
    if (editor.isActive("link")) setTimeout(() => openLink(false));
    else linkBox.hidden = true;
  });

  // ---- Toolbar ----

  // Every button says what it does and is reachable by Tab.
  const run = {
    ...formatting(editor),
    link: () => openLink(),
    attribution: () => {
      const { $from } = editor.state.selection;
      const node = $from.parent;
      if (node.type.name !== "quote" && node.type.name !== "pullquote") return say("Put the cursor in a quote first, then press Attribution.");
      const who = prompt("Who said it?", node.attrs.attribution || "");
      if (who !== null) editor.chain().focus().updateAttributes(node.type.name, { attribution: who.trim() }).run();
    },
    image: () => openImageDialog("body"),
    embed: () => {
      const url = prompt("Address of the post or video to embed (https://…)");
      if (url) insertBlock({ type: "embed", attrs: { url } });
    },
    factbox: () => {
      const title = prompt("Fact box title");
      if (title) editor.chain().focus().insertContent({ type: "factbox", attrs: { title }, content: [{ type: "paragraph" }] }).run();
    },
  };
  wireToolbar(editor, run);

  // ---- Corrections and updates ----

  const REWORD_MS = 15 * 60 * 1000;
  const noteWhen = (t) => new Date(t).toLocaleString([], { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const kindName = (k) => (k === "correction" ? "Correction" : "Update");
  function renderNotes() {
    const list = $("#notes-list");
    list.textContent = "";
    (data.article.Notes || []).forEach((n, i) => {
      const li = el("li", { class: "note-" + n.Kind }, el("strong", { text: kindName(n.Kind) }), ", ", el("time", { datetime: n.At, text: noteWhen(n.At) }), ": ", el("span", { text: n.Text }));
      if (n.Added && Date.now() - Date.parse(n.Added) < REWORD_MS) {
        const btn = el("button", { type: "button", class: "plain", text: "Reword" });
        btn.addEventListener("click", () => reword(li, i + 1, n));
        li.append(" ", btn);
      }
      list.append(li);
    });
  }
  function reword(li, pos, n) {
    const box = el("textarea", { id: "reword-" + pos, rows: 3 });
    box.value = n.Text;
    const problem = el("p", { class: "field-error", role: "alert" });
    const saveBtn = el("button", { type: "button", class: "reword-save", text: "Save the new words" });
    const cancel = el("button", { type: "button", class: "plain", text: "Cancel" });
    li.querySelector("button").hidden = true;
    li.append(el("label", { for: "reword-" + pos, text: "New words for " + kindName(n.Kind).toLowerCase() + " " + pos }), problem, box, saveBtn, " ", cancel);
    box.focus();
    cancel.addEventListener("click", renderNotes);
    saveBtn.addEventListener("click", async () => {
      const r = await call("PUT", `/admin/api/articles/${id}/notes/${pos}`, { base, text: box.value }).catch(() => ({ status: 0, json: {} }));
      if (r.status !== 200) return (problem.textContent = r.json.error || "Not saved: there is no connection to the newsroom.");
      noteDone(r.json, "Reworded");
    });
  }
  function noteDone(d, fallback) {
    // Only the notes and the version: the editor's own text is not replaced.
    data.article.Notes = d.article.Notes;
    base = d.version;
    doc = { ...doc, version: d.version, actions: d.actions || doc.actions };
    renderNotes();
    say((d.message || fallback) + " (version " + base + ")");
  }
  const notePreview = () => {
    const kind = form.elements.note_kind.value;
    const text = form.elements.note_text.value.trim();
    const at = form.elements.note_at.value ? new Date(form.elements.note_at.value) : new Date();
    $("#note-preview").textContent = text ? kindName(kind) + ", " + noteWhen(at) + ": " + text : "";
    $("#note-add").textContent = "Publish the " + kind;
  };
  for (const name of ["note_kind", "note_text", "note_at"]) {
    const f = form.elements[name];
    (f instanceof RadioNodeList ? Array.from(f) : [f]).forEach((x) => x.addEventListener("input", notePreview));
  }
  $("#note-add").addEventListener("click", async () => {
    const f = form.elements;
    $("#note-error").textContent = "";
    const body = { base, kind: f.note_kind.value, text: f.note_text.value.trim() };
    if (f.note_at.value) body.at = new Date(f.note_at.value).toISOString();
    if (!body.text) {
      $("#note-error").textContent = "Write what readers should be told.";
      return f.note_text.focus();
    }
    if (!(await save())) return;
    body.base = base;
    const r = await call("POST", `/admin/api/articles/${id}/note`, body).catch(() => ({ status: 0, json: {} }));
    if (r.status !== 200) {
      $("#note-error").textContent = r.json.error || "Not added: there is no connection to the newsroom. Try again when it is back.";
      return f.note_text.focus();
    }
    f.note_text.value = "";
    f.note_at.value = "";
    notePreview();
    noteDone(r.json, kindName(body.kind) + " published");
  });

  // ---- Start ----

  accept(data);
  title();
  renderNotes();
  notePreview();
  showLead();

  // A copy saved in this browser while offline, newer than the server's?
  try {
    const kept = JSON.parse(localStorage.getItem(storeKey()) || "null");
    const same = (a, b) => JSON.stringify([a.Headline, a.Standfirst, a.Body || []]) === JSON.stringify([b.Headline, b.Standfirst, b.Body || []]);
    if (kept && kept.base === base && !same(kept.article, data.article)) {
      const offer = $("#restore-local");
      offer.hidden = false;
      $("#restore-local-yes").addEventListener("click", () => {
        load({ ...data.article, ...kept.article });
        offer.hidden = true;
        changed();
      });
      $("#restore-local-no").addEventListener("click", () => {
        localStorage.removeItem(storeKey());
        offer.hidden = true;
      });
    }
  } catch (e) {
    /* nothing kept */
  }
  window.addEventListener("beforeunload", (e) => {
    if (dirty || saving) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  // Who else has this article open, and whether someone saved a version
  // newer than the one this editor has.
  async function presence() {
    if (!id) return;
    let r;
    try {
      r = await call("POST", `/admin/api/articles/${id}/presence`, {});
    } catch (e) {
      return; /* offline: the save says so */
    }
    const others = (r.json.others || []).map((o) => o.name);
    $("#presence").textContent = others.length ? "Also open by " + others.join(", ") : "";
    const box = $("#newer-version");
    if (saving || !r.json.version || !$("#conflict").hidden) return;
    if (r.json.version > base) {
      const who = r.json.saved_by || "Someone";
      const at = r.json.saved_at ? " at " + new Date(r.json.saved_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
      $("#newer-version-text").textContent =
        `${who} saved a newer version (version ${r.json.version})${at}; this editor has version ${base}.` +
        (dirty ? " Your changes are kept: saving them will show both versions side by side." : "");
      $("#newer-version-diff").href = r.json.diff || `/admin/articles/${id}/revisions`;
      box.hidden = false;
    } else {
      box.hidden = true;
    }
  }
  $("#newer-version-load").addEventListener("click", async () => {
    if (dirty && !confirm("Load the newer version? Your changes that are not saved will be replaced (they stay in this browser's copy until then).")) return;
    const r = await call("GET", `/admin/api/articles/${id}`).catch(() => ({ status: 0, json: {} }));
    if (r.status === 200 && r.json.article) take(r.json);
    else say("Could not load the newer version (error " + r.status + ").");
  });
  presence();
  setInterval(presence, 5000);
}

// uploadFiles sends pictures to the media library with progress, and says
// what became of each in status.
function uploadFiles(files, status) {
  return new Promise((resolve) => {
    const body = new FormData();
    for (const f of files) body.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/admin/media");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) status.textContent = "Uploading… " + Math.round((100 * e.loaded) / e.total) + "%";
    };
    xhr.onload = () => {
      let out = {};
      try {
        out = JSON.parse(xhr.responseText);
      } catch (err) {
        /* an error page */
      }
      const results = out.results || [];
      status.textContent = results.length
        ? results.map((r) => (r.error ? r.error : r.name + " added")).join(" ")
        : "Not uploaded: " + (out.error || "error " + xhr.status);
      resolve(results);
    };
    xhr.onerror = () => {
      status.textContent = "Not uploaded: the connection failed.";
      resolve(null);
    };
    xhr.send(body);
  });
}

// The media library page: drop pictures on the form, or pick them, and
// watch them upload.
function startLibrary() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const status = document.getElementById("upload-progress");
  const send = async (files) => {
    if (!files.length) return;
    const results = await uploadFiles(files, status);
    if (results && results.some((r) => !r.error)) setTimeout(() => location.reload(), 800);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    send(Array.from(form.elements.files.files));
  });
  for (const ev of ["dragenter", "dragover"]) {
    form.addEventListener(ev, (e) => {
      e.preventDefault();
      form.classList.add("dragging");
    });
  }
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", (e) => {
    e.preventDefault();
    form.classList.remove("dragging");
    send(Array.from(e.dataTransfer.files));
  });
}

// A picture's page: click it to set the focal point.
function startFocal() {
  const img = document.getElementById("focal-image");
  if (!img) return;
  const mark = document.getElementById("focal-mark");
  const x = document.getElementById("focus_x");
  const y = document.getElementById("focus_y");
  const show = () => {
    mark.style.left = +x.value * 100 + "%";
    mark.style.top = +y.value * 100 + "%";
  };
  img.addEventListener("click", (e) => {
    const box = img.getBoundingClientRect();
    x.value = ((e.clientX - box.left) / box.width).toFixed(2);
    y.value = ((e.clientY - box.top) / box.height).toFixed(2);
    show();
  });
  x.addEventListener("input", show);
  y.addEventListener("input", show);
  show();
}

function startAll() {
  start();
  startPage();
  startLibrary();
  startFocal();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
else startAll();

// The revisions page: restoring a version goes through the same API and rules.
for (const form of document.querySelectorAll("form[data-restore]")) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const id = form.dataset.restore;
    const resp = await fetch(`/admin/api/articles/${id}/restore`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ base: +form.dataset.base, version: +form.dataset.version }),
    });
    if (resp.ok) {
      location.href = `/admin/articles/${id}`;
      return;
    }
    let msg = "error " + resp.status;
    try {
      msg = (await resp.json()).error || msg;
    } catch (err) {
      /* an error page */
    }
    document.getElementById("form-error").textContent = "Not restored: " + msg;
  });
}
