// Picks the transport: the Electron preload's bridge when present, HTTP in browser mode. The rest
// of the renderer only sees QuarterdeckApi and HostBridge.
import type { FileRef, HostBridge, QuarterdeckApi, Result } from '../../../shared/api';
import { createHttpApi, readToken } from './http-client';

declare global {
  interface Window {
    quarterdeck?: QuarterdeckApi;
    quarterdeckHost?: HostBridge;
  }
}

export interface Backend {
  api: QuarterdeckApi;
  host: HostBridge;
  /** Browser mode only: sends a dropped or picked file to the host, returns its reference. */
  upload?: (file: File) => Promise<Result<FileRef>>;
}

function pickWithInput(upload: (file: File) => Promise<Result<FileRef>>): () => Promise<FileRef | null> {
  return () =>
    new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.csv,.tsv,.txt,.xlsx,.xlsm,text/csv';
      input.style.display = 'none';
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        input.remove();
        if (!file) return resolve(null);
        upload(file).then((r) => (r.ok ? resolve(r.value) : reject(new Error(r.error.message))), reject);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve(null);
      });
      document.body.appendChild(input);
      input.click();
    });
}

export function createBackend(): Backend {
  if (window.quarterdeck && window.quarterdeckHost) {
    return { api: window.quarterdeck, host: window.quarterdeckHost };
  }
  const http = createHttpApi(readToken());
  const upload = (file: File) => http.upload(file, file.name);
  return { api: http, host: { kind: 'browser', pickCsvFile: pickWithInput(upload) }, upload };
}
