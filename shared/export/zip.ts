// A minimal ZIP writer: stored (uncompressed) entries, CRC-32, no ZIP64 (each entry and the whole
// archive under 4 GiB). Pure: bytes in, bytes out, no Node or DOM API, so that an export can be
// built in the renderer as well as in the engine. Entries carry a fixed date (1980-01-01) so that
// the same content always gives the same bytes.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, as ZIP and PNG use it) of some bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  /** Path inside the archive, with "/" separators. */
  name: string;
  data: Uint8Array;
}

const MAX_SIZE = 0xffffffff;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

/** Packs entries, in order, into a ZIP archive with stored (method 0) entries. */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const crcs = entries.map((e) => crc32(e.data));
  let localSize = 0;
  for (const [i, e] of entries.entries()) localSize += 30 + names[i]!.length + e.data.length;
  const centralSize = names.reduce((n, name) => n + 46 + name.length, 0);
  const total = localSize + centralSize + 22;
  if (entries.some((e) => e.data.length > MAX_SIZE) || total > MAX_SIZE || entries.length > 0xffff) {
    throw new Error('archive too large for a plain ZIP (over 4 GiB or 65,535 entries)');
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let p = 0;
  const u16 = (v: number) => {
    view.setUint16(p, v, true);
    p += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(p, v >>> 0, true);
    p += 4;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, p);
    p += b.length;
  };
  const offsets: number[] = [];
  for (const [i, e] of entries.entries()) {
    offsets.push(p);
    u32(0x04034b50); // local file header
    u16(10); // version needed: 1.0 (stored)
    u16(0x0800); // flags: names are UTF-8
    u16(0); // method: stored
    u16(0); // time 00:00
    u16(DOS_DATE_1980_01_01);
    u32(crcs[i]!);
    u32(e.data.length); // compressed size
    u32(e.data.length); // uncompressed size
    u16(names[i]!.length);
    u16(0); // extra field length
    bytes(names[i]!);
    bytes(e.data);
  }
  const centralStart = p;
  for (const [i, e] of entries.entries()) {
    u32(0x02014b50); // central directory header
    u16(20); // version made by: 2.0, MS-DOS attributes
    u16(10);
    u16(0x0800);
    u16(0);
    u16(0);
    u16(DOS_DATE_1980_01_01);
    u32(crcs[i]!);
    u32(e.data.length);
    u32(e.data.length);
    u16(names[i]!.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[i]!);
    bytes(names[i]!);
  }
  u32(0x06054b50); // end of central directory
  u16(0);
  u16(0);
  u16(entries.length);
  u16(entries.length);
  u32(centralSize);
  u32(centralStart);
  u16(0); // comment length
  return out;
}
