// What every page of the node shares: the API key, fetching with it, and small DOM helpers. No build step.
"use strict";

// A node with API keys answers the API only with one (the pages themselves, /metrics and /readyz are open). The key
// is asked for once, kept for this tab only (sessionStorage, never a cookie: no other site's page can send it), and
// sent as X-Api-Key; a 401 asks again.
const keyName = "hark-api-key";

async function api(path, init = {}) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const key = sessionStorage.getItem(keyName);
    const answer = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), ...(key ? { "X-Api-Key": key } : {}) } });
    if (answer.status !== 401) return answer;
    const given = prompt("This node needs an API key (a read key is enough for these pages):");
    if (!given) return answer;
    sessionStorage.setItem(keyName, given.trim());
  }
  return fetch(path, { ...init, headers: { ...(init.headers ?? {}), "X-Api-Key": sessionStorage.getItem(keyName) } });
}

async function apiJson(path) {
  const answer = await api(path);
  if (!answer.ok) throw new Error(`${path} answered ${answer.status}`);
  return answer.json();
}

function el(id) { return document.getElementById(id); }

function text(value) { const span = document.createElement("span"); span.textContent = value; return span; }

function row(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    td.append(cell instanceof Node ? cell : text(cell ?? ""));
    tr.append(td);
  }
  return tr;
}

function duration(seconds) {
  const s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

function bytes(count) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = count, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function progressBar(done, count) {
  const bar = document.createElement("div"); bar.className = "bar";
  const fill = document.createElement("div"); fill.style.width = `${count ? (100 * done / count) : 0}%`;
  bar.append(fill);
  return bar;
}

// An <img> or <audio> cannot send the key: what they show is fetched with it and handed over as a local blob.
async function blobUrl(path) {
  const answer = await api(path);
  if (!answer.ok) throw new Error(`${path} answered ${answer.status}`);
  return URL.createObjectURL(await answer.blob());
}
