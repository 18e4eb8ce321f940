// The zip container of an .xlsx: random access to its parts through the central directory (yauzl),
// each part read as a stream of decoded text, so a sheet is never held in memory whole.
import { TextDecoder } from 'node:util';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

/** A part could not be read: the zip is damaged (bad deflate data, sizes that do not match...). */
export class ZipPartError extends Error {
  constructor(
    readonly part: string,
    cause: unknown,
  ) {
    super(`${part}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export class XlsxZip {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly lowerCase: Map<string, string>,
  ) {}

  /** Opens the archive and reads its directory; rejects with yauzl's error when it is no zip. */
  static async open(path: string): Promise<XlsxZip> {
    const zip = await yauzl.openPromise(path, { autoClose: false, lazyEntries: true, validateEntrySizes: true });
    const entries = new Map<string, Entry>();
    const lowerCase = new Map<string, string>();
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        entries.set(entry.fileName, entry);
        lowerCase.set(entry.fileName.toLowerCase(), entry.fileName);
      }
    } catch (e) {
      zip.close();
      throw e;
    }
    return new XlsxZip(zip, entries, lowerCase);
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** The part's name as stored (part names are case-insensitive in OPC), or null. */
  resolve(name: string): string | null {
    const clean = name.replace(/^\/+/, '');
    if (this.entries.has(clean)) return clean;
    return this.lowerCase.get(clean.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.resolve(name) !== null;
  }

  size(name: string): number {
    const real = this.resolve(name);
    return real === null ? 0 : this.entries.get(real)!.uncompressedSize;
  }

  /** Whether any part is encrypted with zip's own (non-Office) encryption. */
  get encrypted(): boolean {
    for (const e of this.entries.values()) if (e.isEncrypted()) return true;
    return false;
  }

  /**
   * The part's text in chunks (UTF-8, or UTF-16 when it starts with a byte order mark), and the
   * number of uncompressed bytes read so far after each chunk. Stopping the iteration early
   * (break) closes the stream.
   */
  async *text(name: string): AsyncGenerator<{ chunk: string; bytes: number }> {
    const real = this.resolve(name);
    if (real === null) throw new ZipPartError(name, new Error('part missing'));
    const entry = this.entries.get(real)!;
    if (!entry.canDecodeFileData()) {
      throw new ZipPartError(real, new Error(entry.isEncrypted() ? 'part encrypted' : `compression method ${entry.compressionMethod}`));
    }
    let stream;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (e) {
      throw new ZipPartError(real, e);
    }
    let decoder: TextDecoder | null = null;
    let bytes = 0;
    try {
      for await (const buf of stream as AsyncIterable<Buffer>) {
        bytes += buf.length;
        if (decoder === null) {
          const le = buf[0] === 0xff && buf[1] === 0xfe;
          const be = buf[0] === 0xfe && buf[1] === 0xff;
          decoder = new TextDecoder(le ? 'utf-16le' : be ? 'utf-16be' : 'utf-8');
        }
        const chunk = decoder.decode(buf, { stream: true });
        if (chunk) yield { chunk, bytes };
      }
      const tail = decoder?.decode() ?? '';
      if (tail) yield { chunk: tail, bytes };
    } catch (e) {
      throw new ZipPartError(real, e);
    } finally {
      stream.destroy();
    }
  }

  /** A whole (small) part as text. */
  async readText(name: string): Promise<string> {
    const parts: string[] = [];
    for await (const { chunk } of this.text(name)) parts.push(chunk);
    return parts.join('');
  }

  close(): void {
    this.zip.close();
  }
}
