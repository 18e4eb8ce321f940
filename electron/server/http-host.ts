// Browser-mode host: serves the built renderer and the contract over HTTP on loopback only.
// Every API call needs the per-run token; the Host header must name the loopback address, so a
// web page elsewhere cannot reach the API through DNS rebinding.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { API_METHODS, type ApiMethod, type QuarterdeckApi, type Result } from '../../shared/api';
import { parseArgs } from '../../shared/api-schema';
import { encodeEnvelope } from '../../shared/transport/envelope';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HttpHostOptions {
  api: QuarterdeckApi;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface HttpHost {
  url: string;
  /** URL to open: carries the token in the fragment, which browsers never send to the server. */
  openUrl: string;
  token: string;
  port: number;
  uploads: Map<string, { path: string; name: string }>;
  close(): Promise<void>;
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const uploadDir = await mkdtemp(join(tmpdir(), 'quarterdeck-uploads-'));
  const uploads = new Map<string, { path: string; name: string }>();
  const rendererRoot = resolve(options.rendererDir);
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(e) } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendJson(res, 403, { ok: false, error: { code: 'UNAUTHORIZED', message: 'bad Host header' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.headers.authorization !== `Bearer ${token}`) {
        sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong token' } });
        return;
      }
      if (req.method !== 'POST') {
        sendJson(res, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'POST only' } });
        return;
      }
      if (url.pathname === '/api/upload') return upload(req, res, url);
      const method = url.pathname.slice('/api/call/'.length);
      if (!url.pathname.startsWith('/api/call/') || !(API_METHODS as readonly string[]).includes(method)) {
        sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `no operation ${url.pathname}` } });
        return;
      }
      return call(method as ApiMethod, req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    return serveStatic(url.pathname, res);
  }

  async function call(method: ApiMethod, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, 16 * 1024 * 1024);
    let args: unknown;
    try {
      args = JSON.parse(body.toString('utf8') || '[]');
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'body is not JSON' } });
      return;
    }
    const parsed = parseArgs(method, args);
    let result: Result<unknown>;
    if (!parsed.ok) result = parsed;
    else {
      const fn = options.api[method] as (...a: unknown[]) => Promise<Result<unknown>>;
      result = await fn.apply(options.api, parsed.value as unknown[]);
    }
    const bytes = encodeEnvelope(result);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(bytes);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = (url.searchParams.get('name') ?? 'upload.csv').replace(/[/\\]/g, '_').slice(0, 255);
    const id = randomBytes(12).toString('base64url');
    const path = join(uploadDir, `${id}${extname(name).replace(/[^.A-Za-z0-9]/g, '')}`);
    await pipeline(req, createWriteStream(path));
    uploads.set(id, { path, name });
    sendJson(res, 200, { ok: true, value: { kind: 'upload', id, name } });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(rendererRoot, rel || 'index.html');
    if (file !== rendererRoot && !file.startsWith(rendererRoot + sep)) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) file = join(rendererRoot, 'index.html');
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'max-age=3600',
    };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      headers['referrer-policy'] = 'no-referrer';
      res.writeHead(200, headers);
      res.end(await readFile(file));
      return;
    }
    res.writeHead(200, headers);
    await pipeline(createReadStream(file), res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    uploads,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
