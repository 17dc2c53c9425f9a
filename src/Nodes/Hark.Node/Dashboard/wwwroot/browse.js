// The recording list: filters and pages are the server's (GET /recordings with offset/limit), so 10,000 recordings
// cost one page of rows here.
"use strict";

const pageSize = 50;
let offset = 0;

function query() {
  const form = new FormData(el("filters"));
  const params = new URLSearchParams();
  for (const [name, value] of form) if (String(value).trim()) params.set(name, String(value).trim());
  params.set("offset", offset);
  params.set("limit", pageSize);
  return params;
}

async function show() {
  const params = query();
  history.replaceState(null, "", `/browse?${params}`);
  const answer = await api(`/recordings?${params}`);
  if (!answer.ok) {
    const problem = await answer.json().catch(() => ({ detail: answer.statusText }));
    el("problem").textContent = problem.detail ?? problem.title;
    el("problem").hidden = false;
    return;
  }
  el("problem").hidden = true;
  const total = Number(answer.headers.get("X-Total-Count") ?? 0);
  const rows = await answer.json();
  el("recordings").querySelector("tbody").replaceChildren(...rows.map(r => {
    const link = document.createElement("a");
    link.href = `/browse/${encodeURIComponent(r.id)}`;
    link.textContent = r.id;
    const state = text(r.state); state.className = `state-${r.state}`;
    return row([link, r.metadata.station ?? "", state, r.codec, `${r.sample_rate} Hz`, r.channels, duration(r.duration_seconds), r.start_time ?? ""]);
  }));
  el("page").textContent = total ? `${offset + 1}–${offset + rows.length} of ${total}` : "no recordings match";
  el("previous").disabled = offset === 0;
  el("next").disabled = offset + rows.length >= total;
  el("updated").textContent = `${total} recording${total === 1 ? "" : "s"}`;
}

function setUp() {
  const given = new URLSearchParams(location.search);
  for (const field of el("filters").elements) if (field.name && given.has(field.name)) field.value = given.get(field.name);
  offset = Number(given.get("offset") ?? 0) || 0;
  el("filters").addEventListener("submit", event => { event.preventDefault(); offset = 0; show(); });
  el("previous").addEventListener("click", () => { offset = Math.max(0, offset - pageSize); show(); });
  el("next").addEventListener("click", () => { offset += pageSize; show(); });
  show();
}

setUp();
