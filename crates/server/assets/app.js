// The analyst's page: map, timeline, incident table, sources with evidence,
// search and rising activity, over Rasid's JSON API. Data is put in the DOM
// with textContent only (never innerHTML), so article text shows as text.
import { t, typeLabel, typeColor, countryLabel, EVENT_TYPES, SUB_TYPES } from "./i18n.js";
import { renderSpans, sliceCodePoints } from "./spans.js";

const PAGE = 25;
const state = {
  // ?lang=en in the address wins over the last choice, which wins over Arabic.
  lang: new URLSearchParams(location.search).get("lang") === "en" ? "en" : localStorage.getItem("rasid-lang") || "ar",
  filters: { country: "", type: "", min_fatalities: "" },
  range: null, // { from, to }
  offset: 0,
  meta: null,
  detail: null, // () => void that redraws the detail panel
  selected: null,
};

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
};
const L_ = (key, ...a) => t(state.lang, key, ...a);

async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  const url = "api/" + path + (q.toString() ? "?" + q : "");
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message || res.statusText);
  return body;
}

function filterParams(withRange = true) {
  const p = { ...state.filters };
  if (p.type === "") delete p.type;
  if (withRange && state.range) { p.from = state.range.from; p.to = state.range.to; }
  return p;
}

function setStatus(text) { $("status").textContent = text; }
function fail(err) { console.error(err); setStatus(L_("error", err.message)); }

// ---------- language ----------

function applyLanguage() {
  const html = document.documentElement;
  html.lang = state.lang;
  html.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.title = L_("app_name");
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = L_(n.dataset.i18n);
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = L_(n.dataset.i18nPlaceholder);
  const other = state.lang === "ar" ? "en" : "ar";
  $("lang").textContent = other === "en" ? "English" : "العربية";
  $("lang").lang = other;
}

// ---------- filters ----------

function fillFilters() {
  const m = state.meta.store;
  const country = $("f-country");
  country.replaceChildren(el("option", { value: "" }, L_("all")),
    ...m.countries.map(([c, n]) => el("option", { value: c }, `${countryLabel(state.lang, c)} (${n})`)));
  country.value = state.filters.country;
  const type = $("f-type");
  type.replaceChildren(el("option", { value: "" }, L_("all")),
    ...state.meta.taxonomy.map((tx) => el("optgroup", { label: typeLabel(state.lang, tx.event_type) },
      el("option", { value: tx.event_type }, typeLabel(state.lang, tx.event_type)),
      ...tx.sub_event_types.map((s) => el("option", { value: s }, state.lang === "ar" ? SUB_TYPES[s] ?? s : s)))));
  type.value = state.filters.type;
  $("legend").replaceChildren(...Object.keys(EVENT_TYPES).map((ty) =>
    el("li", {}, el("i", { style: `background:${typeColor(ty)}` }), typeLabel(state.lang, ty))));
}

function rangeChanged() {
  $("range-clear").hidden = !state.range;
  $("range-label").textContent = state.range ? L_("range", state.range.from, state.range.to) : "";
  state.offset = 0;
  loadMarkers().catch(fail);
  loadTable().catch(fail);
  drawTimeline();
}

// ---------- map ----------

let map, markerLayer, boundaryLayer;

async function initMap() {
  map = L.map("map", { zoomSnap: 0.25, attributionControl: true }).setView([34.5, 41.5], 5.5);
  map.attributionControl.setPrefix('<a href="vendor/leaflet/LICENSE">Leaflet</a>');
  map.attributionControl.addAttribution("Natural Earth");
  const geo = await (await fetch("boundaries.geojson")).json();
  boundaryLayer = L.geoJSON(geo, {
    style: (f) => f.properties.level === "country"
      ? { color: "#8a8f98", weight: 1.2, fillColor: "#f7f3ea", fillOpacity: 1 }
      : { color: "#b3a98f", weight: 0.8, fillOpacity: 0, dashArray: "3 3" },
    onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { sticky: true, direction: "top" }),
  }).addTo(map);
  markerLayer = L.layerGroup().addTo(map);
}

