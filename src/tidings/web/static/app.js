/* tidings dashboard. Everything from the store is put into the page as text
   (textContent / text nodes), never as markup: a story may contain <script>. */
"use strict";

const QUADS = {1: ["verbal cooperation", "#4c9be8"], 2: ["material cooperation", "#1f5fa8"],
               3: ["verbal conflict", "#f0a04b"], 4: ["material conflict", "#c0392b"]};
const PLOT_CONFIG = {displaylogo: false, responsive: true};

/* ---------- small helpers ---------- */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function $(id) { return document.getElementById(id); }
/* Plotly hover labels understand a few tags: keep angle brackets as entities. */
function plain(s) { return String(s ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.filter(x => x !== "").forEach(x => q.append(k, x));
    else if (v !== null && v !== undefined && v !== "") q.append(k, v);
  }
  const s = q.toString();
  return s ? "?" + s : "";
}
function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}
async function api(path, params) {
  const response = await fetch(path + query(params || {}));
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    showError(message);
    throw new Error(message);
  }
  showError("");
  return body;
}
function formValues(form) {
  const values = {};
  for (const [k, v] of new FormData(form).entries()) values[k] = v.trim();
  return values;
}
function addDays(day, n) {
  const d = new Date(day + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function periodEnd(day, by) {
  if (by === "week") return addDays(day, 6);
  if (by === "month") {
    const d = new Date(day + "T00:00:00Z");
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  }
  return day;
}
/* A link to an article; with a span (a sentence, a quote), the article opens scrolled to
   it, highlighted: #article/ID/START-END. */
function articleHref(id, start, end) {
  const at = Number.isInteger(start) && Number.isInteger(end) ? `/${start}-${end}` : "";
  return "#article/" + encodeURIComponent(id) + at;
}
function articleLink(id, start, end) { return el("a", {href: articleHref(id, start, end)}, id); }

/* A table of rows; article ids link to the article view, at the row's span if it has one. */
function table(rows, columns, labels) {
  if (!rows.length) return el("p", {class: "hint"}, "nothing found");
  const head = el("tr", {}, ...columns.map((c, i) => el("th", {}, (labels || columns)[i])));
  const body = rows.map(r => el("tr", {}, ...columns.map(c =>
    el("td", {}, c === "article_id" && r[c] ? articleLink(r[c], r.start_char, r.end_char)
                                             : (r[c] ?? "")))));
  return el("table", {}, el("thead", {}, head), el("tbody", {}, ...body));
}
const EVENT_COLUMNS = ["date", "source_name", "source_code", "cameo", "cameo_name",
                       "target_name", "target_code", "goldstein", "place_name", "sentence"];
const RAW_EVENT_COLUMNS = ["date", "article_id", "source_name", "cameo", "target_name",
                           "goldstein", "sentence"];
const QUOTE_COLUMNS = ["published", "article_id", "speaker_name", "speaker_code", "kind", "text"];

async function listEvents(container, title, params) {
  const [events, raw] = await Promise.all([
    api("/events", Object.assign({limit: 500}, params)),
    api("/events", Object.assign({limit: 500, raw: "true"}, params))]);
  clear(container).append(
    el("h3", {}, `${title}: ${events.total} events`),
    table(events.events, EVENT_COLUMNS),
    el("h3", {}, "Reports (one per article)"),
    table(raw.events, RAW_EVENT_COLUMNS));
}

/* ---------- timeline ---------- */
const PER = {day: "day", week: "week", month: "month"};
/* The range the chart opens on: the shortest run of periods that holds 90% of the events,
   and the periods close to it.
   The rest may lie decades away (a date from a story's background, a typo, a year-only
   date); it stays in the data (drag, or double-click to see it all) but does not stretch
   the axis. */
const HELD = 0.9;
function openingRange(rows, by) {
  const totals = new Map();
  for (const r of rows) totals.set(r.period, (totals.get(r.period) || 0) + r.events);
  const periods = [...totals.keys()].sort();
  if (!periods.length) return null;
  const counts = periods.map(p => totals.get(p));
  const all = counts.reduce((a, b) => a + b, 0);
  const time = p => Date.parse(p + "T00:00:00Z");
  let best = [0, periods.length - 1], held = 0, j = 0;
  for (let i = 0; i < periods.length; i++) {   // two pointers: window [j, i]
    held += counts[i];
    while (held - counts[j] >= HELD * all) held -= counts[j++];
    if (held >= HELD * all && time(periods[i]) - time(periods[j]) <
        time(periods[best[1]]) - time(periods[best[0]])) best = [j, i];
  }
  // then the periods next to that run, each within a quarter of its span of the last: the
  // shortest run holding 90% cuts a tenth off evenly spread data; only far dates stay out
  const near = Math.max((time(periods[best[1]]) - time(periods[best[0]])) / 4,
                        86400000 * (by === "month" ? 62 : by === "week" ? 14 : 2));
  while (best[0] > 0 && time(periods[best[0]]) - time(periods[best[0] - 1]) <= near) best[0]--;
  while (best[1] < periods.length - 1 &&
         time(periods[best[1] + 1]) - time(periods[best[1]]) <= near) best[1]++;
  const [lo, hi] = [periods[best[0]], periods[best[1]]];
  const outside = periods.filter(p => p < lo || p > hi).reduce((n, p) => n + totals.get(p), 0);
  // a margin of a twentieth of the span, at least a period, so the end bars are whole
  const span = (time(hi) - time(lo)) / 86400000;
  const pad = Math.max(by === "month" ? 16 : by === "week" ? 4 : 1, Math.round(span / 20));
  return {lo: addDays(lo, -pad), hi: addDays(periodEnd(hi, by), pad), outside,
          first: periods[0], last: periods[periods.length - 1]};
}
async function timelinePage() {
  const form = $("timeline-filters");
  const filters = formValues(form);
  const by = filters.by || "day";
  delete filters.by;
  const data = await api("/timeline", Object.assign({by}, filters));
  const rows = data.timeline;
  const traces = Object.entries(QUADS).map(([quad, [name, color]]) => {
    const mine = rows.filter(r => String(r.quad_class) === quad);
    return {type: "bar", name: `${quad} ${name}`, x: mine.map(r => r.period),
            y: mine.map(r => r.events), marker: {color}, customdata: mine.map(() => quad),
            hovertemplate: "%{x}: %{y} events<extra>" + name + "</extra>"};
  });
  const chart = $("timeline");
  chart.dataset.days = [...new Set(rows.map(r => r.period))].sort().join(" ");
  const range = openingRange(rows, by);
  chart.dataset.range = range ? `${range.lo} ${range.hi}` : "";
  $("timeline-note").textContent = range && range.outside
    ? `${range.outside} events dated outside the range shown (from ${range.first} to ${range.last}): double-click the chart to show them all.`
    : "";
  await Plotly.react(chart, traces, {
    barmode: "stack", margin: {t: 20, r: 10, b: 50, l: 60}, dragmode: "zoom",
    xaxis: {type: "date", title: {text: "Date of the events"},
            range: range ? [range.lo, range.hi] : undefined, autorange: !range},
    yaxis: {fixedrange: true, title: {text: `Events per ${PER[by] || by}`}},
    legend: {orientation: "h", y: 1.12}}, PLOT_CONFIG);
  if (!chart.dataset.wired) {
    chart.dataset.wired = "1";
    chart.on("plotly_click", ev => {
      const point = ev.points[0];
      const day = String(point.x).slice(0, 10);
      const f = formValues(form);
      const per = f.by || "day";
      delete f.by;
      const end = periodEnd(day, per);
      listEvents($("timeline-events"), `${day}${end !== day ? " to " + end : ""}, quad ${point.customdata}`,
                 Object.assign(f, {since: day, until: end, quad: point.customdata}));
    });
  }
}

/* ---------- dyads ---------- */
const MEASURES = {goldstein_sum: "Goldstein sum (below 0: conflict, above: cooperation)",
                  goldstein_mean: "Mean Goldstein score of the events",
                  events: "Number of events"};
function nextPeriod(day, by) {
  if (by === "week") return addDays(day, 7);
  if (by === "month") {
    const d = new Date(day + "T00:00:00Z");
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  }
  return addDays(day, 1);
}
async function dyadPage() {
  const actors = await api("/actors", {limit: 200});
  const list = clear($("actor-codes"));
  const seen = new Set();
  for (const a of actors.actors) for (const v of [a.code, a.country])
    if (v && !seen.has(v)) { seen.add(v); list.append(el("option", {value: v})); }
  await drawDyads();
}
async function drawDyads() {
  const f = formValues($("dyad-form"));
  const sides = [[f.a, f.b], [f.b, f.a]];
  const series = await Promise.all(sides.map(([s, t]) =>
    api("/dyads", {source_actor: s, target_actor: t, by: f.by, limit: 10000})));
  const sums = series.map(d => {
    const m = new Map();
    for (const r of d.dyads) {   // several coded pairs (USAGOV, USAMIL) roll up per period
      const cur = m.get(r.period) || {events: 0, goldstein_sum: 0};
      cur.events += r.events; cur.goldstein_sum += r.goldstein_sum ?? 0;
      m.set(r.period, cur);
    }
    return m;
  });
  // every period from the first to the last: a period without events is a gap in the line
  const found = [...new Set(sums.flatMap(m => [...m.keys()]))].sort();
  const periods = [];
  if (found.length)
    for (let p = found[0]; p <= found[found.length - 1]; p = nextPeriod(p, f.by)) periods.push(p);
  const traces = sums.map((m, i) => {
    const value = p => {
      const c = m.get(p);
      if (!c) return null;
      if (f.measure === "events") return c.events;
      if (f.measure === "goldstein_mean") return c.events ? c.goldstein_sum / c.events : null;
      return c.goldstein_sum;
    };
    return {type: "scatter", mode: "lines+markers", connectgaps: false,
            name: `${sides[i][0]} → ${sides[i][1]}`,
            x: periods, y: periods.map(value), customdata: periods.map(() => i)};
  });
  const chart = $("dyad-chart");
  chart.dataset.gaps = String(traces.reduce((n, t) => n + t.y.filter(v => v === null).length, 0));
  await Plotly.react(chart, traces, {margin: {t: 20, r: 10, b: 50, l: 70},
    xaxis: {type: "date", title: {text: `Period (${f.by})`}},
    yaxis: {title: {text: MEASURES[f.measure] || f.measure}, zeroline: true},
    legend: {orientation: "h", y: 1.12}}, PLOT_CONFIG);
  if (!chart.dataset.wired) {
    chart.dataset.wired = "1";
    chart.on("plotly_click", async ev => {
      const p = ev.points[0];
      const g = formValues($("dyad-form"));
      const [s, t] = p.customdata === 0 ? [g.a, g.b] : [g.b, g.a];
      const day = String(p.x).slice(0, 10);
      const end = periodEnd(day, g.by);
      const box = $("dyad-events");
      await listEvents(box, `${s} → ${t}, ${day}`, {source_actor: s, target_actor: t, since: day, until: end});
      const quotes = await api("/quotes", {speaker: s, since: day, until: end, limit: 200});
      box.append(el("h3", {}, `Quotes by ${s} published ${day}${end !== day ? " to " + end : ""}`),
                 table(quotes.quotes, QUOTE_COLUMNS));
    });
  }
}

/* ---------- network ---------- */
function goldsteinColor(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#999";
  const t = Math.max(-1, Math.min(1, g / 10));   // -10..10 onto red..grey..blue
  const mix = (a, b, w) => Math.round(a + (b - a) * w);
  const [r, gg, b] = t < 0 ? [mix(150, 192, -t), mix(150, 57, -t), mix(150, 43, -t)]
                           : [mix(150, 31, t), mix(150, 95, t), mix(150, 168, t)];
  return `rgb(${r},${gg},${b})`;
}
/* A force-directed layout in the manner of ForceAtlas2: linked actors pull together
   (linearly with distance), every pair pushes apart in proportion to both actors' degrees
   (so hubs spread out instead of piling up in the middle), gravity keeps loose parts near.
   Deterministic (a sunflower start); O(n^2) per step: ~0.1 s for 600 actors. */
function forceLayout(ids, edges, steps) {
  const n = ids.length, index = new Map(ids.map((id, i) => [id, i]));
  const x = new Float64Array(n), y = new Float64Array(n), mass = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt((i + 0.5) / n), a = i * 2.399963;
    x[i] = r * Math.cos(a); y[i] = r * Math.sin(a);
  }
  const links = [];
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    if (a === undefined || b === undefined) continue;
    links.push([a, b]); mass[a] += 1; mass[b] += 1;
  }
  const repel = 0.02 / Math.max(n, 1), gravity = 0.05, dx = new Float64Array(n), dy = new Float64Array(n);
  let heat = 0.05;
  for (let step = 0; step < steps; step++) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let ex = x[i] - x[j], ey = y[i] - y[j];
      const d2 = ex * ex + ey * ey + 1e-6, f = repel * mass[i] * mass[j] / d2;
      ex *= f; ey *= f;
      dx[i] += ex; dy[i] += ey; dx[j] -= ex; dy[j] -= ey;
    }
    for (const [a, b] of links) {
      const ex = (x[a] - x[b]) * 0.5, ey = (y[a] - y[b]) * 0.5;
      dx[a] -= ex; dy[a] -= ey; dx[b] += ex; dy[b] += ey;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= x[i] * gravity * mass[i]; dy[i] -= y[i] * gravity * mass[i];
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) + 1e-9, m = Math.min(d / mass[i], heat) / d;
      x[i] += dx[i] * m; y[i] += dy[i] * m;
    }
    heat *= 0.97;
  }
  return new Map(ids.map((id, i) => [id, [x[i], y[i]]]));
}
/* Which nodes get a label: the busiest first, each only where it overlaps no label already
   placed (sizes in screen pixels for a chart ``width`` x ``height``). */
