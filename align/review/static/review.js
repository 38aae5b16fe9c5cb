// zhen-align review workbench: the page. Plain JavaScript, no library, nothing
// fetched from outside 127.0.0.1. The server holds the alignment; every edit is a
// POST answered with the run of beads it changed, which the page splices in.
// Only one page of the list (PAGE beads) is in the DOM at a time, so a book of
// 30,000 beads opens as fast as a short speech.
"use strict";

const PAGE = 100;
const LANG_NAMES = { zh: "Chinese", en: "English" };

const state = {
  token: new URLSearchParams(location.search).get("token") || "",
  version: -1, meta: {}, beads: [], counts: {}, dirty: false, undo: 0, redo: 0,
  checking: false, polling: false, stripWidth: 1000,
  filter: "all", view: [], pos: null, cur: 0, side: "src", split: null,
  queue: Promise.resolve(), srcEnd: [], tgtEnd: [],
  timings: { firstScreenMs: null, edits: [] },
};
window.reviewState = state; // for tests and users' scripts

const $ = (id) => document.getElementById(id);
// People count beads and sentences from 1; indices (data-bead, the JSON API) from 0.
// The one place the page says so (align.types.number_shown for the server).
const numberShown = (index) => index + 1;
const indexOf = (number) => number - 1;

// -- talking to the server ------------------------------------------------------

async function api(path, body) {
  const opts = { headers: { "X-Review-Token": state.token } };
  if (body !== undefined) {
    opts.method = "POST";
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify({ version: state.version, ...body });
  }
  const r = await fetch(path, opts);
  let data;
  try { data = await r.json(); } catch (e) { data = { error: `${r.status} ${r.statusText}` }; }
  if (r.status === 409) { toast(data.error, true); await load(); return null; }
  if (!r.ok) { toast(data.error || `${r.status} ${r.statusText}`, true); setStatus(data); return null; }
  return data;
}

async function load() {
  const d = await api("/api/alignment");
  if (!d) return;
  state.meta = d.meta;
  setStatus(d);
  const cols = d.beads;
  let i = 0, j = 0;
  state.beads = cols.c.map((c, k) => {
    const b = { s: cols.src.slice(i, i += cols.ns[k]), t: cols.tgt.slice(j, j += cols.nt[k]),
      c, st: cols.st[k] };
    if (cols.o[k]) b.o = cols.o[k];
    if (cols.f[k] || !state.checking) b.f = cols.f[k] || [];
    return b;
  });
  $("file").textContent = d.meta.name || d.meta.path || "";
  $("file").title = `saved to ${[d.meta.path, ...(d.meta.outputs || [])].join(", ")}`;
  document.title = `${d.meta.name || "review"} · zhen-align review`;
  $("head-src").textContent = LANG_NAMES[d.meta.src_lang] || "source";
  $("head-tgt").textContent = LANG_NAMES[d.meta.tgt_lang] || "target";
  state.cur = Math.min(state.cur, Math.max(0, state.beads.length - 1));
  rebuild();
  render();
  if (state.timings.firstScreenMs === null) state.timings.firstScreenMs = performance.now();
  if (state.checking && !state.polling) pollFindings();
}

function setStatus(d) {
  if (!d || d.version === undefined) return;
  state.version = d.version;
  state.counts = d.counts; state.dirty = d.dirty; state.undo = d.undo; state.redo = d.redo;
  state.checking = d.checking;
  if (state.checking && !state.polling && state.beads.length) pollFindings();
}

// While the server checks the whole document, ask for the findings until they are
// there for the version shown.
async function pollFindings() {
  state.polling = true;
  try {
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 700));
      const d = await api("/api/findings");
      if (!d) return;
      if (d.version === state.version && !d.checking) {
        state.beads.forEach((b, k) => { b.f = d.findings[k] || []; });
        state.checking = false;
        rebuild();
        render(false);
        return;
      }
    }
  } finally {
    state.polling = false;
  }
}

