// The single-byte transcoder (Windows-1252, ISO-8859-1 -> UTF-8) against iconv-lite, the codec
// library it replaces for these encodings: byte for byte, on every byte value, at every alignment
// of the four-bytes-at-a-time path, on random buffers and on files of several chunks. And the
// whole-file UTF-8 check that decides whether a file needs transcoding, with characters cut by
// its read chunks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSingleByte, detectEncoding, transcodeToUtf8 } from '../../electron/core/import/encoding';
import type { TextEncoding } from '../../shared/import/types';

const CODECS: [TextEncoding, string][] = [
  ['windows-1252', 'win1252'],
  ['iso-8859-1', 'latin1'],
];

const reference = (bytes: Uint8Array, codec: string) => Buffer.from(iconv.decode(Buffer.from(bytes), codec), 'utf8');

/** Deterministic bytes: mostly ASCII with a share of high bytes, like a European export. */
function randomBytes(seed: number, length: number, highShare: number): Uint8Array {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = next() < highShare ? 0x80 + Math.floor(next() * 128) : Math.floor(next() * 128);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'quarterdeck-transcode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(CODECS)('%s to UTF-8', (encoding, codec) => {
  it('converts all 256 byte values as iconv-lite does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeSingleByte(all, encoding).equals(reference(all, codec))).toBe(true);
  });

  it('converts each byte value at every position of a four-byte word and in the tail', () => {
    for (let b = 0; b < 256; b++) {
      for (let at = 0; at < 7; at++) {
        const bytes = new Uint8Array(7).fill(0x41);
        bytes[at] = b;
        bytes[(at + 3) % 7] = 0xe9;
        const got = decodeSingleByte(bytes, encoding);
        expect(got.equals(reference(bytes, codec)), `byte 0x${b.toString(16)} at ${at}`).toBe(true);
      }
    }
  });

  it('converts random buffers of any length as iconv-lite does', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const bytes = randomBytes(seed, seed * 37 + (seed % 5), [0, 0.01, 0.1, 0.5, 1][seed % 5]!);
      expect(decodeSingleByte(bytes, encoding).equals(reference(bytes, codec)), `seed ${seed}`).toBe(true);
    }
  });

  it('transcodes a file of several chunks, ending mid-word, as iconv-lite does', async () => {
    const bytes = randomBytes(encoding.length, 9 * 1024 * 1024 + 3, 0.05);
    const src = join(dir, `${encoding}.csv`);
    const out = join(dir, `${encoding}-utf8.csv`);
    writeFileSync(src, bytes);
    const progress: number[] = [];
    await transcodeToUtf8(src, encoding, out, (n) => progress.push(n));
    expect(readFileSync(out).equals(reference(bytes, codec))).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe('single-byte transcoding of files', () => {
  it('writes an empty file for an empty one', async () => {
    const src = join(dir, 'empty.csv');
    const out = join(dir, 'empty-utf8.csv');
    writeFileSync(src, '');
    await transcodeToUtf8(src, 'windows-1252', out);
    expect(readFileSync(out).length).toBe(0);
  });

  it('keeps a French line exact: accents, typographic quotes, euro sign, dashes', async () => {
    const text = 'Réf;Libellé;Montant\r\nD-1;Société d’Études – « Œuvre »;1 234,50 €\r\n';
    const src = join(dir, 'fr.csv');
    const out = join(dir, 'fr-utf8.csv');
    writeFileSync(src, iconv.encode(text, 'win1252'));
    await transcodeToUtf8(src, 'windows-1252', out);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });

  it('fails on a missing file and leaves nothing pending', async () => {
    await expect(transcodeToUtf8(join(dir, 'missing.csv'), 'windows-1252', join(dir, 'missing-utf8.csv'))).rejects.toThrow();
  });

  it('leaves UTF-16 to the codec library', async () => {
    const text = 'Nom;Ville\r\nÉlodie;Liège\r\n';
    const src = join(dir, 'utf16.csv');
    const out = join(dir, 'utf16-utf8.csv');
    writeFileSync(src, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]));
    await transcodeToUtf8(src, 'utf-16le', out);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });
});

describe('the whole-file UTF-8 check', () => {
  /** Lines of ASCII filler, with `text` placed so that its first byte is at `at` (a chunk is 1 MiB). */
  function fileWith(at: number, text: string, size = 3 * 1024 * 1024): Buffer {
    const line = 'D-000001,Rousseau,12500.00,2024-03-01\n';
    const body = Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size));
    const insert = Buffer.from(text, 'utf8');
    insert.copy(body, at);
    return body;
  }
  const MIB = 1024 * 1024;

  it('accepts characters of two, three and four bytes cut by the end of a read chunk', async () => {
    for (const [text, back] of [['é', 1], ['€', 1], ['€', 2], ['😀', 1], ['😀', 2], ['😀', 3]] as const) {
      const path = join(dir, `cut-${back}.csv`);
      writeFileSync(path, fileWith(MIB - back, text));
      const guess = await detectEncoding(path);
      expect(guess.encoding, `${text} cut ${back} bytes before the end of the first chunk`).toBe('utf-8');
    }
  });

  it('names the line of an invalid byte far into the file, and of a character cut by the end of the file', async () => {
    const bytes = fileWith(0, 'x');
    const at = 2 * MIB + 123;
    bytes[at] = 0xe9; // é in Windows-1252
    const path = join(dir, 'late-latin1.csv');
    writeFileSync(path, bytes);
    const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    const guess = await detectEncoding(path);
    expect(guess).toMatchObject({ encoding: 'windows-1252', invalidUtf8Line: line });
    expect(guess.reason).toContain(`from line ${line}`);

    const cut = join(dir, 'cut-at-end.csv');
    const whole = Buffer.from('a,b\n1,2\n3,\u20ac', 'utf8');
    writeFileSync(cut, whole.subarray(0, whole.length - 1));
    expect(await detectEncoding(cut)).toMatchObject({ encoding: 'windows-1252', invalidUtf8Line: 3 });
  });

  it('refuses an overlong form and an encoded surrogate as UTF-8', async () => {
    for (const [name, bad] of [['overlong', [0xc0, 0xaf]], ['surrogate', [0xed, 0xa0, 0x80]]] as const) {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from(bad), Buffer.from('\n')]));
      expect(await detectEncoding(path), name).toMatchObject({ encoding: 'windows-1252', invalidUtf8Line: 2 });
    }
  });
});
