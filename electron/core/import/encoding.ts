// Text encodings of CRM exports. DuckDB's reader wants UTF-8 (its other encodings need an
// extension that cannot be downloaded offline), so anything else is transcoded, streaming, into a
// temp UTF-8 file. French Excel writes Windows-1252; Node's own decoder maps its 0x80-0x9F range
// wrongly. The single-byte encodings (Windows-1252, ISO-8859-1) go through a byte table of our
// own, several times faster than a general codec; UTF-16 through iconv-lite.
import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../shared/import/types';

export interface EncodingGuess {
  encoding: TextEncoding;
  bom: boolean;
  /** Why: shown in the import dialog. */
  reason: string;
  /** Not UTF-8: the first line that is not. */
  invalidUtf8Line?: number;
}

const HEAD_BYTES = 64 * 1024;

async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** UTF-16 without a BOM shows as a zero byte in every other position for Latin text. */
function utf16Guess(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length - (head.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Where a sequence of UTF-8 may be cut at the end of `data`: the start of a last character whose
 * bytes are not all there, else data.length.
 */
function incompleteTail(data: Uint8Array): number {
  const n = data.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const b = data[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - i < length ? i : n;
  }
  return n;
}

/**
 * Checks the whole file is UTF-8: a sample could pass while an accented name half a million
 * lines down does not. Returns the 1-based line of the first invalid byte. The check is native
 * and reads each byte once; only a file that fails is read again to find the line.
 */
async function firstInvalidUtf8Line(path: string): Promise<number | null> {
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    // A character cut by the chunk's end is checked with the next chunk.
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = incompleteTail(data);
    if (!isUtf8(data.subarray(0, cut))) return locateInvalidUtf8Line(path);
    carry = cut < data.length ? Buffer.from(data.subarray(cut)) : null;
  }
  return carry ? locateInvalidUtf8Line(path) : null;
}

/** Streams the file through a strict UTF-8 decoder: the 1-based line of the first invalid byte. */
async function locateInvalidUtf8Line(path: string): Promise<number | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      // Find the line of the bad sequence within this chunk.
      const strict = new TextDecoder('utf-8', { fatal: true });
      let start = 0;
      for (let i = 0; i <= chunk.length; i++) {
        if (i === chunk.length || chunk[i] === 0x0a) {
          try {
            strict.decode(chunk.subarray(start, i));
          } catch {
            return line;
          }
          line++;
          start = i + 1;
        }
      }
      return line;
    }
    for (const b of chunk) if (b === 0x0a) line++;
  }
  try {
    decoder.decode();
  } catch {
    return line;
  }
  return null;
}

export async function detectEncoding(path: string): Promise<EncodingGuess> {
  const head = await readHead(path);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, reason: 'UTF-8 byte-order mark' };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true, reason: 'UTF-16 LE byte-order mark' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true, reason: 'UTF-16 BE byte-order mark' };
  const utf16 = utf16Guess(head);
  if (utf16) return { encoding: utf16, bom: false, reason: 'zero bytes in every other position (UTF-16 without BOM)' };
  const badLine = await firstInvalidUtf8Line(path);
  if (badLine === null) return { encoding: 'utf-8', bom: false, reason: 'valid UTF-8 throughout' };
  // Not UTF-8: Windows-1252 is what Excel writes in Western Europe, and a superset of the
  // printable ISO-8859-1 range.
  return {
    encoding: 'windows-1252',
    bom: false,
    reason: `not valid UTF-8 (from line ${badLine}); read as Windows-1252 (Western European Excel)`,
    invalidUtf8Line: badLine,
  };
}

const ICONV_NAME: Record<TextEncoding, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1252': 'win1252',
  'iso-8859-1': 'latin1',
};

/** Windows-1252's 0x80-0x9F: typographic quotes, dashes, the euro sign... U+FFFD where it defines nothing. */
const CP1252_80_9F = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

/**
 * The UTF-8 bytes of every byte of a single-byte encoding: `packed[b]` holds them little-endian
 * (one to three), `length[b]` how many.
 */
interface ByteTable {
  packed: Int32Array;
  length: Uint8Array;
}

function byteTable(codePoint: (byte: number) => number): ByteTable {
  const packed = new Int32Array(256);
  const length = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    const bytes = Buffer.from(String.fromCodePoint(codePoint(b)), 'utf8');
    length[b] = bytes.length;
    packed[b] = bytes.reduce((acc, x, i) => acc | (x << (8 * i)), 0);
  }
  return { packed, length };
}

const SINGLE_BYTE: Partial<Record<TextEncoding, () => ByteTable>> = {
  'windows-1252': () => byteTable((b) => (b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80]! : b)),
  'iso-8859-1': () => byteTable((b) => b),
};
const tables = new Map<TextEncoding, ByteTable>();
/** singleByteToUtf8 reads and writes words in little-endian order, the byte order of x64 and arm64. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function tableOf(encoding: TextEncoding): ByteTable | null {
  const make = SINGLE_BYTE[encoding];
  if (!make || !LITTLE_ENDIAN) return null;
  let table = tables.get(encoding);
  if (!table) tables.set(encoding, (table = make()));
  return table;
}

/**
 * Converts `input` (a single-byte encoding) to UTF-8 into `out`, which must have room for
 * 3 * input.length + 4 bytes; returns the bytes written. Four bytes at a time while they are
 * ASCII, which is most of a CRM export. `input` must start on a 4-byte boundary of its buffer.
 */