async function fetchTerms(indices) {
  const want = indices.filter((k) => state.beads[k] && state.beads[k].h === undefined);
  if (!want.length || !state.meta.glossary) return;
  const version = state.version;
  const d = await api(`/api/terms?beads=${want.join(",")}`);
  if (!d || d.version !== state.version || version !== state.version) return;
  for (const [k, h] of Object.entries(d.terms)) state.beads[+k].h = h;
  render(false);
}

// Edits run one after another, each with the version the previous one returned.
function edit(path, body, after) {
  const t0 = performance.now();
  state.queue = state.queue.then(async () => {
    const t1 = performance.now();
    const d = await api(path, body || {});
    if (!d) return;
    const t2 = performance.now();
    if (d.beads !== undefined) state.beads.splice(d.start, d.removed, ...d.beads);
    setStatus(d);
    if (after) after(d);
    state.cur = Math.max(0, Math.min(state.cur, state.beads.length - 1));
    rebuild();
    render();
    const t3 = performance.now();
    state.timings.edits.push({ op: body && body.op ? body.op : path, ms: t3 - t0,
      requestMs: t2 - t1, drawMs: t3 - t2 });
  }).catch((e) => toast(String(e), true));
  return state.queue;
}

// -- the list shown: filter, order, pages ---------------------------------------

function level(b) {
  return b.c < 0.5 ? "low" : b.c < 0.8 ? "mid" : "high";
}

function rebuild() {
  const n = state.beads.length;
  let view = [];
  if (state.filter === "all") {
    view = state.view.length === n && state.pos === null ? state.view : [...Array(n).keys()];
  } else if (state.filter === "confidence") {
    view = [...Array(n).keys()].sort((a, b) => state.beads[a].c - state.beads[b].c || a - b);
  } else {
    for (let k = 0; k < n; k++) {
      const b = state.beads[k];
      if (state.filter === "findings" && !(b.f && b.f.length)) continue;
      if (state.filter === "unreviewed" && b.st !== "unreviewed") continue;
      view.push(k);
    }
  }
  state.view = view;
  state.pos = state.filter === "all" ? null : new Map(view.map((k, i) => [k, i]));
  let s = 0, t = 0;
  state.srcEnd = new Array(n); state.tgtEnd = new Array(n);
  for (let k = 0; k < n; k++) {
    s += state.beads[k].s.length; t += state.beads[k].t.length;
    state.srcEnd[k] = s; state.tgtEnd[k] = t;
  }
}

// position of bead k in the list shown (-1: not shown); state.pos is null for the
// unfiltered list, where the position is the bead number itself
function posOf(k) {
  if (state.pos === null) return k >= 0 && k < state.view.length ? k : -1;
  const p = state.pos.get(k);
  return p === undefined ? -1 : p;
}

function curPos() {
  return posOf(state.cur);
}

function select(k, scroll = true) {
  if (k < 0 || k >= state.beads.length) return;
  if (posOf(k) < 0) { state.filter = "all"; $("filter").value = "all"; rebuild(); }
  state.cur = k;
  state.split = null;
  render(scroll);
}

function step(delta) {
  let p = curPos();
  if (p < 0) p = delta > 0 ? -1 : state.view.length;
  const q = Math.max(0, Math.min(state.view.length - 1, p + delta));
  if (state.view.length) select(state.view[q]);
}

// -- drawing ----------------------------------------------------------------------

function render(scroll = true) {
  const rows = $("rows");
  const p = Math.max(0, curPos());
  const page = Math.floor(p / PAGE);
  const first = page * PAGE;
  const shown = state.view.slice(first, first + PAGE);
  strip(shown); // first: it reads no layout, so the new rows are laid out only once
  const frag = document.createDocumentFragment();
  for (const k of shown) frag.appendChild(row(k));
  rows.replaceChildren(frag);
  pager(first, shown.length);
  header();
  fetchTerms(shown);
  const sel = scroll ? rows.querySelector(".row.selected") : null;
  if (sel && scroll) sel.scrollIntoView({ block: "nearest" });
}

