// Reads and writes Zarr v3 arrays with zarrita, an implementation independent of Hark, so tests can check that
// Hark's archive is plain Zarr v3 and that Hark reads what another implementation wrote.
//   node zarr-interop.mjs read  STORE_DIR ARRAY_PATH [GROUP_PATH...]   ("/" is the root group)
//       prints JSON: shape, chunks, dtype, codecs, sha256 and length of the array's bytes, and each group's attributes
//   node zarr-interop.mjs write STORE_DIR ARRAY_PATH DTYPE LENGTH CHUNK CODECS_JSON
//       writes an array whose element i is (i * 7919 + 13) modulo 2^bits, in the given codecs
import { createHash } from "node:crypto";
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";

const [command, storeDir, arrayPath, ...rest] = process.argv.slice(2);
const store = new FileSystemStore(storeDir);
const root = zarr.root(store);

function sha256(typed) {
  return createHash("sha256").update(Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength)).digest("hex");
}

if (command === "read") {
  const array = await zarr.open(root.resolve(arrayPath), { kind: "array" });
  const chunk = await zarr.get(array);
  const groups = {};
  for (const path of rest) {
    const group = await zarr.open(path === "/" ? root : root.resolve(path), { kind: "group" });
    groups[path] = group.attrs;
  }
  const first = Array.from(chunk.data.slice(0, 16), Number);
  console.log(JSON.stringify({
    shape: array.shape,
    chunks: array.chunks,
    dtype: array.dtype,
    codecs: array.codecs ?? null,
    attributes: array.attrs,
    length: chunk.data.length,
    byteLength: chunk.data.byteLength,
    sha256: sha256(chunk.data),
    first,
    groups,
  }));
} else if (command === "write") {
  const [dtype, lengthText, chunkText, codecsJson] = rest;
  const length = Number(lengthText);
  const ctor = { uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array }[dtype];
  const bits = ctor.BYTES_PER_ELEMENT * 8;
  const data = new ctor(length);
  for (let i = 0; i < length; i++) {
    data[i] = Number((BigInt(i) * 7919n + 13n) % (1n << BigInt(bits)));
  }
  const array = await zarr.create(root.resolve(arrayPath), {
    shape: [length],
    chunkShape: [Number(chunkText)],
    dtype,
    codecs: JSON.parse(codecsJson),
    fillValue: 0,
    attributes: { written_by: "zarrita" },
  });
  await zarr.set(array, null, { data, shape: [length], stride: [1] });
  console.log(JSON.stringify({ sha256: sha256(data), byteLength: data.byteLength }));
} else {
  console.error("usage: zarr-interop.mjs read|write ...");
  process.exit(2);
}
