// Live view of one node: polls the API and the Prometheus text every two seconds. No build step, no libraries.
"use strict";

const pollMs = 2000;
let previous = null; // last scrape's counters, for rates over the interval

function el(id) { return document.getElementById(id); }

// A node with API keys answers the API only with one (the page itself, /metrics and /readyz are open). The key is
// asked for once, kept for this tab only (sessionStorage, never a cookie: no other site's page can send it), and
// sent as X-Api-Key; a 401 asks again.
const keyName = "hark-api-key";

async function api(path) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const key = sessionStorage.getItem(keyName);
    const answer = await fetch(path, { headers: key ? { "X-Api-Key": key } : {} });
    if (answer.status !== 401) return answer;
    const given = prompt("This node needs an API key (a read key is enough for the dashboard):");
    if (!given) return answer;
    sessionStorage.setItem(keyName, given.trim());
  }
  return fetch(path, { headers: { "X-Api-Key": sessionStorage.getItem(keyName) } });
}

// A link cannot carry a header: the audio is fetched with the key and handed to the browser as a local blob.
async function openAudio(path) {
  const answer = await api(path);
  if (!answer.ok) { el("updated").textContent = `segment: ${answer.status}`; return; }
  window.open(URL.createObjectURL(await answer.blob()), "_blank");
}

function text(value) { const span = document.createElement("span"); span.textContent = value; return span; }

function duration(seconds) {
  const s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

// Sums every sample of a metric family (all label sets) in Prometheus text format.
function sum(metrics, name) {
  let total = 0, found = false;
  for (const line of metrics.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);
    if (match && match[1] === name) { total += Number(match[3]); found = true; }
  }
  return found ? total : null;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    td.append(cell instanceof Node ? cell : text(cell ?? ""));
    tr.append(td);
  }
  return tr;
}

function progressBar(done, count) {
  const bar = document.createElement("div"); bar.className = "bar";
  const fill = document.createElement("div"); fill.style.width = `${count ? (100 * done / count) : 0}%`;
  bar.append(fill);
  return bar;
}

async function showRecordings() {
  const answer = await api("/recordings");
  if (!answer.ok) throw new Error(`/recordings answered ${answer.status}`);
  const recordings = await answer.json();
  const importing = recordings.filter(r => r.state === "importing");
  el("recording-count").textContent = recordings.filter(r => r.state === "complete").length;
  el("import-count").textContent = importing.length;
  el("no-imports").hidden = importing.length > 0;
  el("imports").querySelector("tbody").replaceChildren(...importing.map(r =>
    row([r.id, r.codec, progressBar(r.chunks_done ?? 0, r.chunk_count ?? 0), `${r.chunks_done ?? "?"}/${r.chunk_count ?? "?"}`])));
  el("recordings").querySelector("tbody").replaceChildren(...recordings.map(r => {
    const state = text(r.state); state.className = `state-${r.state}`;
    const listen = document.createElement("a");
    if (r.state === "complete") {
      const count = Math.min(r.total_samples, r.sample_rate * 10);
      const path = `/recordings/${encodeURIComponent(r.id)}/segment?start=0&count=${count}&format=wav`;
      listen.href = path;
      listen.addEventListener("click", event => { event.preventDefault(); openAudio(path); });
      listen.textContent = "first 10 s";
    }
    return row([r.id, state, r.codec, `${r.sample_rate} Hz`, r.channels, duration(r.duration_seconds), r.start_time ?? "", listen]);
  }));
}

async function showMetrics() {
  const metrics = await (await fetch("/metrics")).text();
  const now = {
    latencySum: sum(metrics, "hark_node_segment_duration_seconds_sum") ?? 0,
    latencyCount: sum(metrics, "hark_node_segment_duration_seconds_count") ?? 0,
    hits: sum(metrics, "hark_cache_hits_total") ?? 0,
    misses: sum(metrics, "hark_cache_misses_total") ?? 0,
  };
  el("segment-count").textContent = now.latencyCount;
  if (previous) {
    const n = now.latencyCount - previous.latencyCount;
    el("latency").textContent = n > 0 ? `${(1000 * (now.latencySum - previous.latencySum) / n).toFixed(2)} ms` : "idle";
  }
  const lookups = now.hits + now.misses;
  el("hit-rate").textContent = lookups > 0 ? `${(100 * now.hits / lookups).toFixed(1)} %` : "–";
  previous = now;
}

async function showReadiness() {
  const answer = await fetch("/readyz");
  const pill = el("ready");
  pill.textContent = answer.ok ? "ready" : "not ready";
  pill.className = `pill ${answer.ok ? "ok" : "bad"}`;
}

async function poll() {
  try {
    await Promise.all([showRecordings(), showMetrics(), showReadiness()]);
    el("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    el("updated").textContent = `unreachable: ${error}`;
  }
  setTimeout(poll, pollMs);
}

poll();