function pager(first, count) {
  const total = state.view.length;
  for (const id of ["pager-top", "pager-bottom"]) {
    const el = $(id);
    el.replaceChildren();
    if (total <= PAGE) continue;
    const prev = button("‹ previous", () => turn(-1), first === 0);
    const next = button("next ›", () => turn(1), first + count >= total);
    const label = document.createElement("span");
    label.textContent = `${numberShown(first)}–${first + count} of ${total.toLocaleString("en")} shown`;
    el.append(prev, label, next);
  }
  if (!total) {
    const el = $("pager-top");
    el.textContent = state.filter === "findings" && state.checking
      ? "checking the document… findings appear when ready" : "no bead to show here";
  }
}

function turn(delta) {
  const p = Math.max(0, curPos());
  const q = (Math.floor(p / PAGE) + delta) * PAGE;
  if (q >= 0 && q < state.view.length) { select(state.view[q], false); window.scrollTo(0, 0); }
}

function button(text, onclick, disabled) {
  const b = document.createElement("button");
  b.type = "button"; b.textContent = text; b.disabled = !!disabled;
  b.addEventListener("click", () => { onclick(); b.blur(); });
  return b;
}

function header() {
  const c = state.counts;
  $("reviewed").textContent = (c.reviewed || 0).toLocaleString("en");
  $("total").textContent = (c.total || 0).toLocaleString("en");
  $("bar-fill").style.width = c.total ? `${(100 * c.reviewed) / c.total}%` : "0";
  $("undo").disabled = !state.undo;
  $("redo").disabled = !state.redo;
  const saved = $("saved-state");
  saved.textContent = state.dirty ? "● unsaved" : "saved";
  saved.className = state.dirty ? "dirty" : "clean";
  const b = state.beads[state.cur];
  $("selected-label").textContent = b ? `bead ${numberShown(state.cur)} (${b.s.length}-${b.t.length})` : "no bead";
  $("side-button").textContent = state.meta[state.side === "src" ? "src_lang" : "tgt_lang"] || state.side;
  const editable = state.meta.can_edit_text;
  document.querySelector('[data-action="edit"]').disabled = !editable;
}

function row(k) {
  const b = state.beads[k];
  const el = document.createElement("div");
  el.className = "row" + (k === state.cur ? " selected" : "");
  el.dataset.bead = k;
  el.dataset.status = b.st;
  el.dataset.level = level(b);
  const num = document.createElement("div");
  num.className = "num";
  num.textContent = `${numberShown(k)}`;
  el.appendChild(num);
  const split = k === state.cur ? state.split : null;
  for (const side of ["src", "tgt"]) el.appendChild(sideCell(b, side, k, split));
  const info = document.createElement("div");
  info.className = "info";
  info.append(span("kind", `${b.s.length}-${b.t.length}`), span("conf", b.c.toFixed(2)),
    span("state", b.st));
  info.title = "bead type (source-target sentences), confidence in [0, 1], review state";
  el.appendChild(info);
  const fs = document.createElement("div");
  fs.className = "findings";
  for (const f of b.f || []) {
    const d = document.createElement("div");
    d.className = `finding ${f.severity}`;
    const kind = document.createElement("b");
    kind.textContent = f.kind;
    d.append(kind, document.createTextNode(f.message));
    fs.appendChild(d);
  }
  el.appendChild(fs);
  if (split) {
    const hint = document.createElement("div");
    hint.className = "split-hint";
    const parts = `${split.src}-${split.tgt} + ${b.s.length - split.src}-${b.t.length - split.tgt}`;
    hint.textContent = `split into ${parts}: ←→ side, ↑↓ move the cut, Enter split, Esc cancel`;
    el.appendChild(hint);
  }
  return el;
}

function span(cls, text) {
  const s = document.createElement("span");
  s.className = cls; s.textContent = text;
  return s;
}

