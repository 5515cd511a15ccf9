/* dedup report: click a highlighted passage to show its counterpart on the other side.
   Reads only data- attributes the report itself wrote (digits and fixed letters); never article text. */
(function () {
  "use strict";
  var doc = document;
  var lit = [];
  var CATS = ["q", "m", "f"];

  function refs(el, cat) {
    return (el.getAttribute("data-" + cat) || "").split(" ").filter(function (r) { return /^\d+$/.test(r); });
  }
  function segs(side, cat, ref) {
    var scope = side ? '[data-side="' + side + '"] ' : "[data-side] ";
    return doc.querySelectorAll(scope + ".seg[data-" + cat + '~="' + ref + '"]');
  }
  function clear() {
    lit.forEach(function (el) { el.classList.remove("hl"); });
    lit = [];
  }
  function light(el) {
    el.classList.add("hl");
    lit.push(el);
  }
  function reveal(el) {
    if (!el) { return; }
    el.scrollIntoView({block: "center", inline: "nearest"});
    if (el.tagName === "A" || el.tabIndex >= 0) { el.focus({preventScroll: true}); }
  }
  /* Highlight item cat+ref on both sides (and its panel entry) and bring its words on `side` into view. */
  function show(cat, ref, side) {
    clear();
    Array.prototype.forEach.call(segs(null, cat, ref), light);
    var entry = doc.getElementById(cat + "i-" + ref);
    if (entry) { light(entry); }
    var target = side === "panel" ? entry : segs(side, cat, ref)[0];
    if (target && target.tagName !== "A" && side !== "panel") {
      /* the item's first words are its link; fall back to the first segment */
      var first = doc.querySelector('[data-side="' + side + '"] a.seg[data-' + cat + '~="' + ref + '"]');
      target = first || target;
    }
    if (!target && side !== "panel") { target = doc.getElementById(side + "-" + cat + ref); }
    reveal(target);
  }
  function onSegment(el) {
    var box = el.closest("[data-side]");
    if (!box) { return false; }
    var other = box.getAttribute("data-side") === "s" ? "c" : "s";
    var i, j, list;
    for (i = 0; i < CATS.length; i++) {
      list = refs(el, CATS[i]);
      for (j = 0; j < list.length; j++) {
        if (segs(other, CATS[i], list[j]).length) { show(CATS[i], list[j], other); return true; }
      }
    }
    for (i = 0; i < CATS.length; i++) {
      list = refs(el, CATS[i]);
      if (list.length && doc.getElementById(CATS[i] + "i-" + list[0])) { show(CATS[i], list[0], "panel"); return true; }
    }
    return false;
  }
  doc.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-go], [data-side] .seg") : null;
    if (!el) { return; }
    if (el.hasAttribute("data-go")) {
      var go = el.getAttribute("data-go").split(" ");
      if (go.length === 3 && /^[sc]$/.test(go[0]) && CATS.indexOf(go[1]) >= 0 && /^\d+$/.test(go[2])) {
        ev.preventDefault();
        show(go[1], go[2], go[0]);
      }
      return;
    }
    if (onSegment(el)) { ev.preventDefault(); }
  });
  doc.documentElement.setAttribute("data-report-ready", "1");
}());