let fitted = false;
async function loadMarkers() {
  const page = await api("incidents", { ...filterParams(), limit: 500 });
  markerLayer.clearLayers();
  const pts = [];
  for (const inc of page.incidents) {
    if (inc.lat == null || inc.lon == null) continue;
    const r = 5 + 3 * Math.sqrt(inc.fatalities ?? 0);
    const m = L.circleMarker([inc.lat, inc.lon], {
      radius: r, color: "#222", weight: 1, fillColor: typeColor(inc.event_type), fillOpacity: 0.8,
      className: "incident-marker",
    });
    m.bindTooltip(`${inc.date_start ?? ""} · ${inc.location ?? ""} · ${typeLabel(state.lang, inc.event_type)}${inc.fatalities ? " · " + inc.fatalities : ""}`);
    m.on("click", () => openIncident(inc.id));
    m.addTo(markerLayer);
    pts.push([inc.lat, inc.lon]);
  }
  setStatus(L_("shown", pts.length));
  if (!fitted && pts.length) {
    fitted = true;
    map.fitBounds(L.latLngBounds(pts).pad(0.4), { maxZoom: 7 });
  }
}

// ---------- timeline ----------

let trends = null;
async function loadTimeline() {
  trends = await api("trends", { ...filterParams(false), by: "type" });
  drawTimeline();
}

const SVG = "http://www.w3.org/2000/svg";
const svgEl = (tag, attrs = {}) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function drawTimeline() {
  const box = $("timeline");
  box.replaceChildren();
  if (!trends || !trends.weeks.length) return;
  const W = Math.max(box.clientWidth, 300), H = 170, pad = { l: 30, r: 10, t: 8, b: 22 };
  const n = trends.weeks.length;
  const totals = trends.weeks.map((_, i) => trends.series.reduce((s, x) => s + x.counts[i], 0));
  const max = Math.max(1, ...totals);
  const bw = (W - pad.l - pad.r) / n;
  const y = (v) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", direction: "ltr" });
  svg.append(svgEl("line", { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, stroke: "#999" }));
  const maxLabel = svgEl("text", { x: 2, y: pad.t + 8 }); maxLabel.textContent = String(max); svg.append(maxLabel);
  trends.weeks.forEach((week, i) => {
    let acc = 0;
    for (const s of trends.series) {
      const v = s.counts[i];
      if (!v) continue;
      const rect = svgEl("rect", { x: pad.l + i * bw + 0.5, width: Math.max(bw - 1, 1), y: y(acc + v), height: y(acc) - y(acc + v), fill: typeColor(s.key) });
      const title = svgEl("title"); title.textContent = `${week}: ${typeLabel(state.lang, s.key)} ${v}`;
      rect.append(title); svg.append(rect);
      acc += v;
    }
  });
  // Ticks: first week of each month (thinned to fit).
  const step = Math.ceil(n / Math.max(1, Math.floor((W - pad.l) / 70)));
  trends.weeks.forEach((week, i) => {
    if (i % step) return;
    const tx = svgEl("text", { x: pad.l + i * bw, y: H - 6 }); tx.textContent = week; svg.append(tx);
  });
  if (state.range) {
    const i0 = trends.weeks.findIndex((w) => addDays(w, 6) >= state.range.from);
    let i1 = trends.weeks.findLastIndex((w) => w <= state.range.to);
    if (i0 >= 0 && i1 >= i0) svg.append(svgEl("rect", { class: "brush", x: pad.l + i0 * bw, y: pad.t, width: (i1 - i0 + 1) * bw, height: H - pad.t - pad.b }));
  }
  // Drag to select weeks; a click on one bar selects that week.
  const weekAt = (evt) => {
    const r = svg.getBoundingClientRect();
    const x = ((evt.clientX - r.left) / r.width) * W;
    return Math.min(n - 1, Math.max(0, Math.floor((x - pad.l) / bw)));
  };
  let start = null, brush = null;
  svg.addEventListener("pointerdown", (e) => {
    start = weekAt(e);
    svg.setPointerCapture(e.pointerId);
    brush = svgEl("rect", { class: "brush", x: pad.l + start * bw, y: pad.t, width: bw, height: H - pad.t - pad.b });
    svg.append(brush);
  });
  svg.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const i = weekAt(e), a = Math.min(start, i), b = Math.max(start, i);
    brush.setAttribute("x", pad.l + a * bw); brush.setAttribute("width", (b - a + 1) * bw);
  });
  svg.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const i = weekAt(e), a = Math.min(start, i), b = Math.max(start, i);
    start = null;
    state.range = { from: trends.weeks[a], to: addDays(trends.weeks[b], 6) };
    rangeChanged();
  });
  box.append(svg);
}