function sideCell(b, side, k, split) {
  const texts = side === "src" ? b.s : b.t;
  const cell = document.createElement("div");
  const lang = state.meta[side === "src" ? "src_lang" : "tgt_lang"] || "";
  cell.className = `side ${side}` + (k === state.cur && side === state.side ? " active" : "")
    + (texts.length ? "" : " empty");
  cell.lang = lang;
  cell.dataset.side = side;
  const hits = b.h ? b.h[side === "src" ? 0 : 1] : null;
  const olds = b.o ? b.o[side === "src" ? 0 : 1] : null;
  texts.forEach((text, i) => {
    if (split) cell.appendChild(cutMark(side, i, split));
    const s = document.createElement("span");
    s.className = "sent" + (olds && olds[i] !== null ? " changed" : "")
      + (split && i >= split[side] ? " second" : "");
    s.dataset.i = i;
    if (olds && olds[i] !== null) s.title = `before correction: ${olds[i]}`;
    fillText(s, text, hits ? hits[i] : null);
    cell.appendChild(s);
  });
  if (split) cell.appendChild(cutMark(side, texts.length, split));
  return cell;
}

function cutMark(side, at, split) {
  const m = document.createElement("span");
  m.className = "cut" + (split[side] === at ? " at" : "");
  m.textContent = "✂";
  m.dataset.side = side; m.dataset.at = at;
  m.title = "cut here";
  return m;
}

function fillText(el, text, hits) {
  if (!hits || !hits.length) { el.textContent = text; return; }
  let pos = 0;
  for (const [start, end, kind, zh, en] of hits) {
    if (start < pos) continue;
    el.appendChild(document.createTextNode(text.slice(pos, start)));
    const m = document.createElement("mark");
    m.className = `term ${kind}`;
    m.textContent = text.slice(start, end);
    m.title = kind === "deprecated" ? `${zh}: deprecated; use “${en}”` : `${zh} = ${en}`;
    el.appendChild(m);
    pos = end;
  }
  el.appendChild(document.createTextNode(text.slice(pos)));
}

// The overview: one mark per bead along the source text (per pixel column, the most
// urgent state among its beads: doubtful > check > unreviewed > edited > confirmed),
// and the alignment path (target position against source position) drawn as its
// drift from the straight line from start to end, so shifts and omissions show as
// steps. A book of 30,000 beads costs one pass over the beads and a few hundred
// rectangles.
const URGENCY = ["#2f9e44", "#1c7ed6", "#8fc79a", "#f0b429", "#e03131"];

function urgency(b) {
  if (b.st === "confirmed") return 0;
  if (b.st === "edited") return 1;
  return b.c < 0.5 ? 4 : b.c < 0.8 ? 3 : 2;
}

