// Counts a page view: one beacon to this site with the article's number.
// No cookie, no storage, nothing sent anywhere else. Browsers without
// JavaScript (most bots) are not counted, and neither are pages being
// prerendered that the reader never opens.
(function () {
  "use strict";
  var el = document.querySelector("[data-view]");
  if (!el || !navigator.sendBeacon) return;
  var send = function () { navigator.sendBeacon("/api/view", el.getAttribute("data-view")); };
  if (document.visibilityState === "prerender" || document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
