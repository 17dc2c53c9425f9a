// The cluster's live view, from whichever node serves it: members (GET /cluster), every node's numbers and their
// last hour as charts (GET /cluster/metrics, uPlot), the archive's totals (GET /cluster/archive), imports in
// progress and failures (GET /recordings?state=...). Polls every two seconds.
"use strict";

const pollMs = 2000;
const historyMs = 60 * 60 * 1000;
const archiveEvery = 5; // polls: the totals read the whole listing, so less often
const history = new Map(); // node address -> samples, oldest first
const firstSeen = new Map(); // import id -> { at, done }, for its speed
const charts = new Map();
let polls = 0;

const palette = ["#2f6fdb", "#d9480f", "#2e8540", "#862e9c", "#c2255c", "#0b7285", "#5c940d", "#e67700"];

function shortName(address) { return address.replace(/^akka(\.ssl)?\.tcp:\/\/[^@]+@/, ""); }

function ms(value) { return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`; }

async function showCluster() {
  const cluster = await apiJson("/cluster");
  el("answering").textContent = `answered by ${shortName(cluster.node)}`;
  el("member-count").textContent = cluster.members.filter(m => m.status === "up").length;
  el("members").querySelector("tbody").replaceChildren(...cluster.members.map(m => {
    const status = text(m.status); status.className = `status-${m.status}`;
    return row([shortName(m.address), m.roles.join(", "), status, m.uptime_seconds == null ? "–" : duration(m.uptime_seconds),
      (m.version ?? "–").replace(/\+([0-9a-f]{8})[0-9a-f]+$/, "+$1"), m.self ? "answering" : ""]);
  }));
}

function remember(nodes) {
  const oldest = Date.now() - historyMs;
  const answered = new Set(nodes.map(n => n.address));
  for (const address of [...history.keys()]) if (!answered.has(address)) history.delete(address);
  for (const node of nodes) {
    const kept = history.get(node.address) ?? [];
    const last = kept.length ? kept[kept.length - 1].at_unix_ms : 0;
    for (const sample of node.samples) if (sample.at_unix_ms > last) kept.push(sample);
    while (kept.length && kept[0].at_unix_ms < oldest) kept.shift();
    history.set(node.address, kept);
  }
}

function since() {
  const lasts = [...history.values()].filter(k => k.length).map(k => k[k.length - 1].at_unix_ms);
  return lasts.length ? Math.min(...lasts) : 0;
}

async function showMetrics() {
  const first = since();
  const answer = await apiJson(first ? `/cluster/metrics?since=${first}` : "/cluster/metrics");
  remember(answer.nodes);
  const workers = new Map(answer.nodes.map(n => [n.address, n.workers]));
  el("nodes").querySelector("tbody").replaceChildren(...[...history.entries()].map(([address, kept]) => {
    const s = kept[kept.length - 1];
    if (!s) return row([shortName(address), "…"]);
    const rate = (hits, misses) => (hits + misses ? `${(100 * hits / (hits + misses)).toFixed(1)} %` : "–");
    const total = workers.get(address) ?? 0;
    return row([shortName(address), total ? `${s.workers_busy} / ${total}` : "–", s.chunks_per_minute.toFixed(1),
      s.encode_realtime_factor ? s.encode_realtime_factor.toFixed(1) : "–", s.segments_per_second.toFixed(2),
      s.segments_per_second ? ms(s.latency_p50_ms) : "–", s.segments_per_second ? ms(s.latency_p99_ms) : "–",
      bytes(s.index_cache_bytes), rate(s.cache_hits, s.cache_misses), bytes(s.chunk_cache_bytes),
      rate(s.chunk_cache_hits, s.chunk_cache_misses), s.errors]);
  }));
  drawCharts();
}

// One chart a measure, one series a node, on 2 s buckets shared by all nodes (their samplers are not in step).
function series(pick) {
  const buckets = new Map();
  const nodes = [...history.keys()];
  nodes.forEach((address, i) => {
    for (const s of history.get(address)) {
      const x = Math.round(s.at_unix_ms / 2000) * 2;
      if (!buckets.has(x)) buckets.set(x, new Array(nodes.length).fill(null));
      buckets.get(x)[i] = pick(s);
    }
  });
  const xs = [...buckets.keys()].sort((a, b) => a - b);
  return [xs, ...nodes.map((_, i) => xs.map(x => buckets.get(x)[i]))];
}

function drawChart(id, pick) {
  const target = el(id);
  const data = series(pick);
  const names = [...history.keys()].map(shortName);
  const key = names.join(" ");
  const existing = charts.get(id);
  if (existing && existing.key === key) { existing.chart.setData(data); return; }
  existing?.chart.destroy();
  const chart = new uPlot({
    width: Math.max(320, target.clientWidth || 420), height: 180,
    scales: { x: { time: true } },
    series: [{}, ...names.map((name, i) => ({ label: name, stroke: palette[i % palette.length], width: 1.5, spanGaps: true }))],
    axes: [{}, { size: 50 }],
  }, data, target);
  charts.set(id, { key, chart });
}

function drawCharts() {
  if (typeof uPlot === "undefined") { el("no-charts").hidden = false; return; }
  drawChart("chart-segments", s => s.segments_per_second);
  drawChart("chart-latency", s => (s.segments_per_second ? s.latency_p99_ms : null));
  drawChart("chart-chunks", s => s.chunks_per_minute);
}

async function showImports() {
  const [importing, failed] = await Promise.all([apiJson("/recordings?state=importing"), apiJson("/recordings?state=failed")]);
  const now = Date.now();
  el("import-count").textContent = importing.length;
  el("no-imports").hidden = importing.length > 0;
  el("imports").querySelector("tbody").replaceChildren(...importing.map(r => {
    const done = r.chunks_done ?? 0, count = r.chunk_count ?? 0;
    if (!firstSeen.has(r.id)) firstSeen.set(r.id, { at: now, done });
    const first = firstSeen.get(r.id);
    const perSecond = now > first.at ? (done - first.done) / ((now - first.at) / 1000) : 0;
    const speed = perSecond > 0 ? `${(60 * perSecond).toFixed(1)} chunks/min` : "–";
    const eta = perSecond > 0 && count > done ? duration((count - done) / perSecond) : "–";
    const cells = row([r.id, r.codec, progressBar(done, count), `${done}/${count || "?"}`, speed, eta]);
    cells.dataset.id = r.id;
    return cells;
  }));
  el("failed-count").textContent = failed.length;
  el("no-failures").hidden = failed.length > 0;
  const recent = failed.sort((a, b) => (b.metadata.created ?? "").localeCompare(a.metadata.created ?? "")).slice(0, 20);
  el("failures").querySelector("tbody").replaceChildren(...recent.map(r => row([r.id, r.codec, r.reason ?? ""])));
}

async function showArchive() {
  if (polls++ % archiveEvery !== 0) return;
  const totals = await apiJson("/cluster/archive");
  el("recording-count").textContent = totals.complete;
  el("hours").textContent = totals.hours.toFixed(totals.hours < 10 ? 2 : 0);
  el("stored").textContent = bytes(totals.stored_bytes);
  el("compression").textContent = ratio(totals.ratio_to_pcm);
  el("by-codec").textContent = totals.by_codec.length
    ? totals.by_codec.map(c => `${c.codec} ${c.recordings} (${c.hours.toFixed(1)} h, ${bytes(c.stored_bytes)}, ${ratio(c.ratio_to_pcm)})`).join(" · ") : "–";
}

// PCM over stored: "9.1x" smaller; unknown for recordings committed before sizes were kept.
function ratio(value) {
  return value == null ? "–" : `${value.toFixed(value < 10 ? 1 : 0)}x`;
}

async function showReadiness() {
  const answer = await fetch("/readyz");
  const pill = el("ready");
  pill.textContent = answer.ok ? "ready" : "not ready";
  pill.className = `pill ${answer.ok ? "ok" : "bad"}`;
}

async function poll() {
  try {
    await Promise.all([showCluster(), showMetrics(), showImports(), showArchive(), showReadiness()]);
    el("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    el("updated").textContent = `unreachable: ${error}`;
  }
  setTimeout(poll, pollMs);
}

poll();