export function singleByteToUtf8(input: Uint8Array, out: Uint8Array, table: ByteTable): number {
  const { packed, length } = table;
  const n = input.length;
  const words = new Int32Array(input.buffer, input.byteOffset, n >> 2);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const m = words.length;
  let j = 0;
  for (let k = 0; k < m; k++) {
    const w = words[k]!;
    if ((w & 0x80808080) === 0) {
      view.setInt32(j, w, true);
      j += 4;
      continue;
    }
    for (let shift = 0; shift < 32; shift += 8) {
      const b = (w >>> shift) & 0xff;
      if (b < 0x80) out[j++] = b;
      else {
        // Writes four bytes, of which the next character overwrites the unused ones.
        view.setInt32(j, packed[b]!, true);
        j += length[b]!;
      }
    }
  }
  for (let i = m << 2; i < n; i++) {
    const b = input[i]!;
    if (b < 0x80) out[j++] = b;
    else {
      view.setInt32(j, packed[b]!, true);
      j += length[b]!;
    }
  }
  return j;
}

/** Converts a whole buffer of a single-byte encoding (tests, small files). */
export function decodeSingleByte(input: Uint8Array, encoding: TextEncoding): Buffer {
  const table = tableOf(encoding);
  if (!table) throw new Error(`${encoding} is not a single-byte encoding`);
  const aligned = new Uint8Array(input.length);
  aligned.set(input);
  const out = Buffer.allocUnsafeSlow(input.length * 3 + 4);
  return out.subarray(0, singleByteToUtf8(aligned, out, table));
}

const CHUNK = 4 << 20;

/** Streams a single-byte file to UTF-8: one chunk read ahead and one written behind the one converted. */
async function transcodeSingleByte(path: string, table: ByteTable, outPath: string, onBytes?: (bytes: number) => void): Promise<void> {
  const input = await open(path, 'r');
  let output: FileHandle | null = null;
  // Every read and write started, settled before the files close (a failure elsewhere included).
  const pending: Promise<unknown>[] = [];
  const started = <T>(p: Promise<T>): Promise<T> => {
    pending.push(p.catch(() => undefined));
    return p;
  };
  try {
    const out = (output = await open(outPath, 'w'));
    const ins = [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)];
    const outs = [Buffer.allocUnsafeSlow(CHUNK * 3 + 4), Buffer.allocUnsafeSlow(CHUNK * 3 + 4)];
    const writing: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
    const writeAll = async (buf: Buffer, length: number, position: number) => {
      for (let done = 0; done < length; ) {
        const { bytesWritten } = await out.write(buf, done, length - done, position + done);
        done += bytesWritten;
      }
    };
    let readAt = 0;
    let writeAt = 0;
    let next = started(input.read(ins[0]!, 0, CHUNK, 0));
    for (let k = 0; ; k++) {
      const { bytesRead } = await next;
      if (bytesRead === 0) break;
      const chunk = ins[k % 2]!.subarray(0, bytesRead);
      readAt += bytesRead;
      next = started(input.read(ins[(k + 1) % 2]!, 0, CHUNK, readAt));
      // This output buffer is free once its write, two chunks ago, is done.
      await writing[k % 2];
      const buf = outs[k % 2]!;
      const length = singleByteToUtf8(chunk, buf, table);
      writing[k % 2] = started(writeAll(buf, length, writeAt));
      writeAt += length;
      onBytes?.(readAt);
    }
    await Promise.all(writing);
  } finally {
    await Promise.all(pending);
    await output?.close();
    await input.close();
  }
}

/** True when DuckDB can read the file as it is. */
export function needsTranscoding(encoding: TextEncoding): boolean {
  return encoding !== 'utf-8';
}

/**
 * Transcodes to UTF-8 without loading the file in memory. `onBytes` reports the bytes read so far
 * (for a progress bar).
 */
export async function transcodeToUtf8(
  path: string,
  encoding: TextEncoding,
  outPath: string,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  const table = tableOf(encoding);
  if (table) return transcodeSingleByte(path, table, outPath, onBytes);
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      onBytes?.(read);
      done(null, chunk);
    },
  });
  await pipeline(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    counter,
    iconv.decodeStream(ICONV_NAME[encoding], { stripBOM: true }),
    // The write stream encodes the decoded text as UTF-8 natively, faster than a JS encoder.
    createWriteStream(outPath, { encoding: 'utf8' }),
  );
}

/** Decodes the first bytes of a file for detection and previews. */
export async function readTextHead(path: string, encoding: TextEncoding, bytes = HEAD_BYTES): Promise<string> {
  const head = await readHead(path, bytes);
  const text = iconv.decode(head, ICONV_NAME[encoding], { stripBOM: true });
  return text;
}