function strip(shown) {
  const canvas = $("strip");
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(100, state.stripWidth), h = 58;
  if (canvas.width !== Math.round(w * dpr)) { canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr); }
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const n = state.beads.length;
  if (!n) return;
  const bySource = state.srcEnd[n - 1] > 0;
  const ns = bySource ? state.srcEnd[n - 1] : n, nt = state.tgtEnd[n - 1] || 1;
  const xOf = (k) => (k >= n ? w : ((bySource ? (k ? state.srcEnd[k - 1] : 0) : k) / ns) * w);
  const band = 14, top = h - band, mid = (top - 6) / 2;
  if (shown.length && state.filter === "all") { // the page on screen
    const x0 = xOf(shown[0]), x1 = xOf(shown[shown.length - 1] + 1);
    g.fillStyle = "rgba(52, 58, 64, 0.08)";
    g.fillRect(x0, 0, Math.max(2, x1 - x0), h);
  }
  const cols = Math.ceil(w);
  const worst = new Int8Array(cols).fill(-1);
  const flagged = new Uint8Array(cols);
  const driftAt = new Float64Array(cols + 1).fill(NaN);
  let maxDrift = 3;
  for (let k = 0; k < n; k++) {
    const b = state.beads[k];
    const c0 = Math.min(cols - 1, Math.floor(xOf(k)));
    const c1 = Math.max(c0, Math.min(cols - 1, Math.ceil(xOf(k + 1)) - 1));
    const u = urgency(b), f = b.f && b.f.length ? 1 : 0;
    for (let c = c0; c <= c1; c++) {
      if (u > worst[c]) worst[c] = u;
      if (f) flagged[c] = 1;
    }
    const d = state.tgtEnd[k] - ((bySource ? state.srcEnd[k] : k + 1) * nt) / ns;
    driftAt[Math.min(cols, Math.round(xOf(k + 1)))] = d;
    maxDrift = Math.max(maxDrift, Math.abs(d));
  }
  for (let c = 0; c < cols; c++) {
    if (worst[c] >= 0) { g.fillStyle = URGENCY[worst[c]]; g.fillRect(c, top, 1, band); }
    if (flagged[c]) { g.fillStyle = "#7048e8"; g.fillRect(c, top - 5, 1.5, 4); }
  }
  const scale = (mid - 3) / maxDrift;
  g.strokeStyle = "#dee2e6"; g.lineWidth = 1;
  g.beginPath(); g.moveTo(0, mid); g.lineTo(w, mid); g.stroke();
  g.strokeStyle = "#343a40"; g.lineWidth = 1.5;
  g.beginPath(); g.moveTo(0, mid);
  for (let c = 0; c <= cols; c++) if (!Number.isNaN(driftAt[c])) g.lineTo(c, mid - driftAt[c] * scale);
  g.stroke();
  g.fillStyle = "#212529"; // the selected bead
  g.fillRect(xOf(state.cur) - 1, 0, 2, h);
}

function stripClick(ev) {
  const n = state.beads.length;
  if (!n) return;
  const rect = $("strip").getBoundingClientRect();
  const ns = state.srcEnd[n - 1];
  const at = ((ev.clientX - rect.left) / rect.width) * (ns || n);
  let lo = 0, hi = n - 1;
  while (lo < hi) { // first bead whose source end is past the click
    const m = (lo + hi) >> 1;
    if ((ns ? state.srcEnd[m] : m + 1) > at) hi = m; else lo = m + 1;
  }
  select(lo);
}

// -- actions ------------------------------------------------------------------------

function act(name) {
  const k = state.cur;
  const b = state.beads[k];
  if (!b) return;
  if (name === "confirm") return edit("/api/edit", { op: "confirm", bead: k });
  if (name === "confirm-next") {
    const p = curPos();
    const next = p >= 0 && p + 1 < state.view.length ? state.view[p + 1] : k;
    return edit("/api/edit", { op: "confirm", bead: k }, () => { state.cur = next; });
  }
  if (name === "unreview") return edit("/api/edit", { op: "status", bead: k, status: "unreviewed" });
  if (name === "merge") return edit("/api/edit", { op: "merge", bead: k });
  if (name === "move-up" || name === "move-down") {
    const up = name === "move-up";
    return edit("/api/edit", { op: "move", bead: k, side: state.side, direction: up ? "up" : "down" },
      (d) => { if (d.beads && d.removed > d.beads.length) state.cur = up ? k - 1 : k; });
  }
  if (name === "split") return startSplit();
  if (name === "edit") return openEditor();
  if (name === "side") { state.side = state.side === "src" ? "tgt" : "src"; render(false); }
}

// Where a split cuts unless told otherwise (the server's default_cut): after the first
// sentence of each side; a 1-1 bead comes apart into 1-0 + 0-1.
function defaultCut(b) {
  let s = Math.min(1, b.s.length), t = Math.min(1, b.t.length);
  if (s === b.s.length && t === b.t.length) { if (!(s && t)) return null; t = 0; }
  return { src: s, tgt: t };
}

function startSplit() {
  const b = state.beads[state.cur];
  const cut = defaultCut(b);
  if (!cut) { toast("a bead of one sentence cannot be split", true); return; }
  state.split = cut;
  render();
}

