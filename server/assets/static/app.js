// Herald dashboard script. It only reads JSON from the API and builds DOM nodes with
// createElementNS/textContent: no innerHTML, so article data can never become markup.
"use strict";

(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var QUAD = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    }
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // drawDyad renders stacked bars of events per period by QuadClass and a line of the
  // mean Goldstein score (right axis, -10..10).
  function drawDyad(box, data) {
    while (box.firstChild) box.removeChild(box.firstChild);
    var buckets = data.buckets || [];
    if (buckets.length === 0) {
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = "No dated events between these actors.";
      box.appendChild(p);
      return;
    }
    var W = 900, H = 300, L = 40, R = 40, T = 14, B = 46;
    var pw = W - L - R, ph = H - T - B;
    var maxN = 1;
    buckets.forEach(function (b) { if (b.total > maxN) maxN = b.total; });
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "class": "dyadchart" });
    svg.appendChild(el("title", {}, "Events between " + data.a + " and " + data.b + " per " + data.interval));
    var step = pw / buckets.length, bw = Math.max(2, Math.min(40, step * 0.7));
    var y = function (n) { return T + ph - (n / maxN) * ph; };
    var yg = function (g) { return T + ph / 2 - (g / 10) * (ph / 2); };
    // Axes and grid.
    [0, Math.ceil(maxN / 2), maxN].forEach(function (n) {
      svg.appendChild(el("line", { x1: L, x2: W - R, y1: y(n), y2: y(n), "class": "grid" }));
      svg.appendChild(el("text", { x: L - 6, y: y(n) + 4, "text-anchor": "end", "class": "axis" }, String(n)));
    });
    [-10, 0, 10].forEach(function (g) {
      svg.appendChild(el("text", { x: W - R + 6, y: yg(g) + 4, "class": "axis gaxis" }, (g > 0 ? "+" : "") + g));
    });
    var pts = [];
    var every = Math.ceil(buckets.length / 10);
    buckets.forEach(function (b, i) {
      var cx = L + step * i + step / 2, base = 0;
      for (var q = 0; q < 4; q++) {
        var n = b.quad[q];
        if (!n) continue;
        var r = el("rect", { x: cx - bw / 2, y: y(base + n), width: bw, height: y(base) - y(base + n), "class": "bar q" + (q + 1) });
        r.appendChild(el("title", {}, b.period + ": " + n + " " + QUAD[q]));
        svg.appendChild(r);
        base += n;
      }
      pts.push(cx.toFixed(1) + "," + yg(b.goldstein).toFixed(1));
      var dot = el("circle", { cx: cx, cy: yg(b.goldstein), r: 3.5, "class": "gdot" });
      dot.appendChild(el("title", {}, b.period + ": mean Goldstein " + b.goldstein.toFixed(1) + " over " + b.total + " events"));
      svg.appendChild(dot);
      if (i % every === 0) {
        svg.appendChild(el("text", { x: cx, y: H - B + 16, "text-anchor": "middle", "class": "axis" }, b.period));
      }
    });
    svg.insertBefore(el("polyline", { points: pts.join(" "), "class": "gline" }), svg.querySelector("circle"));
    box.appendChild(svg);
    box.setAttribute("data-rendered", String(buckets.length));
  }

  function loadDyad(box, interval) {
    var api = box.getAttribute("data-api").replace(/interval=[a-z]+/, "interval=" + interval);
    fetch(api, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (d) { drawDyad(box, d); })
      .catch(function (e) { box.textContent = "Could not load the timeline: " + e.message; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("chart");
    if (box) {
      loadDyad(box, "day");
      document.querySelectorAll("input[name=interval]").forEach(function (r) {
        r.addEventListener("change", function () { loadDyad(box, r.value); });
      });
    }
    // Hovering an entity lights up its other mentions.
    var text = document.getElementById("text");
    if (text) {
      text.addEventListener("mouseover", function (ev) {
        var t = ev.target.closest ? ev.target.closest("[data-entity]") : null;
        document.querySelectorAll(".lit").forEach(function (e) { e.classList.remove("lit"); });
        if (!t) return;
        var id = t.getAttribute("data-entity");
        document.querySelectorAll("[data-entity]").forEach(function (e) {
          if (e.getAttribute("data-entity") === id) e.classList.add("lit");
        });
      });
    }
  });
})();
