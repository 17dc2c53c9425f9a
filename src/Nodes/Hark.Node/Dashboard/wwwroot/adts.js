// The ADTS inspector: parses a dropped or picked .aac file in the browser, the way `hark adts inspect --json --frames`
// does (docs/adts-inspect.md: the same resynchronisation, CRC and summary, the same JSON), and lists every frame in
// a virtualised table: only the rows in view exist in the page, so 100,000 frames scroll as smoothly as ten.
"use strict";

const sampleRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
const minimumLength = 7, protectedLength = 9, crcPayloadBytes = 24;

const crcTable = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let value = i << 8;
    for (let bit = 0; bit < 8; bit++) value = (value & 0x8000) ? ((value << 1) ^ 0x8005) & 0xffff : (value << 1) & 0xffff;
    table[i] = value;
  }
  return table;
})();

// CRC-16, polynomial 0x8005, initial 0xFFFF, MSB first: over header bytes 0..6 and the first 24 payload bytes.
function crc16(bytes, start, end, crc = 0xffff) {
  for (let i = start; i < end; i++) crc = ((crc << 8) ^ crcTable[(crc >> 8) ^ bytes[i]]) & 0xffff;
  return crc;
}

function parseHeader(b, at, end) {
  if (end - at < minimumLength) return null;
  if (b[at] !== 0xff || (b[at + 1] & 0xf0) !== 0xf0) return null;
  const layer = (b[at + 1] >> 1) & 0x03;
  if (layer !== 0) return null;
  const sfIndex = (b[at + 2] >> 2) & 0x0f;
  if (sfIndex >= sampleRates.length) return null;
  const protectionAbsent = b[at + 1] & 0x01;
  const headerLength = protectionAbsent ? minimumLength : protectedLength;
  if (end - at < headerLength) return null;
  const frameLength = ((b[at + 3] & 0x03) << 11) | (b[at + 4] << 3) | (b[at + 5] >> 5);
  if (frameLength < headerLength) return null;
  return {
    mpeg_version: (b[at + 1] >> 3) & 0x01, layer, protection_absent: protectionAbsent, profile: b[at + 2] >> 6,
    sampling_frequency_index: sfIndex, private_bit: (b[at + 2] >> 1) & 0x01,
    channel_configuration: ((b[at + 2] & 0x01) << 2) | (b[at + 3] >> 6), originality: (b[at + 3] >> 5) & 0x01,
    home: (b[at + 3] >> 4) & 0x01, copyright_id_bit: (b[at + 3] >> 3) & 0x01, copyright_id_start: (b[at + 3] >> 2) & 0x01,
    frame_length: frameLength, buffer_fullness: ((b[at + 5] & 0x1f) << 6) | (b[at + 6] >> 2),
    number_of_raw_data_blocks: b[at + 6] & 0x03, crc: protectionAbsent ? null : (b[at + 7] << 8) | b[at + 8],
    headerLength,
  };
}

function sameFixedFields(a, b) {
  return a.mpeg_version === b.mpeg_version && a.layer === b.layer && a.protection_absent === b.protection_absent
    && a.profile === b.profile && a.sampling_frequency_index === b.sampling_frequency_index
    && a.channel_configuration === b.channel_configuration;
}

function profileName(mpegVersion, profile) {
  return ["AAC Main", "AAC LC", "AAC SSR", mpegVersion === 0 ? "AAC LTP" : "reserved"][profile];
}

// .NET's Math.Round: halves to even, so the numbers match the CLI's to the last digit.
function roundEven(value, digits = 0) {
  const scale = 10 ** digits, x = value * scale, floor = Math.floor(x), diff = x - floor;
  const whole = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : (floor % 2 === 0 ? floor : floor + 1);
  return whole / scale;
}

