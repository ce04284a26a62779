// The consent banner and click-to-load embeds. The page is the same for every
// reader, so everything that depends on the reader's choice happens here, in
// the reader's browser. Nothing from another site loads before the reader
// allows it; the choice is kept in this site's localStorage only once it is
// made, and recorded (without IP address) by POST /api/consent.
(function () {
  "use strict";
  var KEY = "masthead.consent";
  var banner = document.getElementById("consent");
  if (!banner) return;
  var version = banner.getAttribute("data-version");
  var boxes = Array.prototype.slice.call(banner.querySelectorAll("input[name=purpose]"));
  var offered = boxes.map(function (b) { return b.value; });
  var covered = boxes.filter(function (b) { return b.hasAttribute("data-gpc"); }).map(function (b) { return b.value; });
  var status = document.getElementById("consent-status");
  var gpc = navigator.globalPrivacyControl === true;
  var gpcKnown = gpc || covered.length === 0;
  var allowed = [];
  var opener = null;

  function read() {
    try {
      var c = JSON.parse(localStorage.getItem(KEY) || "null");
      return c && c.version === version && Array.isArray(c.purposes) ? c : null;
    } catch (e) { return null; }
  }

  // permitted drops what the site does not offer and what GPC keeps off.
  function permitted(list) {
    return list.filter(function (p) {
      return offered.indexOf(p) >= 0 && !((gpc || !gpcKnown) && covered.indexOf(p) >= 0);
    });
  }

  function markGPC() {
    boxes.forEach(function (b) {
      if (!gpc || covered.indexOf(b.value) < 0) return;
      b.checked = false;
      b.disabled = true;
      var note = document.getElementById(b.id + "-gpc");
      if (note) {
        note.hidden = false;
        b.setAttribute("aria-describedby", note.id);
      }
    });
  }

  function show(from) {
    opener = from || null;
    boxes.forEach(function (b) { b.checked = allowed.indexOf(b.value) >= 0; });
    markGPC();
    banner.hidden = false;
    pad();
    if (from) document.getElementById("consent-heading").focus();
  }

  // pad keeps the end of the page clear of the banner fixed over it.
  function pad() {
    document.body.style.paddingBottom = banner.hidden ? "" : banner.offsetHeight + "px";
  }
  window.addEventListener("resize", pad);

  function hide() {
    banner.hidden = true;
    pad();
    var main = document.getElementById("main");
    if (opener && document.contains(opener)) {
      opener.focus();
    } else if (main && banner.contains(document.activeElement)) {
      main.setAttribute("tabindex", "-1");
      main.focus({ preventScroll: true });
    }
    opener = null;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  // choose records and applies a choice the reader has just made.
  function choose(list) {
    list = permitted(list);
    var record = { purposes: list, version: version, at: new Date().toISOString() };
    try { localStorage.setItem(KEY, JSON.stringify(record)); } catch (e) { /* private mode: applies to this page only */ }
    apply(list);
    fetch("/api/consent", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ purposes: list, version: version }),
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (saved) {
      if (!saved) return;
      record.id = saved.id;
      try { localStorage.setItem(KEY, JSON.stringify(record)); } catch (e) { /* as above */ }
    }).catch(function () { /* the choice still holds in this browser */ });
    say(list.length ? "Your choices are saved. Allowed: " + names(list) + "." : "Your choices are saved. Nothing from other companies will load.");
  }

  function names(list) {
    return list.map(function (p) {
      var label = banner.querySelector("label[for='consent-" + p + "'] strong");
      return label ? label.textContent.replace(/\.$/, "") : p;
    }).join(", ");
  }

  // apply makes the page match the allowed purposes, turning embeds on or
  // back into placeholders, and tells any other script on the page.
  function apply(list) {
    allowed = list;
    document.documentElement.setAttribute("data-consent", list.join(" "));
    embeds.forEach(function (f) {
      if (list.indexOf("embeds") >= 0) load(f);
      else if (!f.hasAttribute("data-once")) unload(f);
    });
    document.dispatchEvent(new CustomEvent("masthead:consent", { detail: { purposes: list.slice() } }));
  }

  banner.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-consent]");
    if (!b) return;
    var what = b.getAttribute("data-consent");
    if (what === "reject") {
      choose([]);
      embeds.forEach(unload); // withdrawing takes back one-off loads too
    }
    else if (what === "accept") choose(offered);
    else choose(boxes.filter(function (x) { return x.checked; }).map(function (x) { return x.value; }));
    hide();
  });

  document.addEventListener("click", function (e) {
    var a = e.target.closest("[data-privacy-choices], [data-privacy-open]");
    if (!a) return;
    e.preventDefault();
    show(a);
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-privacy-open]"), function (b) { b.hidden = false; });

  // Click-to-load embeds: each placeholder gets a note saying who the
  // content comes from and two buttons: load this one, or load them all.
  var embeds = offered.indexOf("embeds") < 0 ? [] :
    Array.prototype.slice.call(document.querySelectorAll("figure.embed[data-frame]"));
  embeds.forEach(function (f) {
    var who = f.getAttribute("data-provider");
    var kind = f.getAttribute("data-shape") === "video" ? "video" : f.getAttribute("data-shape") === "post" ? "post" : "content";
    var box = document.createElement("div");
    box.className = "embed-consent";
    var p = document.createElement("p");
    p.textContent = "This " + kind + " comes from " + who + ". If you load it, " + who + " learns that you visited this page and may set cookies.";
    var one = document.createElement("button");
    one.type = "button";
    one.textContent = "Load this " + kind;
    one.addEventListener("click", function () {
      f.setAttribute("data-once", "");
      load(f);
      var frame = f.querySelector("iframe");
      if (frame) frame.focus();
    });
    var all = document.createElement("button");
    all.type = "button";
    all.textContent = "Always load videos and posts";
    all.addEventListener("click", function () {
      choose(allowed.concat(allowed.indexOf("embeds") < 0 ? ["embeds"] : []));
      banner.hidden = true; // a choice is made: the banner's question is answered
      pad();
      var frame = f.querySelector("iframe");
      if (frame) frame.focus();
    });
    box.appendChild(p);
    box.appendChild(one);
    box.appendChild(all);
    f.insertBefore(box, f.firstChild);
  });

  function load(f) {
    if (f.querySelector("iframe")) return;
    var caption = f.querySelector("figcaption");
    var frame = document.createElement("iframe");
    frame.src = f.getAttribute("data-frame");
    frame.title = (caption && caption.textContent) || f.getAttribute("data-provider") + " content";
    frame.className = "embed-frame embed-" + f.getAttribute("data-shape");
    frame.setAttribute("allow", "fullscreen; picture-in-picture; encrypted-media");
    // The least the players need: their own scripts and storage, opening
    // the original in a new tab, and casting. No forms, no navigating this
    // page, no downloads, no modal dialogs.
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    var box = f.querySelector(".embed-consent");
    if (box) box.hidden = true;
    f.insertBefore(frame, f.firstChild);
  }

  function unload(f) {
    f.removeAttribute("data-once");
    var frame = f.querySelector("iframe");
    if (frame) frame.remove();
    var box = f.querySelector(".embed-consent");
    if (box) box.hidden = false;
  }

  // GPC: from navigator.globalPrivacyControl where the browser has it, else
  // from the Sec-GPC header as the server saw it, asked only when the site
  // offers a purpose GPC covers. Until the answer comes, covered purposes
  // stay off; the banner does not wait for it.
  var stored = read();
  if (stored) apply(permitted(stored.purposes));
  else show(null);
  markGPC();
  if (gpcKnown) return;
  fetch("/api/gpc", { credentials: "same-origin", cache: "no-store" })
    .then(function (r) { return r.json(); })
    .then(function (j) { gpc = j.gpc === true; })
    .catch(function () { gpc = false; /* no answer: the reader's own choice decides */ })
    .then(function () {
      gpcKnown = true;
      markGPC();
      var again = read();
      if (again) apply(permitted(again.purposes));
    });
})();
