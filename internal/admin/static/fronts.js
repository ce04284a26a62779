// The Fronts screen: drag a pinned story by its handle to its place, and
// suggestions from every published story as a headline is typed. Without
// this script the Move up and Move down buttons reorder, and the story field
// offers the newest stories and finds any other on the server.
(function () {
  "use strict";

  // Dragging uses pointer events, so a finger on a phone drags as a mouse
  // does; the list is reordered as the pointer passes over the other
  // stories, and the new order is saved when it is let go.
  document.querySelectorAll("ol.pins[data-save]").forEach(function (list) {
    list.querySelectorAll("li.pin").forEach(function (li) {
      var handle = document.createElement("span");
      handle.className = "drag-handle";
      handle.setAttribute("aria-hidden", "true");
      handle.title = "Drag to move";
      handle.textContent = "⠿";
      li.insertBefore(handle, li.firstChild);
    });
    var dragged = null;
    var before = "";
    var order = function () {
      return Array.prototype.map.call(list.querySelectorAll("li.pin"), function (li) {
        return li.dataset.article;
      }).join(",");
    };
    list.addEventListener("pointerdown", function (e) {
      var handle = e.target.closest(".drag-handle");
      if (!handle || e.button !== 0) {
        return;
      }
      e.preventDefault();
      dragged = handle.closest("li.pin");
      before = order();
      dragged.classList.add("dragging");
      handle.setPointerCapture(e.pointerId);
    });
    list.addEventListener("pointermove", function (e) {
      if (!dragged) {
        return;
      }
      var under = document.elementFromPoint(e.clientX, e.clientY);
      var over = under && under.closest("li.pin");
      if (!over || over === dragged || over.parentNode !== list) {
        return;
      }
      var box = over.getBoundingClientRect();
      list.insertBefore(dragged, e.clientY > box.top + box.height / 2 ? over.nextSibling : over);
    });
    var drop = function () {
      if (!dragged) {
        return;
      }
      dragged.classList.remove("dragging");
      dragged = null;
      if (order() !== before) {
        document.getElementById(list.dataset.save).requestSubmit();
      }
    };
    list.addEventListener("pointerup", drop);
    list.addEventListener("pointercancel", drop);
  });

  // The suggestions ask the server for published stories whose headline
  // holds what is typed, a moment after typing stops.
  var stories = document.getElementById("stories");
  var timer = 0;
  var asked = "";
  document.querySelectorAll("input[data-typeahead]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || /\(#\d+\)$/.test(q) || q === asked) {
        return;
      }
      timer = setTimeout(function () {
        asked = q;
        fetch("/admin/fronts/stories?q=" + encodeURIComponent(q), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (list) {
            if (!list.length) {
              return;
            }
            stories.replaceChildren.apply(stories, list.map(function (s) {
              var o = document.createElement("option");
              o.value = s.label;
              o.label = s.section;
              return o;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