// Reads every frame, resynchronising after damage: a frame found after a gap (or at the start) counts only if the
// next frame parses with the same fixed fields; every later frame must match the first one's.
function inspect(bytes, name) {
  const frames = [];
  let position = 0, skipped = 0, resyncs = 0, truncated = 0, synced = false, reference = null;
  const end = bytes.length;
  outer: while (true) {
    let skippedHere = 0;
    while (true) {
      if (position >= end) break outer;
      const header = parseHeader(bytes, position, end);
      if (header && (reference === null || sameFixedFields(header, reference))) {
        if (end - position < header.frame_length) {
          if (synced) { truncated = end - position; position = end; break outer; }
        } else if (synced || confirmedByNext(bytes, position, header, end)) {
          const payload = position + header.headerLength;
          const crcValid = header.protection_absent ? true
            : crc16(bytes, payload, Math.min(payload + crcPayloadBytes, position + header.frame_length), crc16(bytes, position, position + minimumLength)) === header.crc;
          frames.push({ index: frames.length, offset: position, skipped_before: skippedHere, header, crc_valid: crcValid });
          position += header.frame_length;
          synced = true;
          reference ??= header;
          continue outer;
        }
      }
      if (skippedHere === 0) resyncs++;
      synced = false;
      position++;
      skippedHere++;
      skipped++;
    }
  }
  return report(name, frames, { totalBytes: position, skipped, resyncs, truncated });
}

function confirmedByNext(bytes, position, header, end) {
  const next = position + header.frame_length;
  if (next >= end) return true;
  const following = parseHeader(bytes, next, end);
  return following !== null && sameFixedFields(following, header);
}

function report(name, frames, reader) {
  let samples = 0, payloadBytes = 0, lengthMin = Infinity, lengthMax = 0, rateMin = Infinity, rateMax = 0, crcInvalid = 0;
  const first = frames[0]?.header;
  for (const { header, crc_valid } of frames) {
    const rate = sampleRates[header.sampling_frequency_index];
    const perFrame = (header.number_of_raw_data_blocks + 1) * 1024;
    samples += perFrame;
    payloadBytes += header.frame_length;
    lengthMin = Math.min(lengthMin, header.frame_length);
    lengthMax = Math.max(lengthMax, header.frame_length);
    const bitRate = header.frame_length * 8 * rate / perFrame;
    rateMin = Math.min(rateMin, bitRate);
    rateMax = Math.max(rateMax, bitRate);
    if (!header.protection_absent && !crc_valid) crcInvalid++;
  }
  const sampleRate = first ? sampleRates[first.sampling_frequency_index] : 0;
  const channels = first ? (first.channel_configuration === 7 ? 8 : first.channel_configuration) : 0;
  return {
    schema_version: 1,
    file: name,
    summary: {
      frame_count: frames.length,
      total_bytes: reader.totalBytes,
      total_samples: samples,
      duration_seconds: roundEven(sampleRate ? samples / sampleRate : 0, 6),
      sample_rate: sampleRate,
      channels,
      channel_configuration: first?.channel_configuration ?? 0,
      profile: first ? profileName(first.mpeg_version, first.profile) : "",
      mpeg_version: first?.mpeg_version === 1 ? 2 : 4,
      bitrate_min: roundEven(frames.length ? rateMin : 0),
      bitrate_avg: roundEven(samples ? payloadBytes * 8 * sampleRate / samples : 0),
      bitrate_max: roundEven(rateMax),
      frame_length_min: frames.length ? lengthMin : 0,
      frame_length_max: lengthMax,
      crc_present: !!first && !first.protection_absent,
      crc_valid: crcInvalid === 0,
      crc_invalid_frames: crcInvalid,
      bytes_skipped: reader.skipped,
      resyncs: reader.resyncs,
      truncated_bytes: reader.truncated,
    },
    frames: frames.map(f => {
      const h = f.header;
      const frame = { index: f.index, offset: f.offset, skipped_before: f.skipped_before, syncword: 0xfff };
      for (const field of ["mpeg_version", "layer", "protection_absent", "profile", "sampling_frequency_index", "private_bit",
        "channel_configuration", "originality", "home", "copyright_id_bit", "copyright_id_start", "frame_length",
        "buffer_fullness", "number_of_raw_data_blocks", "crc"]) frame[field] = h[field];
      if (h.crc !== null) frame.crc_valid = f.crc_valid;
      return frame;
    }),
  };
}

// ---- the page ----

const rowHeight = 22, overscan = 20;
const columns = [
  ["#", f => f.index], ["offset", f => f.offset], ["skipped", f => f.skipped_before], ["id", f => f.mpeg_version],
  ["layer", f => f.layer], ["prot. absent", f => f.protection_absent], ["profile", f => f.profile],
  ["sf index", f => f.sampling_frequency_index], ["private", f => f.private_bit], ["ch cfg", f => f.channel_configuration],
  ["orig", f => f.originality], ["home", f => f.home], ["© bit", f => f.copyright_id_bit], ["© start", f => f.copyright_id_start],
  ["length", f => f.frame_length], ["fullness", f => `0x${f.buffer_fullness.toString(16).padStart(3, "0")}`],
  ["blocks", f => f.number_of_raw_data_blocks], ["crc", f => (f.crc === null ? "–" : `0x${f.crc.toString(16).padStart(4, "0")}`)],
  ["crc ok", f => (f.crc === null ? "–" : (f.crc_valid ? "yes" : "NO"))],
];
let shown = [];