// ---------- table ----------

async function loadTable() {
  const page = await api("incidents", { ...filterParams(), limit: PAGE, offset: state.offset });
  const head = $("incidents").tHead;
  head.replaceChildren(el("tr", {}, ...["date", "type", "location", "admin1", "actors", "fatalities", "sources"].map((k) => el("th", {}, L_(k)))));
  const body = $("incidents").tBodies[0];
  body.replaceChildren(...page.incidents.map((inc) => el("tr", {
    dataset: { incidentId: inc.id }, class: inc.id === state.selected ? "selected" : "",
    onclick: () => openIncident(inc.id), tabindex: 0,
    onkeydown: (e) => { if (e.key === "Enter") openIncident(inc.id); },
  },
    el("td", {}, inc.date_start ?? L_("unknown")),
    el("td", {}, el("span", { class: "swatch", style: `background:${typeColor(inc.event_type)}` }), typeLabel(state.lang, inc.sub_event_type)),
    el("td", {}, inc.location ?? L_("unknown")),
    el("td", {}, inc.admin1 ?? L_("unknown")),
    el("td", {}, [inc.actor1, inc.actor2].filter(Boolean).join(" / ") || L_("unknown")),
    el("td", { class: "num" }, inc.fatalities ?? L_("unknown")),
    el("td", { class: "num" }, inc.documents),
  )));
  const end = Math.min(page.offset + page.incidents.length, page.total);
  $("page-label").textContent = L_("page", page.total ? page.offset + 1 : 0, end, page.total);
  $("prev").disabled = page.offset === 0;
  $("next").disabled = end >= page.total;
}

// ---------- detail: incident, sources, documents ----------

/** A line of short values, each isolated so its direction does not leak. */
function metaLine(parts) {
  const div = el("div", { class: "meta" });
  parts.filter((p) => p !== null && p !== undefined && p !== "").forEach((p, i) => {
    if (i) div.append(" · ");
    div.append(el("bdi", {}, p));
  });
  return div;
}

function fieldList(pairs) {
  return el("dl", { class: "fields" }, ...pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .flatMap(([k, v]) => [el("dt", {}, L_(k)), el("dd", {}, v)]));
}

function keys(extra = []) {
  return el("div", { class: "keys" },
    ...[["m-place", "keys_place"], ["m-actor", "keys_actor"], ["m-person", "keys_person"], ["m-org", "keys_org"], ["evidence", "keys_evidence"], ["trigger", "keys_trigger"], ...extra]
      .map(([cls, key]) => el("span", { class: cls }, L_(key))));
}

/** The body of `record` with its mentions, events' evidence (the `current` one marked) and extra spans. */
function documentBody(record, current = null, extra = []) {
  const spans = record.mentions.map((m) => ({ start: m.start, end: m.end, cls: "m-" + m.kind, title: [m.name, m.id].filter(Boolean).join(" · ") }));
  record.events.forEach((ev, i) => {
    spans.push({ start: ev.evidence.start, end: ev.evidence.end, cls: i === current ? "evidence current" : "evidence", title: typeLabel(state.lang, ev.sub_event_type) });
    if (ev.trigger) spans.push({ start: ev.trigger.start, end: ev.trigger.end, cls: "trigger" });
  });
  spans.push(...extra);
  const div = el("div", { class: "doc-body", lang: "ar", dir: "rtl" });
  renderSpans(div, record.body, spans);
  return div;
}