function labelled(ids, pos, width, height, most) {
  const xs = ids.map(i => pos.get(i)[0]), ys = ids.map(i => pos.get(i)[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = width / Math.max(x1 - x0, 1e-9), sy = height / Math.max(y1 - y0, 1e-9);
  const boxes = [], chosen = new Set();
  for (const id of ids) {
    if (chosen.size >= most) break;
    const [px, py] = [(pos.get(id)[0] - x0) * sx, (pos.get(id)[1] - y0) * sy];
    // half a label's width: 11 px text measures up to ~8 px a character in capitals
    // ("AGOGOV" 50 px), and Plotly pads the axes, so the guess keeps 3 px to spare on each
    // side: a narrower one let two labels touch
    const half = id.length * 4.2 + 3;
    const box = [px - half, px + half, py - 2, py + 16];
    if (boxes.some(b => box[0] < b[1] && b[0] < box[1] && box[2] < b[3] && b[2] < box[3])) continue;
    boxes.push(box); chosen.add(id);
  }
  return chosen;
}
// Labels on the actors with most events only; the others say who they are on hover.
const NETWORK_LABELS = 30;
async function networkPage() {
  const began = performance.now();
  const f = formValues($("network-filters"));
  const data = await api("/network", f);
  const nodes = data.nodes, edges = data.edges;
  const ids = nodes.map(n => n.id);
  const fetched = performance.now();
  const pos = forceLayout(ids, edges, nodes.length > 400 ? 60 : 120);
  const placed = performance.now();
  const byId = new Map(nodes.map(n => [n.id, n]));
  // edges: one line trace per colour band (Goldstein), segments separated by gaps
  const bands = new Map();
  const heads = {x: [], y: [], angle: [], color: []};
  for (const e of edges) {
    const band = Math.round((e.goldstein_mean ?? 0) / 2.5) * 2.5;
    const t = bands.get(band) || {x: [], y: []};
    const [x0, y0] = pos.get(e.source), [x1, y1] = pos.get(e.target);
    t.x.push(x0, x1, null); t.y.push(y0, y1, null);
    bands.set(band, t);
    heads.x.push(x0 + (x1 - x0) * 0.8); heads.y.push(y0 + (y1 - y0) * 0.8);
    heads.angle.push(90 - Math.atan2(y1 - y0, x1 - x0) * 180 / Math.PI);
    heads.color.push(goldsteinColor(e.goldstein_mean));
  }
  const traces = [...bands.entries()].map(([band, t]) => ({
    type: "scatter", mode: "lines", x: t.x, y: t.y, hoverinfo: "skip", showlegend: false,
    line: {width: 1, color: goldsteinColor(band)}, opacity: 0.6}));
  traces.push({type: "scatter", mode: "markers", x: heads.x, y: heads.y, hoverinfo: "skip",
               showlegend: false, marker: {symbol: "triangle-up", size: 7, angle: heads.angle,
                                           color: heads.color}});
  const maxEvents = Math.max(1, ...nodes.map(n => n.events));
  const chart = $("network");
  const named = labelled(ids, pos, chart.clientWidth - 20, chart.clientHeight - 20, NETWORK_LABELS);
  traces.push({
    type: "scatter", mode: "markers+text", x: ids.map(i => pos.get(i)[0]),
    y: ids.map(i => pos.get(i)[1]), text: ids.map(i => named.has(i) ? plain(i) : ""),
    textposition: "top center", textfont: {size: 11}, customdata: ids, hoverinfo: "text",
    hovertext: nodes.map(n => plain(`${n.id}${n.country ? " (" + n.country + ")" : ""}: ${n.events} events; named ${n.names.join("; ")}`)),
    marker: {size: nodes.map(n => 5 + (nodes.length > 200 ? 16 : 28) * Math.sqrt(n.events / maxEvents)),
             color: "#22313f", opacity: 0.85, line: {width: 1, color: "#fff"}}, showlegend: false});
  chart.dataset.nodes = ids.join("|");
  chart.dataset.labels = [...named].join("|");
  chart.dataset.edges = String(edges.length);
  await Plotly.react(chart, traces,
    {showlegend: false, hovermode: "closest", margin: {t: 10, r: 10, b: 10, l: 10},
     xaxis: {visible: false}, yaxis: {visible: false}}, PLOT_CONFIG);
  chart.dataset.ms = String(Math.round(performance.now() - began));
  chart.dataset.split = [fetched - began, placed - fetched, performance.now() - placed].map(Math.round).join(" ");
  $("network-note").textContent = `${nodes.length} actors, ${edges.length} dyads, drawn in ${chart.dataset.ms} ms.`;
  if (!chart.dataset.wired) {
    chart.dataset.wired = "1";
    chart.on("plotly_click", ev => {
      const point = ev.points.find(p => p.customdata !== undefined);
      if (point) showActor(point.customdata);
    });
  }
}
async function showActor(actor) {
  const box = $("network-events");
  box.dataset.actor = actor;
  await listEvents(box, `Events of ${actor}`, {actor});
  const quotes = await api("/quotes", {speaker: actor, limit: 200});
  box.append(el("h3", {}, `Quotes by ${actor}`), table(quotes.quotes, QUOTE_COLUMNS));
}

/* ---------- map ---------- */
// Country outlines: Natural Earth 1:110m (public domain), packaged as web/static/world-110m.json
// (scripts/build_world_outlines.py); loaded once, drawn as one line trace under the events.
let OUTLINES = null;
async function outlines() {
  if (OUTLINES === null) {
    const r = await fetch("/static/world-110m.json");
    const lines = r.ok ? (await r.json()).lines : [];
    const x = [], y = [];
    for (const line of lines) {
      for (let i = 0; i < line.length; i += 2) { x.push(line[i]); y.push(line[i + 1]); }
      x.push(null); y.push(null);    // a break between lines
    }
    OUTLINES = {x, y, count: lines.length};
  }
  return OUTLINES;
}

// Regions to zoom to: [longitude range, latitude range].
const REGIONS = {
  "World": [[-180, 180], [-60, 85]], "Africa": [[-20, 55], [-36, 38]],
  "Americas": [[-170, -30], [-56, 72]], "Asia": [[25, 150], [-11, 56]],
  "Europe": [[-25, 45], [34, 71]], "Middle East": [[24, 64], [12, 42]],
  "Oceania": [[110, 180], [-48, 0]]};

async function mapPage() {
  const data = await api("/events", {limit: 10000});
  const places = new Map();
  for (const e of data.events) {
    if (e.lat === null || e.lon === null) continue;
    const key = `${e.place_name}|${e.lat}|${e.lon}`;
    const p = places.get(key) || {name: e.place_name, country: e.place_country, lat: e.lat, lon: e.lon, events: []};
    p.events.push(e);
    places.set(key, p);
  }
  const list = [...places.values()];
  const mean = p => p.events.reduce((s, e) => s + (e.goldstein ?? 0), 0) / p.events.length;
  const world = await outlines();
  const chart = $("map");
  chart.dataset.places = list.map(p => p.name).join("|");
  chart.dataset.outlines = String(world.count);
  const zoom = Object.entries(REGIONS).map(([label, [lon, lat]]) => (
    {label, method: "relayout", args: [{"xaxis.range": lon, "yaxis.range": lat}]}));
  await Plotly.react(chart, [
    {type: "scatter", mode: "lines", x: world.x, y: world.y, hoverinfo: "skip",
     line: {color: "#9aa5b1", width: 0.8}, name: "borders", showlegend: false},
    {type: "scatter", mode: "markers", x: list.map(p => p.lon), y: list.map(p => p.lat),
    text: list.map(p => plain(`${p.name}, ${p.country}: ${p.events.length} events, mean Goldstein ${mean(p).toFixed(2)}`)),
    hoverinfo: "text", customdata: list.map((p, i) => i), showlegend: false,
    marker: {size: list.map(p => 8 + 6 * Math.sqrt(p.events.length)), color: list.map(mean),
             colorscale: [[0, "#c0392b"], [0.5, "#bbbbbb"], [1, "#1f5fa8"]], cmin: -10, cmax: 10,
             showscale: true, colorbar: {title: {text: "Goldstein"}}, line: {width: 1, color: "#333"}}}],
    {hovermode: "closest", margin: {t: 40, r: 20, b: 40, l: 50}, plot_bgcolor: "#eef3f7",
     updatemenus: [{type: "buttons", direction: "right", x: 0, y: 1.08, xanchor: "left",
                    buttons: zoom, showactive: false}],
     xaxis: {range: REGIONS.World[0], title: {text: "longitude"}, zeroline: false, showgrid: false},
     yaxis: {range: REGIONS.World[1], title: {text: "latitude"}, scaleanchor: "x", zeroline: false,
             showgrid: false}},
    Object.assign({scrollZoom: true}, PLOT_CONFIG));
  if (!chart.dataset.wired) {
    chart.dataset.wired = "1";
    chart.on("plotly_click", ev => {
      if (ev.points[0].curveNumber !== 1) return;   // the outlines are not clickable
      const p = list[ev.points[0].customdata];
      clear($("map-events")).append(el("h3", {}, `${p.name} (${p.country})`), table(p.events, EVENT_COLUMNS));
    });
  }
}

/* ---------- who is quoted (Gender Gap Tracker style) ---------- */
const GENDER_COLORS = {female: "#8e44ad", male: "#16a085", unknown: "#b0b7bd"};
async function quotedPage() {
  const filters = formValues($("quoted-filters"));
  const [genders, women, men, countries] = await Promise.all([
    api("/quoted", Object.assign({by: "gender"}, filters)),
    api("/quoted", Object.assign({by: "speaker", gender: "female", limit: 15}, filters)),
    api("/quoted", Object.assign({by: "speaker", gender: "male", limit: 15}, filters)),
    api("/quoted", Object.assign({by: "country", limit: 25}, filters))]);
  const count = g => (genders.quoted.find(r => r.gender === g) || {quotes: 0}).quotes;
  const total = genders.quoted.reduce((n, r) => n + r.quotes, 0);
  const chart = $("quoted-gender");
  for (const g of Object.keys(GENDER_COLORS)) chart.dataset[g] = count(g);
  const traces = Object.entries(GENDER_COLORS).map(([g, color]) => ({
    type: "bar", orientation: "h", name: g, y: ["quotes"], x: [total ? 100 * count(g) / total : 0],
    marker: {color}, customdata: [count(g)],
    hovertemplate: `${g}: %{customdata} quotes (%{x:.1f}%)<extra></extra>`}));
  await Plotly.react(chart, traces, {barmode: "stack", margin: {t: 10, r: 10, b: 40, l: 60},
    xaxis: {range: [0, 100], title: {text: `share of ${total} quotes (%)`}, fixedrange: true},
    yaxis: {fixedrange: true}, legend: {orientation: "h", traceorder: "normal"}}, PLOT_CONFIG);
  const columns = ["speaker", "code", "country", "quotes", "articles"];
  clear($("quoted-women")).append(el("h3", {}, `Women quoted most (${count("female")} quotes)`),
                                  table(women.quoted, columns));
  clear($("quoted-men")).append(el("h3", {}, `Men quoted most (${count("male")} quotes)`),
                                table(men.quoted, columns));
  clear($("quoted-countries")).append(el("h3", {}, "Quotes by the speaker's country"),
    table(countries.quoted, ["country", "quotes", "share", "female", "male", "unknown", "speakers", "articles"]));
}

/* ---------- articles ---------- */
async function articlesPage() {
  const data = await api("/articles", {limit: 500});
  clear($("article-list")).append(el("h3", {}, `${data.total} articles`),
    table(data.articles.map(r => Object.assign({article_id: r.id}, r)), ["article_id", "published", "source", "title", "events", "quotes", "preview"],
          ["article", "published", "source", "title", "events", "quotes", "beginning"]));
}

/* Spans to highlight: [start, end, css class, explanation]. */
function annotations(doc) {
  const text = doc.article.text || "";
  const spans = [];
  for (const a of doc.actors) for (const [s, e] of a.mentions)
    spans.push([s, e, "hl-actor", `actor ${a.name}: ${a.code || "uncoded"} (country ${a.country || "?"}, sector ${a.sector || "none"}, ${a.kind || "?"})`]);
  for (const ev of doc.events) {
    let s = ev.start, e = ev.end;
    const at = ev.trigger ? text.indexOf(ev.trigger, ev.start) : -1;
    if (at >= 0 && at < ev.end) { s = at; e = at + ev.trigger.length; }
    spans.push([s, e, "hl-event", `event ${ev.cameo} ${ev.cameo_name || ""} (trigger "${ev.trigger || "?"}", ${ev.plover || "?"}, quad ${ev.quad_class}, Goldstein ${ev.goldstein}): ` +
      `${ev.source_name || "?"} (${ev.source_code || "uncoded"}) → ${ev.target_name || "?"} (${ev.target_code || "uncoded"}), date ${ev.date || "?"}${ev.negated ? ", negated" : ""}`]);
  }
  for (const q of doc.quotes)
    spans.push([q.start, q.end, "hl-quote", `quote by ${q.speaker_name || "unknown speaker"} (${q.speaker_code || "uncoded"}${q.speaker_gender ? ", " + q.speaker_gender : ""}), ${q.kind}, cue "${q.cue || ""}"`, q.speaker_name]);
  for (const t of doc.times) spans.push([t.start, t.end, "hl-time", `time "${t.text}" = ${t.value}`]);
  for (const p of doc.places)
    spans.push([p.start, p.end, "hl-place", `place ${p.name}, ${p.country} (${p.lat}, ${p.lon})`]);
  return spans.filter(s => Number.isInteger(s[0]) && Number.isInteger(s[1]) && s[1] > s[0] && s[1] <= text.length);
}

/* The text cut at every span boundary; each piece carries all spans covering it. */
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const [s, e] of spans) { cuts.add(s); cuts.add(e); }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter(([s, e]) => s <= a && e >= b);
    if (!covering.length) { nodes.push(document.createTextNode(piece)); continue; }
    const speakers = covering.filter(c => c[2] === "hl-quote").map(c => c[4] || "");
    nodes.push(el("span", {class: [...new Set(covering.map(c => c[2]))].join(" "),
                           title: covering.map(c => c[3]).join("\n"),
                           dataset: speakers.length ? {speaker: speakers.join("; ")} : {}}, piece));
  }
  return nodes;
}