function splitKey(ev) {
  const b = state.beads[state.cur];
  const sp = state.split;
  const len = { src: b.s.length, tgt: b.t.length };
  if (ev.key === "Escape") { state.split = null; render(); }
  else if (ev.key === "Enter") {
    state.split = null;
    edit("/api/edit", { op: "split", bead: state.cur, src_at: sp.src, tgt_at: sp.tgt });
  } else if (ev.key === "ArrowLeft" || ev.key === "h") { state.side = "src"; render(false); }
  else if (ev.key === "ArrowRight" || ev.key === "l") { state.side = "tgt"; render(false); }
  else if (ev.key === "ArrowUp" || ev.key === "k") { sp[state.side] = Math.max(0, sp[state.side] - 1); render(false); }
  else if (ev.key === "ArrowDown" || ev.key === "j") { sp[state.side] = Math.min(len[state.side], sp[state.side] + 1); render(false); }
  else return;
  ev.preventDefault();
}

// -- correcting text ------------------------------------------------------------------

function openEditor() {
  if (!state.meta.can_edit_text) { toast("this file cannot hold corrected text (a .align ladder)", true); return; }
  const b = state.beads[state.cur];
  const texts = state.side === "src" ? b.s : b.t;
  if (!texts.length) { toast("this side of the bead has no sentence; choose the other side (←/→)", true); return; }
  const olds = b.o ? b.o[state.side === "src" ? 0 : 1] : null;
  const fields = $("editor-fields");
  fields.replaceChildren();
  const lang = state.meta[state.side === "src" ? "src_lang" : "tgt_lang"];
  $("editor-title").textContent = `Correct bead ${numberShown(state.cur)}, ${LANG_NAMES[lang] || state.side}`;
  texts.forEach((text, i) => {
    const label = document.createElement("label");
    label.textContent = `sentence ${numberShown(i)}`;
    const area = document.createElement("textarea");
    area.rows = Math.min(6, 1 + Math.ceil(text.length / 70));
    area.value = text; area.lang = lang; area.dataset.i = i;
    label.appendChild(area);
    fields.appendChild(label);
    if (olds && olds[i] !== null) {
      const p = document.createElement("p");
      p.className = "original";
      p.textContent = `before correction: ${olds[i]}`;
      fields.appendChild(p);
    }
  });
  $("editor").hidden = false;
  fields.querySelector("textarea").focus();
}

function closeEditor(keep) {
  if (keep) {
    const b = state.beads[state.cur];
    const texts = state.side === "src" ? b.s : b.t;
    const changed = {};
    for (const area of $("editor-fields").querySelectorAll("textarea")) {
      if (area.value !== texts[+area.dataset.i]) changed[area.dataset.i] = area.value;
    }
    if (Object.keys(changed).length) edit("/api/edit", { op: "edit", bead: state.cur, side: state.side, texts: changed });
  }
  $("editor").hidden = true;
}

function save() {
  return edit("/api/save", {}, (d) => toast(`saved: ${d.written.join(", ")}`));
}

let toastTimer = null;
function toast(text, error = false) {
  const t = $("toast");
  t.textContent = text;
  t.className = "show" + (error ? " error" : "");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.className = ""; }, error ? 5000 : 2500);
}

// -- keys and clicks ------------------------------------------------------------------

