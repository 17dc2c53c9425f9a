// One recording: its metadata, the whole of it at a glance (the waveform overview stored at import, GET .../overview,
// so a 72-hour recording opens at once; a sampled spectrogram tile for copied recordings, which have none), a
// zoomable view drawn from server-rendered tiles, click to play from a moment, drag to select and download.
"use strict";

const id = decodeURIComponent(location.pathname.replace(/^\/browse\//, ""));
const tileWidth = 1024, overviewHeight = 64, zoomHeight = 192, playSeconds = 30;
let recording = null;
let view = { start: 0, duration: 60 };
let drawn = 0; // the latest view asked for, so a slow tile cannot overwrite a newer one

function seconds(value) { return `${value.toFixed(value < 10 ? 3 : 1)} s`; }

async function showMetadata() {
  const answer = await api(`/recordings/${encodeURIComponent(id)}`);
  if (!answer.ok) {
    const problem = await answer.json().catch(() => ({}));
    el("problem").textContent = problem.detail ?? `${answer.status}`;
    el("problem").hidden = false;
    return false;
  }
  const status = await answer.json();
  el("title").textContent = id;
  recording = status.metadata;
  if (!recording) {
    el("problem").textContent = status.status;
    el("problem").hidden = false;
    return false;
  }
  const fields = [["state", recording.state], ["codec", recording.codec], ["sample rate", `${recording.sample_rate} Hz`],
    ["channels", recording.channels], ["duration", `${duration(recording.total_samples / recording.sample_rate)} (${recording.total_samples} samples)`],
    ["station", recording.station ?? "–"], ["start time", recording.start_time ?? "–"], ["source", recording.source_name ?? "–"],
    ["encoder", recording.encoder ?? "–"], ["bit rate", recording.bitrate ? `${recording.bitrate / 1000} kbit/s` : "–"]];
  el("metadata").querySelector("tbody").replaceChildren(...fields.map(([name, value]) => {
    const tr = document.createElement("tr");
    const th = document.createElement("th"); th.textContent = name;
    const td = document.createElement("td"); td.textContent = value;
    tr.append(th, td);
    return tr;
  }));
  el("download-m4a").hidden = recording.codec === "lac";
  return true;
}

function total() { return recording.total_samples / recording.sample_rate; }

function tilePath(start, length, height) {
  return `/recordings/${encodeURIComponent(id)}/spectrogram.png?start=${start.toFixed(3)}&duration=${length.toFixed(3)}&width=${tileWidth}&height=${height}`;
}

async function drawView() {
  view.duration = Math.min(Math.max(view.duration, 0.5), total());
  view.start = Math.min(Math.max(0, view.start), total() - view.duration);
  const asked = ++drawn;
  el("view-range").textContent = `${seconds(view.start)} – ${seconds(view.start + view.duration)}`;
  const windowBox = el("overview-window").style;
  windowBox.left = `${100 * view.start / total()}%`;
  windowBox.width = `${Math.max(0.3, 100 * view.duration / total())}%`;
  const url = await blobUrl(tilePath(view.start, view.duration, zoomHeight));
  if (asked !== drawn) { URL.revokeObjectURL(url); return; }
  const image = el("zoom-image");
  const old = image.src;
  image.src = url;
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  el("selection").hidden = true;
  el("downloads").hidden = true;
}

// Where in the recording (seconds) a pointer at clientX is on the zoomed view.
function timeAt(clientX) {
  const box = el("zoom").getBoundingClientRect();
  return view.start + Math.min(Math.max(0, (clientX - box.left) / box.width), 1) * view.duration;
}

async function playFrom(time) {
  const rate = recording.sample_rate;
  const start = Math.min(Math.floor(time * rate), recording.total_samples - 1);
  const count = Math.min(playSeconds * rate, recording.total_samples - start);
  const player = el("player");
  player.dataset.start = start / rate;
  const old = player.src;
  player.src = await blobUrl(`/recordings/${encodeURIComponent(id)}/segment?start=${start}&count=${count}&format=wav`);
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  await player.play();
}

function showCursor() {
  const player = el("player");
  const at = Number(player.dataset.start ?? 0) + player.currentTime;
  const cursor = el("cursor");
  cursor.hidden = !(at >= view.start && at <= view.start + view.duration);
  cursor.style.left = `${100 * (at - view.start) / view.duration}%`;
}

function select(from, to) {
  const rate = recording.sample_rate;
  const first = Math.floor(Math.min(from, to) * rate), last = Math.ceil(Math.max(from, to) * rate);
  const base = `/recordings/${encodeURIComponent(id)}`;
  window.harkSelection = {
    from: first, to: last,
    wav: `${base}/export.wav?from=${first}&to=${last}`,
    m4a: recording.codec === "lac" ? null : `${base}/export.m4a?from=${first}&to=${last}`,
  };
  const box = el("selection").style;
  box.left = `${100 * (Math.min(from, to) - view.start) / view.duration}%`;
  box.width = `${100 * Math.abs(to - from) / view.duration}%`;
  el("selection").hidden = false;
  el("selection-range").textContent = `${seconds(first / rate)} – ${seconds(last / rate)}`;
  el("downloads").hidden = false;
}

async function download(path, extension) {
  const link = document.createElement("a");
  link.href = await blobUrl(path);
  link.download = `${id}-${window.harkSelection.from}-${window.harkSelection.to}.${extension}`;
  link.click();
}

function setUp() {
  const zoom = el("zoom");
  let pressed = null;
  zoom.addEventListener("mousedown", event => { pressed = { x: event.clientX, time: timeAt(event.clientX) }; });
  zoom.addEventListener("mousemove", event => { if (pressed && Math.abs(event.clientX - pressed.x) > 3) select(pressed.time, timeAt(event.clientX)); });
  zoom.addEventListener("mouseup", event => {
    if (!pressed) return;
    const wasClick = Math.abs(event.clientX - pressed.x) <= 3;
    const time = pressed.time;
    pressed = null;
    if (wasClick) playFrom(time).catch(error => { el("updated").textContent = `${error}`; });
    else select(time, timeAt(event.clientX));
  });
  el("overview").addEventListener("click", event => {
    const box = el("overview").getBoundingClientRect();
    view.start = (event.clientX - box.left) / box.width * total() - view.duration / 2;
    drawView();
  });
  el("zoom-in").addEventListener("click", () => { view.start += view.duration / 4; view.duration /= 2; drawView(); });
  el("zoom-out").addEventListener("click", () => { view.start -= view.duration / 2; view.duration *= 2; drawView(); });
  el("pan-left").addEventListener("click", () => { view.start -= view.duration / 2; drawView(); });
  el("pan-right").addEventListener("click", () => { view.start += view.duration / 2; drawView(); });
  el("player").addEventListener("timeupdate", showCursor);
  el("download-wav").addEventListener("click", () => download(window.harkSelection.wav, "wav"));
  el("download-m4a").addEventListener("click", () => download(window.harkSelection.m4a, "m4a"));
}

// The stored waveform: each canvas column spans the overview columns under it; a bar from their lowest to highest sample.
function drawWaveform(overview) {
  const canvas = el("overview-wave"), context = canvas.getContext("2d");
  const { width, height } = canvas, middle = height / 2;
  context.fillStyle = "#000"; context.fillRect(0, 0, width, height);
  context.fillStyle = "#3cf";
  const columns = overview.columns;
  for (let x = 0; x < width; x++) {
    const from = Math.floor(x * columns / width), to = Math.max(from + 1, Math.floor((x + 1) * columns / width));
    if (from >= columns) break;
    let low = 32767, high = -32768;
    for (let c = from; c < Math.min(to, columns); c++) { low = Math.min(low, overview.min[c]); high = Math.max(high, overview.max[c]); }
    const top = middle - high / 32768 * middle, bottom = middle - low / 32768 * middle;
    context.fillRect(x, top, 1, Math.max(1, bottom - top));
  }
  canvas.hidden = false;
}

async function showOverview() {
  const answer = await api(`/recordings/${encodeURIComponent(id)}/overview`);
  if (answer.status === 200) {
    drawWaveform(await answer.json());
    window.harkOverview = "stored";
    return;
  }
  const image = el("overview-image");
  image.src = await blobUrl(tilePath(0, total(), overviewHeight));
  image.hidden = false;
  window.harkOverview = "sampled";
}

async function start() {
  setUp();
  try {
    if (!await showMetadata()) return;
    await showOverview();
    await drawView();
  } catch (error) {
    el("problem").textContent = `${error}`;
    el("problem").hidden = false;
  }
}

start();
