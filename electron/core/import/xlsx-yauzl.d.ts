// yauzl 3.x ships no type declarations (and @types/yauzl describes 2.x): the part the XLSX reader
// uses, typed by hand from yauzl's README.
declare module 'yauzl' {
  import type { Readable } from 'node:stream';

  export interface Entry {
    fileName: string;
    compressedSize: number;
    uncompressedSize: number;
    compressionMethod: number;
    generalPurposeBitFlag: number;
    canDecodeFileData(): boolean;
    isEncrypted(): boolean;
  }

  export interface ZipFile {
    readonly entryCount: number;
    readonly isOpen: boolean;
    eachEntry(): AsyncIterableIterator<Entry>;
    openReadStreamPromise(entry: Entry, options?: { decodeFileData?: boolean }): Promise<Readable>;
    close(): void;
  }

  export interface Options {
    autoClose?: boolean;
    lazyEntries?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }

  export function openPromise(path: string, options?: Options): Promise<ZipFile>;

  const yauzl: { openPromise: typeof openPromise };
  export default yauzl;
}