function renderRows() {
  const viewport = el("frames-viewport");
  const first = Math.max(0, Math.floor(viewport.scrollTop / rowHeight) - overscan);
  const last = Math.min(shown.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / rowHeight) + overscan);
  const body = el("frames-body");
  body.style.transform = `translateY(${first * rowHeight}px)`;
  const rows = [];
  for (let i = first; i < last; i++) {
    const f = shown[i];
    const tr = row(columns.map(([, value]) => String(value(f))));
    if (f.skipped_before > 0) tr.classList.add("resync");
    if (f.crc_valid === false) tr.classList.add("crc-bad");
    tr.dataset.index = f.index;
    rows.push(tr);
  }
  body.replaceChildren(...rows);
}

function showReport(result) {
  window.adtsInspection = result;
  const s = result.summary;
  el("summary").hidden = false;
  el("file-name").textContent = result.file;
  el("frame-count").textContent = s.frame_count;
  el("summary-duration").textContent = `${s.duration_seconds.toFixed(3)} s (${s.total_samples} samples)`;
  el("summary-format").textContent = `${s.profile} (MPEG-${s.mpeg_version}), ${s.sample_rate} Hz, ${s.channels} ch (configuration ${s.channel_configuration})`;
  el("summary-bitrate").textContent = `min ${(s.bitrate_min / 1000).toFixed(1)} / avg ${(s.bitrate_avg / 1000).toFixed(1)} / max ${(s.bitrate_max / 1000).toFixed(1)} kbit/s`;
  el("summary-length").textContent = `${s.frame_length_min}..${s.frame_length_max} bytes`;
  el("summary-crc").textContent = s.crc_present ? `present, ${s.frame_count - s.crc_invalid_frames} valid, ${s.crc_invalid_frames} invalid` : "absent";
  el("summary-skipped").textContent = `${s.bytes_skipped} bytes in ${s.resyncs} resync(s); truncated tail ${s.truncated_bytes} bytes`;
  const damaged = result.frames.filter(f => f.skipped_before > 0 || f.crc_valid === false);
  el("damage").replaceChildren(...damaged.slice(0, 500).map(f => {
    const link = document.createElement("a");
    link.href = "#";
    link.textContent = f.skipped_before > 0 ? `#${f.index}: ${f.skipped_before} bytes skipped before` : `#${f.index}: CRC mismatch`;
    link.addEventListener("click", event => { event.preventDefault(); jumpTo(f.index); });
    const item = document.createElement("li");
    item.append(link);
    return item;
  }));
  el("no-damage").hidden = damaged.length > 0;
  shown = result.frames;
  el("frames-spacer").style.height = `${shown.length * rowHeight}px`;
  el("frames-viewport").scrollTop = 0;
  renderRows();
}

function jumpTo(index) { el("frames-viewport").scrollTop = index * rowHeight; renderRows(); }

async function openFile(file) {
  el("status").textContent = `reading ${file.name}…`;
  const result = inspect(new Uint8Array(await file.arrayBuffer()), file.name);
  if (result.summary.frame_count === 0) {
    el("status").textContent = `${file.name}: no ADTS frames found (${result.summary.bytes_skipped} bytes scanned)`;
    el("summary").hidden = true;
    return;
  }
  el("status").textContent = "";
  showReport(result);
}

function setUp() {
  const head = document.createElement("tr");
  for (const [name] of columns) { const th = document.createElement("th"); th.textContent = name; head.append(th); }
  el("frames-head").append(head);
  el("frames-viewport").addEventListener("scroll", () => requestAnimationFrame(renderRows));
  el("pick").addEventListener("change", event => { if (event.target.files[0]) openFile(event.target.files[0]); });
  const zone = el("drop");
  zone.addEventListener("dragover", event => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", event => {
    event.preventDefault();
    zone.classList.remove("over");
    const file = event.dataTransfer?.files[0];
    if (file) openFile(file);
  });
}

setUp();
