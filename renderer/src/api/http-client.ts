// The contract over HTTP, for browser mode. The token comes from the URL fragment printed by the
// server (#token=...), is kept for the tab's session and sent on every call.
import { API_METHODS, type FileRef, type QuarterdeckApi, type Result } from '../../../shared/api';
import { decodeEnvelope } from '../../../shared/transport/envelope';

const TOKEN_KEY = 'quarterdeck.token';

export function readToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

async function failure<T>(response: Response): Promise<Result<T>> {
  try {
    const body = (await response.json()) as Result<T>;
    if (!body.ok) return body;
  } catch {
    // fall through
  }
  return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${response.status}` } };
}

export function createHttpApi(token: string | null, base = '/api'): QuarterdeckApi & {
  upload(file: Blob, name: string): Promise<Result<FileRef>>;
} {
  const headers = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const call = async (method: string, args: unknown[]): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetch(`${base}/call/${method}`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `the Quarterdeck server cannot be reached (${String(e)})` } };
    }
    if (!response.ok) return failure(response);
    return decodeEnvelope<Result<unknown>>(new Uint8Array(await response.arrayBuffer()));
  };
  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as QuarterdeckApi;
  return {
    ...api,
    async upload(file, name) {
      const response = await fetch(`${base}/upload?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/octet-stream' },
        body: file,
      });
      if (!response.ok) return failure(response);
      return (await response.json()) as Result<FileRef>;
    },
  };
}