async function articlePage(id, at) {
  const doc = await api("/articles/" + encodeURIComponent(id));
  const a = doc.article;
  $("article-title").textContent = a.title || a.id;
  $("article-meta").textContent = [a.published, a.source, a.url, a.status,
    a.duplicate_of ? "near-duplicate of " + a.duplicate_of : null].filter(Boolean).join(" · ");
  const text = a.text || "";
  const spans = annotations(doc);
  const target = /^(\d+)-(\d+)$/.exec(at || "");
  if (target && +target[2] > +target[1] && +target[2] <= text.length)
    spans.push([+target[1], +target[2], "hl-target", "the sentence you came from"]);
  clear($("article-text")).append(...highlighted(text, spans));
  const first = document.querySelector("#article-text .hl-target");
  if (first) first.scrollIntoView({block: "center"});
  const side = clear($("article-side"));
  side.append(el("h3", {}, `Quotes (${doc.quotes.length})`),
    el("ul", {}, ...doc.quotes.map(q => el("li", {class: "quote-item"},
      el("b", {}, q.speaker_name || "unknown"), ` (${q.speaker_code || "uncoded"}): `, q.text))));
  side.append(el("h3", {}, `Events (${doc.events.length})`),
    el("ul", {}, ...doc.events.map(e => el("li", {},
      `${e.date || "undated"} ${e.source_name || "?"} ${e.cameo} ${e.cameo_name || ""} ${e.target_name || "?"}`))));
  side.append(el("h3", {}, `Actors (${doc.actors.length})`),
    el("ul", {}, ...doc.actors.map(x => el("li", {}, `${x.name}: ${x.code || "uncoded"} (${x.mentions.length} mentions)`))));
}