async function openIncident(id) {
  state.selected = id;
  for (const tr of $("incidents").tBodies[0].rows) tr.classList.toggle("selected", Number(tr.dataset.incidentId) === id);
  const box = $("detail-body");
  box.replaceChildren(el("p", { class: "note" }, L_("loading")));
  try {
    const inc = await api(`incidents/${id}`);
    const docs = await Promise.all(inc.sources.map((s) => api(`documents/${s.document}`)));
    state.detail = () => drawIncident(inc, docs);
    state.detail();
    box.scrollTop = 0;
  } catch (err) { fail(err); }
}

function drawIncident(inc, docs) {
  const box = $("detail-body");
  box.replaceChildren(
    el("h3", { class: "incident-title" }, `${inc.event_id} · ${typeLabel(state.lang, inc.event_type)} · ${inc.location ?? ""}`),
    fieldList([
      ["date", inc.date_start === inc.date_end ? inc.date_start : `${inc.date_start} – ${inc.date_end}`],
      ["subtype", typeLabel(state.lang, inc.sub_event_type)],
      ["location", [inc.location, inc.admin1, inc.country && countryLabel(state.lang, inc.country)].filter(Boolean).join(state.lang === "ar" ? "، " : ", ")],
      ["actors", [inc.actor1, inc.actor2].filter(Boolean).join(" / ")],
      ["fatalities", inc.fatalities], ["injuries", inc.injuries],
      ["sources", L_("reports", inc.documents, inc.stories)],
    ]),
    keys(),
    ...inc.sources.map((s, i) => {
      const rec = docs[i];
      return el("article", { class: "source", dataset: { document: s.document } },
        el("h4", { class: "source-title", lang: "ar", dir: "rtl" }, rec.title ?? s.uri),
        metaLine([s.outlet, s.published, s.uri]),
        el("div", { class: "meta" }, `${L_("evidence")}: ${typeLabel(state.lang, s.sub_event_type)}${s.fatalities != null ? " · " + L_("fatalities") + " " + s.fatalities : ""}`),
        el("blockquote", { class: "evidence-quote", lang: "ar", dir: "rtl" }, sliceCodePoints(rec.body, s.evidence_start, s.evidence_end)),
        el("details", { open: i === 0 ? "" : null }, el("summary", {}, L_("open_document")), documentBody(rec, s.event)));
    }));
}

async function openDocument(id, highlights = [], back = null) {
  const box = $("detail-body");
  try {
    const rec = await api(`documents/${id}`);
    state.detail = () => {
      box.replaceChildren(
        back ? el("button", { type: "button", onclick: back }, L_("back")) : "",
        el("h3", { class: "source-title", lang: "ar", dir: "rtl" }, rec.title ?? rec.source.uri),
        metaLine([rec.source.outlet, rec.published?.date, rec.source.uri]),
        keys([["hit", "keys_hit"]]),
        documentBody(rec, null, highlights.map((h) => ({ start: h.start, end: h.end, cls: "hit" }))));
    };
    state.detail();
  } catch (err) { fail(err); }
}

// ---------- search ----------

async function search(q) {
  const box = $("detail-body");
  box.replaceChildren(el("p", { class: "note" }, L_("loading")));
  try {
    const res = await api("search", { q, limit: 30 });
    const draw = () => {
      box.replaceChildren(el("h3", {}, L_("search_results", res.query)),
        res.hits.length ? el("ol", { class: "hits" }, ...res.hits.map((h) => {
          const snip = el("div", { class: "snippet", lang: "ar", dir: "rtl" });
          renderSpans(snip, h.snippet, h.highlights.map((x) => ({ ...x, cls: "hit" })));
          return el("li", { onclick: () => openDocument(h.id, h.body_highlights, () => { state.detail = draw; draw(); }) },
            el("strong", { lang: "ar", dir: "rtl" }, h.title ?? h.uri),
            metaLine([h.outlet, h.published, h.matched_by === "mention" ? L_("matched_by_mention") : null]),
            snip);
        })) : el("p", {}, L_("no_results")));
    };
    state.detail = draw;
    draw();
  } catch (err) { fail(err); }
}

