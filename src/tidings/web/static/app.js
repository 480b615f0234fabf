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
function articleLink(id) { return el("a", {href: "#article/" + encodeURIComponent(id)}, id); }

/* A table of rows; article ids link to the article view. */
function table(rows, columns, labels) {
  if (!rows.length) return el("p", {class: "hint"}, "nothing found");
  const head = el("tr", {}, ...columns.map((c, i) => el("th", {}, (labels || columns)[i])));
  const body = rows.map(r => el("tr", {}, ...columns.map(c =>
    el("td", {}, c === "article_id" && r[c] ? articleLink(r[c]) : (r[c] ?? "")))));
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
  await Plotly.react(chart, traces, {
    barmode: "stack", margin: {t: 20, r: 10, b: 40, l: 40}, dragmode: "zoom",
    xaxis: {type: "date"}, yaxis: {fixedrange: true, title: {text: "events"}},
    legend: {orientation: "h"}}, PLOT_CONFIG);
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
  const traces = series.map((d, i) => {
    const sums = new Map();
    for (const r of d.dyads) {   // several coded pairs (USAGOV, USAMIL) roll up per period
      const cur = sums.get(r.period) || {events: 0, goldstein_sum: 0};
      cur.events += r.events; cur.goldstein_sum += r.goldstein_sum ?? 0;
      sums.set(r.period, cur);
    }
    const periods = [...sums.keys()].sort();
    const value = p => {
      const c = sums.get(p);
      if (f.measure === "events") return c.events;
      if (f.measure === "goldstein_mean") return c.events ? c.goldstein_sum / c.events : null;
      return c.goldstein_sum;
    };
    return {type: "scatter", mode: "lines+markers", name: `${sides[i][0]} → ${sides[i][1]}`,
            x: periods, y: periods.map(value), customdata: periods.map(() => i)};
  });
  const chart = $("dyad-chart");
  await Plotly.react(chart, traces, {margin: {t: 20, r: 10, b: 40, l: 50}, xaxis: {type: "date"},
    yaxis: {title: {text: f.measure}, zeroline: true}, legend: {orientation: "h"}}, PLOT_CONFIG);
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
  if (g === null || Number.isNaN(g)) return "#999";
  const t = Math.max(-1, Math.min(1, g / 10));   // -10..10 onto red..grey..blue
  const mix = (a, b, w) => Math.round(a + (b - a) * w);
  const [r, gg, b] = t < 0 ? [mix(150, 192, -t), mix(150, 57, -t), mix(150, 43, -t)]
                           : [mix(150, 31, t), mix(150, 95, t), mix(150, 168, t)];
  return `rgb(${r},${gg},${b})`;
}
async function networkPage() {
  const data = await api("/dyads", {by: "year", limit: 10000});
  const edges = new Map();
  for (const r of data.dyads) {
    if (!r.source || !r.target) continue;
    const key = r.source + "\u0000" + r.target;
    const e = edges.get(key) || {source: r.source, target: r.target, events: 0, goldstein_sum: 0};
    e.events += r.events; e.goldstein_sum += r.goldstein_sum ?? 0;
    edges.set(key, e);
  }
  const degree = new Map();
  for (const e of edges.values()) for (const n of [e.source, e.target])
    degree.set(n, (degree.get(n) || 0) + e.events);
  const nodes = [...degree.keys()].sort((a, b) => degree.get(b) - degree.get(a));
  const pos = new Map(nodes.map((n, i) => {   // a circle: readable for tens of actors
    const a = 2 * Math.PI * i / Math.max(nodes.length, 1);
    return [n, [Math.cos(a), Math.sin(a)]];
  }));
  const annotations = [...edges.values()].map(e => {
    const [x0, y0] = pos.get(e.source), [x1, y1] = pos.get(e.target);
    return {x: x1, y: y1, ax: x0, ay: y0, xref: "x", yref: "y", axref: "x", ayref: "y",
            showarrow: true, arrowhead: 2, arrowsize: 1, standoff: 12, startstandoff: 12,
            arrowwidth: 1 + Math.log2(e.events), arrowcolor: goldsteinColor(e.goldstein_sum / e.events),
            text: "", captureevents: false};   // arrows must not catch the clicks meant for nodes
  });
  const chart = $("network");
  chart.dataset.nodes = nodes.join("|");
  await Plotly.react(chart, [{
    type: "scatter", mode: "markers+text", x: nodes.map(n => pos.get(n)[0]),
    y: nodes.map(n => pos.get(n)[1]), text: nodes.map(plain), textposition: "top center",
    customdata: nodes, hovertext: nodes.map(n => plain([...edges.values()]
      .filter(e => e.source === n || e.target === n)
      .map(e => `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${(e.goldstein_sum / e.events).toFixed(2)}`)
      .join("<br>"))).map(t => t.replace(/&lt;br&gt;/g, "<br>")),
    hoverinfo: "text",
    marker: {size: nodes.map(n => 10 + 4 * Math.sqrt(degree.get(n))), color: "#22313f"}}],
    {annotations, showlegend: false, hovermode: "closest", margin: {t: 20, r: 20, b: 20, l: 20},
     xaxis: {visible: false, range: [-1.4, 1.4]}, yaxis: {visible: false, range: [-1.3, 1.3], scaleanchor: "x"}},
    PLOT_CONFIG);
  if (!chart.dataset.wired) {
    chart.dataset.wired = "1";
    chart.on("plotly_click", ev => showActor(ev.points[0].customdata));
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
  const chart = $("map");
  chart.dataset.places = list.map(p => p.name).join("|");
  await Plotly.react(chart, [{
    type: "scatter", mode: "markers", x: list.map(p => p.lon), y: list.map(p => p.lat),
    text: list.map(p => plain(`${p.name}, ${p.country}: ${p.events.length} events, mean Goldstein ${mean(p).toFixed(2)}`)),
    hoverinfo: "text", customdata: list.map((p, i) => i),
    marker: {size: list.map(p => 8 + 6 * Math.sqrt(p.events.length)), color: list.map(mean),
             colorscale: [[0, "#c0392b"], [0.5, "#bbbbbb"], [1, "#1f5fa8"]], cmin: -10, cmax: 10,
             showscale: true, colorbar: {title: {text: "Goldstein"}}, line: {width: 1, color: "#333"}}}],
    {hovermode: "closest", margin: {t: 20, r: 20, b: 40, l: 50},
     xaxis: {range: [-180, 180], title: {text: "longitude"}, zeroline: false},
     yaxis: {range: [-90, 90], title: {text: "latitude"}, scaleanchor: "x", zeroline: false}},
    PLOT_CONFIG);
  if (!chart.dataset.wired) {
    chart.dataset.wired = "1";
    chart.on("plotly_click", ev => {
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

async function articlePage(id) {
  const doc = await api("/articles/" + encodeURIComponent(id));
  const a = doc.article;
  $("article-title").textContent = a.title || a.id;
  $("article-meta").textContent = [a.published, a.source, a.url, a.status,
    a.duplicate_of ? "near-duplicate of " + a.duplicate_of : null].filter(Boolean).join(" · ");
  const text = a.text || "";
  clear($("article-text")).append(...highlighted(text, annotations(doc)));
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
  const hash = decodeURIComponent(location.hash.slice(1)) || "timeline";
  const [name, ...rest] = hash.split("/");
  const page = PAGES[name] ? name : "timeline";
  for (const s of document.querySelectorAll(".page")) s.hidden = s.id !== "page-" + page;
  for (const a of document.querySelectorAll("nav a"))
    a.classList.toggle("active", a.dataset.page === page || (page === "article" && a.dataset.page === "articles"));
  document.body.dataset.page = page;
  document.body.dataset.ready = "";
  try { await PAGES[page](rest.join("/")); } catch (e) { console.error(e); }
  document.body.dataset.ready = page;
}
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  $("timeline-filters").addEventListener("submit", e => { e.preventDefault(); timelinePage(); });
  $("dyad-form").addEventListener("submit", e => { e.preventDefault(); drawDyads(); });
  $("quoted-filters").addEventListener("submit", e => { e.preventDefault(); quotedPage(); });
  $("search-form").addEventListener("submit", e => {
    e.preventDefault();
    location.hash = "search/" + encodeURIComponent($("search-box").value.trim());
  });
  route();
});
