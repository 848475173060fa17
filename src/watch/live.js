// besluitspoor serve: reload after a rebuild, show errors over the last good
// site. Added by `serve` only; built sites never contain it.
(function () {
  "use strict";
  var version = null;
  var generation = null;
  var BOX = "besluitspoor-fouten";

  function show(errors) {
    var box = document.getElementById(BOX);
    if (!errors.length) {
      if (box) box.parentNode.removeChild(box);
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.id = BOX;
      box.setAttribute("role", "alert");
      box.setAttribute("aria-label", "Fouten in de laatste wijziging");
      box.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;" +
        "margin:0;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;" +
        "border-top:6px solid #b00020;box-shadow:0 -2px 12px rgba(0,0,0,.25);" +
        "font:15px/1.45 system-ui,sans-serif;z-index:2147483647";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "De laatste wijziging is niet gepubliceerd";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.1rem;color:#b00020";
    var note = document.createElement("p");
    note.textContent = "U ziet de laatste goede versie. Herstel deze fouten en sla op:";
    note.style.margin = "0 0 .5rem";
    var list = document.createElement("pre");
    list.textContent = errors.join("\n");
    list.style.cssText = "margin:0;white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Verbergen";
    close.style.marginTop = ".75rem";
    close.addEventListener("click", function () { box.style.display = "none"; });
    box.appendChild(title);
    box.appendChild(note);
    box.appendChild(list);
    box.appendChild(close);
  }

  function poll() {
    var url = "/__besluitspoor/wait" + (version === null ? "" : "?version=" + version);
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (generation !== null && s.generation !== generation) {
          location.reload();
          return;
        }
        generation = s.generation;
        version = s.version;
        show(s.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
