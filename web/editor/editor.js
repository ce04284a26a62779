// The newsroom's article editor. It turns the form on /admin/articles/… into
// a WYSIWYG editor of the block document (internal/blocks), saves through the
// article API with the version it was based on, keeps a copy in the browser
// while the network is down, and never overwrites someone else's save.
//
// Rebuild the bundle with `go run ./tools/bundle` after changing this file.
import { Editor, Node, mergeAttributes, textblockTypeInputRule, wrappingInputRule } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Link from "@tiptap/extension-link";

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

function start() {
  const form = $("#article-form");
  if (!form) return;
  const data = JSON.parse($("#article-data").textContent);
  const status = $("#save-status");
  const say = (msg) => (status.textContent = msg);
  let id = data.article.ID || 0;
  let base = data.version || 0;
  let dirty = false;
  let saving = null;
  let timer = null;
  const storeKey = () => "masthead-draft-" + (id || "new");

  const editor = new Editor({
    element: $("#body-editor"),
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3, 4] }, blockquote: false, code: false, codeBlock: false, strike: false, hardBreak: false }),
      Link.configure({ openOnClick: false, autolink: true, protocols: ["mailto"] }),
      Quote,
      PullQuote,
      ImageNode,
      EmbedNode,
      FactBox,
    ],
    content: fromBlocks(data.article.Body),
    injectCSS: false, // its rules are in admin.css: the policy refuses a <style> element
    editorProps: { attributes: { role: "textbox", "aria-multiline": "true", "aria-labelledby": "body-label", class: "body-text" } },
    onUpdate: () => changed(),
  });
  window.mastheadEditor = editor; // for the browser tests and the console

  const words = () => {
    const text = editor.getText().trim();
    $("#word-count").textContent = (text ? text.split(/\s+/).length : 0) + " words";
  };
  words();

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

  function changed() {
    dirty = true;
    words();
    say("Changed");
    try {
      localStorage.setItem(storeKey(), JSON.stringify({ base, article: current(), at: Date.now() }));
    } catch (e) {
      /* private mode: autosave still runs */
    }
    clearTimeout(timer);
    timer = setTimeout(save, 2000);
  }
  form.addEventListener("input", (e) => {
    if (!e.target.closest("#body-editor")) changed();
  });

  function showErrors(err) {
    $$("[aria-invalid=true]", form).forEach((el) => el.removeAttribute("aria-invalid"));
    $$(".field-error[data-live]", form).forEach((el) => (el.textContent = ""));
    if (!err) return;
    const box = err.field && $(`#${err.field}-error`);
    if (box) {
      box.textContent = err.error;
      const input = $(`[name=${err.field}]`, form) || $("#body-editor .body-text");
      if (input) input.setAttribute("aria-invalid", "true");
    }
    $("#form-error").textContent = err.error;
  }

  async function call(method, url, body) {
    const resp = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
    let json = {};
    try {
      json = await resp.json();
    } catch (e) {
      /* an error page */
    }
    return { status: resp.status, json };
  }

  function accept(doc) {
    id = doc.article.ID;
    base = doc.version;
    data.article = doc.article;
    $("#stage").textContent = doc.stage;
    document.body.dataset.stage = doc.stage;
    if (location.pathname.endsWith("/new")) history.replaceState(null, "", `/admin/articles/${id}`);
    $$("[data-needs-id]").forEach((el) => (el.hidden = false));
    $("#preview-link").href = doc.preview;
    $("#revisions-link").href = `/admin/articles/${id}/revisions`;
  }

  async function save() {
    clearTimeout(timer);
    if (saving) return saving;
    if (!dirty) return;
    saving = (async () => {
      say("Saving…");
      const article = current();
      dirty = false;
      let r;
      try {
        r = id ? await call("PUT", `/admin/api/articles/${id}`, { base, article }) : await call("POST", "/admin/api/articles", { article });
      } catch (e) {
        dirty = true;
        say("Offline: your changes are kept in this browser and will be saved when the connection returns.");
        timer = setTimeout(save, 5000);
        return;
      }
      if (r.status === 200 || r.status === 201) {
        accept(r.json);
        showErrors(null);
        $("#form-error").textContent = "";
        if (!dirty) localStorage.removeItem(storeKey());
        say("Saved at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + " (version " + base + ")");
      } else if (r.status === 409 && r.json.current) {
        conflict(r.json);
      } else {
        dirty = true;
        showErrors(r.json);
        say(r.status === 403 || r.status === 401 ? "Not saved: " + (r.json.error || "you are signed out") : "Not saved: fix the problem shown");
      }
    })();
    try {
      await saving;
    } finally {
      saving = null;
    }
  }

  // Someone else saved first: keep our text in the editor and in this
  // browser, and show theirs beside it.
  function conflict(answer) {
    dirty = true;
    const theirs = answer.current.article;
    const panel = $("#conflict");
    $("#conflict-message").textContent = answer.error;
    $("#conflict-headline").textContent = theirs.Headline;
    $("#conflict-text").textContent = (theirs.Body || [])
      .map((b) => textFrom(b.content) || (b.items || []).map(textFrom).join("; ") || b.title || "")
      .filter(Boolean)
      .join("\n\n");
    panel.hidden = false;
    panel.dataset.version = answer.current.version;
    $("#conflict-heading").focus();
    say("Not saved: someone else saved first");
  }
  $("#conflict-keep").addEventListener("click", () => {
    // Our text wins, knowingly: save it on top of their version.
    base = +$("#conflict").dataset.version;
    $("#conflict").hidden = true;
    dirty = true;
    save();
  });
  $("#conflict-load").addEventListener("click", () => {
    location.reload();
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

  for (const btn of $$("[data-action]")) {
    btn.addEventListener("click", async () => {
      await save();
      if (!id) return;
      const body = { base };
      if (btn.dataset.action === "publish" && $("#publish-at").value) body.at = new Date($("#publish-at").value).toISOString();
      if (btn.dataset.action === "unpublish" && !confirm("Take this article off the site? Its address will say it was withdrawn.")) return;
      const r = await call("POST", `/admin/api/articles/${id}/${btn.dataset.action}`, body);
      if (r.status === 200) {
        accept(r.json);
        showErrors(null);
        $("#form-error").textContent = "";
        say(btn.dataset.done + " (version " + base + ")");
      } else if (r.status === 409 && r.json.current) {
        conflict(r.json);
      } else {
        showErrors(r.json);
        say("Not done: " + (r.json.error || "error " + r.status));
      }
    });
  }

  // Uploading a lead picture from the editor puts it in the library.
  const leadUpload = $("#lead-upload");
  if (leadUpload) {
    leadUpload.addEventListener("change", async () => {
      const file = leadUpload.files[0];
      if (!file) return;
      const results = await uploadFiles([file], $("#lead-upload-status"));
      const r = results && results[0];
      if (r && !r.error) {
        form.elements.lead_asset.value = r.asset.ID;
        form.elements.lead_src.value = "";
        if (!form.elements.lead_alt.value) form.elements.lead_alt.focus();
        changed();
      }
    });
  }

  // Inserting a picture: one from the media library, by its number, by
  // its words or by uploading it, or one from elsewhere by its address.
  const imageDialog = $("#image-dialog");
  const imageForm = $("#image-form");
  const imageError = $("#image-error");
  const results = $("#image-results");
  function openImageDialog() {
    imageForm.reset();
    results.textContent = "";
    imageError.textContent = "";
    $("#image-upload-status").textContent = "";
    imageDialog.showModal();
  }
  function choose(id) {
    imageForm.elements.asset.value = id;
    imageForm.elements.src.value = "";
    for (const b of $$("button", results)) b.setAttribute("aria-pressed", String(b.dataset.asset === String(id)));
  }
  async function findPictures() {
    const q = imageForm.elements.q.value.trim();
    let out = {};
    try {
      const resp = await fetch("/admin/media?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" });
      out = await resp.json();
    } catch (e) {
      /* offline or an error page */
    }
    results.textContent = "";
    for (const p of out.assets || []) {
      const li = document.createElement("li");
      const btn = document.createElement("button");
      btn.type = "button";
      btn.dataset.asset = p.id;
      btn.setAttribute("aria-pressed", "false");
      if (p.thumb) {
        const img = document.createElement("img");
        Object.assign(img, { src: p.thumb, alt: "", width: 160, height: 90 });
        btn.append(img);
      }
      const words = document.createElement("span");
      words.textContent = "Picture " + p.id + ": " + (p.alt || p.name + " (no alt text yet)");
      btn.append(words);
      btn.addEventListener("click", () => choose(p.id));
      li.append(btn);
      results.append(li);
    }
    if (!results.children.length) {
      const li = document.createElement("li");
      li.textContent = out.assets ? "No pictures match." : "The library could not be searched.";
      results.append(li);
    }
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
    if (r && !r.error) choose(r.asset.ID);
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
      imageError.textContent = "Choose a picture: give its number, find it, upload one, or give an address.";
      return f.asset.focus();
    }
    imageDialog.close();
    editor.chain().focus().insertContent({ type: "image", attrs }).run();
  });

  // Toolbar: every button says what it does and is reachable by Tab.
  const run = {
    bold: () => editor.chain().focus().toggleBold().run(),
    italic: () => editor.chain().focus().toggleItalic().run(),
    link: () => {
      const href = prompt("Link to (https://…)", editor.getAttributes("link").href || "https://");
      if (href === null) return;
      if (href === "") editor.chain().focus().unsetLink().run();
      else editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    },
    h2: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
    h3: () => editor.chain().focus().toggleHeading({ level: 3 }).run(),
    quote: () => editor.chain().focus().setNode("quote").run(),
    pullquote: () => editor.chain().focus().setNode("pullquote").run(),
    attribution: () => {
      const { $from } = editor.state.selection;
      const node = $from.parent;
      if (node.type.name !== "quote" && node.type.name !== "pullquote") return alert("Put the cursor in a quote first.");
      const who = prompt("Who said it?", node.attrs.attribution || "");
      if (who !== null) editor.chain().focus().updateAttributes(node.type.name, { attribution: who.trim() }).run();
    },
    bullets: () => editor.chain().focus().toggleBulletList().run(),
    numbers: () => editor.chain().focus().toggleOrderedList().run(),
    image: () => openImageDialog(),
    embed: () => {
      const url = prompt("Address of the post or video to embed (https://…)");
      if (url) editor.chain().focus().insertContent({ type: "embed", attrs: { url } }).run();
    },
    factbox: () => {
      const title = prompt("Fact box title");
      if (title) editor.chain().focus().insertContent({ type: "factbox", attrs: { title }, content: [{ type: "paragraph" }] }).run();
    },
    divider: () => editor.chain().focus().setHorizontalRule().run(),
  };
  for (const btn of $$("#toolbar [data-cmd]")) {
    btn.addEventListener("click", () => run[btn.dataset.cmd]());
  }
  editor.on("selectionUpdate", () => {
    for (const btn of $$("#toolbar [data-mark]")) btn.setAttribute("aria-pressed", String(editor.isActive(btn.dataset.mark)));
  });

  // A copy saved in this browser while offline, newer than the server's?
  try {
    const kept = JSON.parse(localStorage.getItem(storeKey()) || "null");
    if (kept && kept.base === base && JSON.stringify(kept.article.Body) !== JSON.stringify(data.article.Body || [])) {
      const offer = $("#restore-local");
      offer.hidden = false;
      $("#restore-local-yes").addEventListener("click", () => {
        form.elements.headline.value = kept.article.Headline || "";
        form.elements.standfirst.value = kept.article.Standfirst || "";
        editor.commands.setContent(fromBlocks(kept.article.Body));
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
  window.addEventListener("online", () => dirty && save());
  window.addEventListener("beforeunload", (e) => {
    if (dirty || saving) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  // Who else has this article open.
  async function presence() {
    if (!id) return;
    try {
      const r = await call("POST", `/admin/api/articles/${id}/presence`, {});
      const others = (r.json.others || []).map((o) => o.name);
      $("#presence").textContent = others.length ? "Also open by " + others.join(", ") : "";
    } catch (e) {
      /* offline */
    }
  }
  presence();
  setInterval(presence, 15000);
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
