// A small binary envelope so that values holding Uint8Array (Arrow IPC bytes) cross HTTP without
// base64 or per-row JSON: [u32 json length][json][u32 blob count][u32 length, bytes]*.
// Byte arrays in the value are replaced in the JSON by {"$blob": index}.

const BLOB_KEY = '$blob';

export function encodeEnvelope(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) {
      blobs.push(v);
      return { [BLOB_KEY]: blobs.length - 1 };
    }
    return v;
  });
  const jsonBytes = new TextEncoder().encode(json);
  const size = 4 + jsonBytes.length + 4 + blobs.reduce((n, b) => n + 4 + b.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  view.setUint32(at, jsonBytes.length, true);
  at += 4;
  out.set(jsonBytes, at);
  at += jsonBytes.length;
  view.setUint32(at, blobs.length, true);
  at += 4;
  for (const blob of blobs) {
    view.setUint32(at, blob.length, true);
    at += 4;
    out.set(blob, at);
    at += blob.length;
  }
  return out;
}

export function decodeEnvelope<T = unknown>(bytes: Uint8Array): T {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new Error('truncated envelope');
  };
  need(4);
  const jsonLength = view.getUint32(at, true);
  at += 4;
  need(jsonLength);
  const json = new TextDecoder().decode(bytes.subarray(at, at + jsonLength));
  at += jsonLength;
  need(4);
  const count = view.getUint32(at, true);
  at += 4;
  const blobs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    need(4);
    const length = view.getUint32(at, true);
    at += 4;
    need(length);
    blobs.push(bytes.subarray(at, at + length));
    at += length;
  }
  return JSON.parse(json, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && BLOB_KEY in v) {
      const index = (v as Record<string, unknown>)[BLOB_KEY];
      if (typeof index !== 'number' || !blobs[index]) throw new Error('bad blob reference');
      return blobs[index];
    }
    return v;
  }) as T;
}