function onKey(ev) {
  if (!$("editor").hidden) {
    if (ev.key === "Escape") { closeEditor(false); ev.preventDefault(); }
    else if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { closeEditor(true); ev.preventDefault(); }
    return;
  }
  if (!$("help").hidden) {
    if (ev.key === "Escape" || ev.key === "?") { $("help").hidden = true; ev.preventDefault(); }
    return;
  }
  const typing = ev.target.closest && ev.target.closest("input, select, textarea");
  if (typing) { if (ev.key === "Escape") ev.target.blur(); return; }
  const ctrl = ev.ctrlKey || ev.metaKey;
  const key = ev.key;
  if (ctrl && (key === "s" || key === "S")) { save(); ev.preventDefault(); return; }
  if (ctrl && (key === "z" || key === "Z")) { edit(ev.shiftKey ? "/api/redo" : "/api/undo"); ev.preventDefault(); return; }
  if (ctrl && (key === "y" || key === "Y")) { edit("/api/redo"); ev.preventDefault(); return; }
  if (ctrl) return;
  if (state.split) { splitKey(ev); return; }
  if (ev.altKey && key === "ArrowUp") act("move-up");
  else if (ev.altKey && key === "ArrowDown") act("move-down");
  else if (ev.altKey) return;
  else if (key === "ArrowDown" || key === "j") step(1);
  else if (key === "ArrowUp" || key === "k") step(-1);
  else if (key === "ArrowLeft" || key === "h") { state.side = "src"; render(false); }
  else if (key === "ArrowRight" || key === "l") { state.side = "tgt"; render(false); }
  else if (key === "Enter") act("confirm");
  else if (key === " ") act("confirm-next");
  else if (key === "u") act("unreview");
  else if (key === "m") act("merge");
  else if (key === "s") act("split");
  else if (key === "e") act("edit");
  else if (key === "?") $("help").hidden = false;
  else if (key === "[") turn(-1);
  else if (key === "]") turn(1);
  else if (key === "Home") select(state.view[0]);
  else if (key === "End") select(state.view[state.view.length - 1]);
  else return;
  ev.preventDefault();
}

function onRowClick(ev) {
  const cut = ev.target.closest(".cut");
  if (cut && state.split) {
    state.split[cut.dataset.side] = +cut.dataset.at;
    state.side = cut.dataset.side;
    render(false);
    return;
  }
  const r = ev.target.closest(".row[data-bead]");
  if (!r) return;
  const side = ev.target.closest(".side");
  if (side && side.dataset.side) state.side = side.dataset.side;
  const k = +r.dataset.bead;
  if (k !== state.cur) { state.cur = k; state.split = null; }
  render(false);
}

function init() {
  document.addEventListener("keydown", onKey);
  $("rows").addEventListener("click", onRowClick);
  $("strip").addEventListener("click", stripClick);
  // a clicked button gives the focus back, so Enter and Space stay the review's keys
  const click = (id, f) => $(id).addEventListener("click", () => { f(); $(id).blur(); });
  click("undo", () => edit("/api/undo"));
  click("redo", () => edit("/api/redo"));
  click("save", save);
  click("help-button", () => { $("help").hidden = false; });
  $("help").addEventListener("click", (ev) => { if (ev.target === $("help")) $("help").hidden = true; });
  $("editor").addEventListener("submit", (ev) => { ev.preventDefault(); closeEditor(true); });
  $("editor-cancel").addEventListener("click", () => closeEditor(false));
  $("filter").addEventListener("change", () => {
    state.filter = $("filter").value;
    rebuild();
    if (posOf(state.cur) < 0 && state.view.length) state.cur = state.view[0];
    render();
    $("filter").blur();
  });
  $("jump").addEventListener("change", () => {
    const k = indexOf(parseInt($("jump").value, 10));
    if (k >= 0 && k < state.beads.length) select(k);
    else toast(`no bead ${numberShown(k)}; the beads are numbered 1 to ${state.beads.length}`, true);
    $("jump").blur();
  });
  for (const b of document.querySelectorAll("#tools [data-action]")) {
    b.addEventListener("click", () => { act(b.dataset.action); b.blur(); });
  }
  const measure = () => { // the sticky top: a selected row scrolls into view below it
    state.stripWidth = $("strip").clientWidth;
    document.documentElement.style.setProperty("--chrome", `${$("chrome").offsetHeight}px`);
  };
  measure();
  window.addEventListener("resize", () => {
    measure();
    const first = Math.floor(Math.max(0, curPos()) / PAGE) * PAGE;
    strip(state.view.slice(first, first + PAGE));
  });
  window.addEventListener("beforeunload", (ev) => { if (state.dirty) { ev.preventDefault(); ev.returnValue = ""; } });
  if (!state.token) { toast("no token in the address: open the address align review printed", true); return; }
  load();
}

init();
