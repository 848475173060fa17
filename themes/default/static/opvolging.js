// besluitspoor: keeps follow-up status true after the build.
//
// Pages carry each deadline as data (data-termijn, data-status). The build
// labels "te laat" at its reference date; this script recomputes it with the
// reader's own date in the site's time zone, so a site built last week still
// tells the truth. Without JavaScript the build-date status shows, labelled
// with that date. "Te laat" = status openstaand or deels-voldaan and the
// termijn before today (content-format.md, "opvolging").
(function () {
  "use strict";
  var root = document.documentElement;
  var tz = root.getAttribute("data-timezone") || "Europe/Amsterdam";
  var buildDate = root.getAttribute("data-reference-date");
  // en-CA formats as YYYY-MM-DD.
  var today = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit"
  }).format(new Date());
  if (!buildDate) { return; }
  var todayNl = new Intl.DateTimeFormat("nl-NL", {
    timeZone: "UTC", day: "numeric", month: "long", year: "numeric"
  }).format(new Date(today + "T00:00:00Z"));
  var LABELS = {
    "openstaand": "Openstaand", "deels-voldaan": "Deels voldaan",
    "voldaan": "Voldaan", "vervallen": "Vervallen", "te-laat": "Te laat"
  };

  function isOpen(status) { return status === "openstaand" || status === "deels-voldaan"; }
  function stand(el) {
    var status = el.getAttribute("data-status");
    var termijn = el.getAttribute("data-termijn");
    return isOpen(status) && termijn && termijn < today ? "te-laat" : status;
  }
  function days(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / 86400000);
  }

  document.querySelectorAll("[data-opvolging]").forEach(function (el) {
    var s = stand(el);
    el.className = el.className.replace(/badge--[a-z-]+/, "badge--" + s);
    el.textContent = LABELS[s] || el.textContent;
  });
  document.querySelectorAll("[data-dagen]").forEach(function (el) {
    var termijn = el.getAttribute("data-termijn");
    if (!isOpen(el.getAttribute("data-status")) || !termijn) { return; }
    var d = days(today, termijn);
    el.textContent = d < 0 ? " (" + (-d) + " dagen over de termijn op " + todayNl + ")"
      : d === 0 ? " (vandaag)" : " (nog " + d + " dagen)";
  });
  document.querySelectorAll("[data-dagen-kort]").forEach(function (el) {
    var termijn = el.getAttribute("data-termijn");
    if (!isOpen(el.getAttribute("data-status")) || !termijn) { return; }
    var d = days(today, termijn);
    el.textContent = d < 0 ? " (" + (-d) + " dagen te laat)" : d === 0 ? " (vandaag)" : " (nog " + d + " dagen)";
  });
  document.querySelectorAll("[data-stand-datum]").forEach(function (el) {
    el.textContent = todayNl;
  });
  document.querySelectorAll("[data-open-termijnen]").forEach(function (el) {
    var list = (el.getAttribute("data-open-termijnen") || "").split(" ").filter(Boolean);
    el.textContent = String(list.filter(function (t) { return t < today; }).length);
  });

  // The register: move items between the overdue and open lists, recount.
  var late = document.getElementById("lijst-te-laat");
  var open = document.getElementById("lijst-open");
  if (!late || !open) { return; }
  Array.prototype.slice.call(open.children).forEach(function (li) {
    var badge = li.querySelector("[data-opvolging]");
    if (badge && stand(badge) === "te-laat") { late.appendChild(li); }
  });
  Array.prototype.slice.call(late.children).forEach(function (li) {
    var badge = li.querySelector("[data-opvolging]");
    if (badge && stand(badge) !== "te-laat") { open.appendChild(li); }
  });
  // Same order as the build: earliest deadline first (the most overdue
  // first), no deadline last, then by id (the last part of the address).
  function key(li) {
    var b = li.querySelector("[data-opvolging]");
    var a = li.querySelector(".card__title a");
    var id = a ? a.getAttribute("href").split("/").filter(Boolean).pop() : "";
    return ((b && b.getAttribute("data-termijn")) || "9999-99-99") + " " + id;
  }
  [late, open].forEach(function (list) {
    Array.prototype.slice.call(list.children)
      .sort(function (a, b) { return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0; })
      .forEach(function (li) { list.appendChild(li); });
  });
  var counts = { "te-laat": late.children.length, "openstaand": 0, "deels-voldaan": 0 };
  Array.prototype.slice.call(open.children).forEach(function (li) {
    var b = li.querySelector("[data-opvolging]");
    if (b) { counts[b.getAttribute("data-status")] = (counts[b.getAttribute("data-status")] || 0) + 1; }
  });
  Object.keys(counts).forEach(function (k) {
    document.querySelectorAll('[data-count="' + k + '"]').forEach(function (el) {
      el.textContent = String(counts[k]);
    });
  });
  [[late, "leeg-te-laat"], [open, "leeg-open"]].forEach(function (pair) {
    var msg = document.getElementById(pair[1]);
    if (msg) { msg.hidden = pair[0].children.length > 0; }
  });
}());