// ---------- rising activity ----------

function sparkline(history) {
  const w = 4 * history.length + 2, h = 18, max = Math.max(1, ...history);
  const svg = svgEl("svg", { width: w, height: h, class: "spark", viewBox: `0 0 ${w} ${h}` });
  history.forEach((v, i) => svg.append(svgEl("rect", {
    x: 1 + i * 4, width: 3, y: h - 1 - (v / max) * (h - 2), height: (v / max) * (h - 2) + 0.5,
    fill: i === history.length - 1 ? "#e85d04" : "#8d99ae",
  })));
  return svg;
}

async function loadAlerts() {
  const p = filterParams(false);
  delete p.min_fatalities;
  const rep = await api("alerts", p);
  $("alerts-test").textContent = rep.week ? L_("alerts_test", rep.week, rep.baseline_weeks, rep.alpha) : L_("alerts_none");
  $("alerts-test").title = rep.test;
  $("alerts-formula").textContent = rep.week ? `λ = (Σ baseline + 0.5) / ${rep.baseline_weeks};  p = P(X ≥ n), X ~ Poisson(λ)` : "";
  $("alerts").tHead.replaceChildren(el("tr", {}, ...["admin1", "type", "week_count", "baseline_mean", "p_value", "history"].map((k) => el("th", {}, L_(k)))));
  $("alerts").tBodies[0].replaceChildren(...rep.cells.slice(0, 15).map((c) => el("tr", { class: c.rising ? "rising" : "" },
    el("td", {}, c.admin1, c.country ? ` (${countryLabel(state.lang, c.country)})` : ""),
    el("td", {}, el("span", { class: "swatch", style: `background:${typeColor(c.event_type)}` }), typeLabel(state.lang, c.event_type)),
    el("td", { class: "num" }, c.count, c.rising ? ` ▲ ${L_("rising_yes")}` : ""),
    el("td", { class: "num" }, c.baseline_mean.toFixed(2)),
    el("td", { class: "num" }, c.p_value < 0.001 ? c.p_value.toExponential(1) : c.p_value.toFixed(3)),
    el("td", {}, sparkline(c.history)))));
}

// ---------- wiring ----------

function reloadAll() {
  state.offset = 0;
  return Promise.all([loadMarkers(), loadTable(), loadTimeline(), loadAlerts()]).catch(fail);
}

async function main() {
  applyLanguage();
  try {
    state.meta = await api("meta");
    fillFilters();
    await initMap();
  } catch (err) { fail(err); return; }
  $("f-country").addEventListener("change", (e) => { state.filters.country = e.target.value; reloadAll(); });
  $("f-type").addEventListener("change", (e) => { state.filters.type = e.target.value; reloadAll(); });
  $("f-fatal").addEventListener("change", (e) => {
    const v = e.target.value.trim();
    state.filters.min_fatalities = /^\d+$/.test(v) ? v : "";
    reloadAll();
  });
  $("range-clear").addEventListener("click", () => { state.range = null; rangeChanged(); });
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable().catch(fail); });
  $("next").addEventListener("click", () => { state.offset += PAGE; loadTable().catch(fail); });
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = $("search-input").value.trim();
    if (q) search(q);
  });
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "ar" ? "en" : "ar";
    localStorage.setItem("rasid-lang", state.lang);
    applyLanguage();
    fillFilters();
    rangeChanged();
    loadAlerts().catch(fail);
    if (state.detail) state.detail();
  });
  window.addEventListener("resize", () => drawTimeline());
  await reloadAll();
  // #incident=ID opens one incident (links, screenshots).
  const m = location.hash.match(/incident=(\d+)/);
  if (m) await openIncident(Number(m[1]));
  document.body.dataset.ready = "1";
}

main();
