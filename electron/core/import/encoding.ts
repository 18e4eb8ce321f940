// Text encodings of CRM exports. DuckDB's reader wants UTF-8 (its other encodings need an
// extension that cannot be downloaded offline), so anything else is transcoded, streaming, into a
// temp UTF-8 file. French Excel writes Windows-1252; Node's own decoder maps its 0x80-0x9F range
// wrongly, hence iconv-lite.
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../shared/import/types';

export interface EncodingGuess {
  encoding: TextEncoding;
  bom: boolean;
  /** Why: shown in the import dialog. */
  reason: string;
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
 * Streams the whole file through a strict UTF-8 decoder: a sample could pass while an accented
 * name half a million lines down does not. Returns the 1-based line of the first invalid byte.
 */
async function firstInvalidUtf8Line(path: string): Promise<number | null> {
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
  };
}

const ICONV_NAME: Record<TextEncoding, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1252': 'win1252',
  'iso-8859-1': 'latin1',
};

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
