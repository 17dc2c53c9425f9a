// Reads an MP4/M4A file with mp4box.js (GPAC's parser, independent of Hark) and prints what a player would see, so
// tests can check Hark's M4A export with a second parser.
//   node mp4-inspect.mjs FILE
//       prints JSON: the top-level box order, and per track its handler, codec, timescale, duration, sample count, the
//       edit list entries (segment_duration, media_time) and the track ids it references by type, as mp4box.js parsed them
import { readFile } from "node:fs/promises";
import { createFile } from "mp4box";

const [path] = process.argv.slice(2);
const bytes = await readFile(path);
const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
buffer.fileStart = 0;

const file = createFile();
let info = null;
let failure = null;
file.onReady = (ready) => { info = ready; };
file.onError = (error) => { failure = error; };
file.appendBuffer(buffer);
file.flush();
if (failure || !info) {
  console.error(`mp4box.js could not read ${path}: ${failure ?? "no moov"}`);
  process.exit(1);
}

const tracks = file.moov.traks.map((trak, i) => ({
  id: trak.tkhd.track_id,
  handler: trak.mdia.hdlr.handler,
  references: Object.fromEntries((trak.tref?.references ?? []).map((r) => [r.type, Array.from(r.track_ids)])),
  codec: info.tracks[i].codec,
  timescale: trak.mdia.mdhd.timescale,
  duration: Number(trak.mdia.mdhd.duration),
  samples: info.tracks[i].nb_samples,
  edits: (trak.edts?.elst?.entries ?? []).map((e) => ({ segment_duration: Number(e.segment_duration), media_time: Number(e.media_time) })),
}));
console.log(JSON.stringify({
  boxes: file.boxes.map((b) => b.type),
  movie_timescale: file.moov.mvhd.timescale,
  movie_duration: Number(file.moov.mvhd.duration),
  tracks,
}));