/* ---------- search ---------- */
async function searchPage(q) {
  $("search-box").value = q;
  $("search-title").textContent = `Search: ${q}`;
  const box = clear($("search-results"));
  if (!q) return;
  const data = await api("/search", {q, limit: 100});
  box.append(el("h3", {}, `Event sentences (${data.events.total})`), table(data.events.events, RAW_EVENT_COLUMNS),
             el("h3", {}, `Quotes (${data.quotes.total})`), table(data.quotes.quotes, QUOTE_COLUMNS),
             el("h3", {}, `Articles (${data.articles.total})`),
             table(data.articles.articles.map(r => Object.assign({article_id: r.id}, r)),
                   ["article_id", "published", "title", "preview"]));
}

/* ---------- routing ---------- */
const PAGES = {timeline: timelinePage, dyads: dyadPage, network: networkPage, map: mapPage,
               quoted: quotedPage, articles: articlesPage, article: articlePage, search: searchPage};
async function route() {
  const parts = (location.hash.slice(1) || "timeline").split("/").map(decodeURIComponent);
  const [name, ...rest] = parts;
  const page = PAGES[name] ? name : "timeline";
  for (const s of document.querySelectorAll(".page")) s.hidden = s.id !== "page-" + page;
  for (const a of document.querySelectorAll("nav a"))
    a.classList.toggle("active", a.dataset.page === page || (page === "article" && a.dataset.page === "articles"));
  document.body.dataset.page = page;
  document.body.dataset.ready = "";
  const args = page === "article" ? rest : [rest.join("/")];
  try { await PAGES[page](...args); } catch (e) { console.error(e); }
  document.body.dataset.ready = page;
}
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  $("timeline-filters").addEventListener("submit", e => { e.preventDefault(); timelinePage(); });
  $("dyad-form").addEventListener("submit", e => { e.preventDefault(); drawDyads(); });
  $("network-filters").addEventListener("submit", e => { e.preventDefault(); route(); });
  $("quoted-filters").addEventListener("submit", e => { e.preventDefault(); quotedPage(); });
  $("search-form").addEventListener("submit", e => {
    e.preventDefault();
    location.hash = "search/" + encodeURIComponent($("search-box").value.trim());
  });
  route();
});
