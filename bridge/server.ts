/** Loopback-only HTTP server: serves the built renderer and speaks the engine contract (see wire.ts). */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LedgerApi } from '../shared/contract/api';
import { invokeMethod } from '../shared/contract/dispatch';
import { LedgerError, toErrorPayload } from '../shared/contract/errors';
import { throttleProgress } from '../shared/contract/progress';
import { hasToken, isSameLoopbackOrigin } from './guard';
import { serveStatic } from './static-files';
import { CALL_PATH, CANCEL_PATH, type BridgeCall, type BridgeLine } from './wire';

export interface BridgeOptions {
  api: LedgerApi;
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  token?: string;
}

export interface RunningBridge {
  port: number;
  token: string;
  /** Open this in a browser: the token travels in the fragment, which is never sent to a server. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const running = new Map<string, AbortController>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, toErrorPayload(error));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isSameLoopbackOrigin(req, port)) return sendJson(res, 403, { code: 'BAD_USAGE', message: 'Foreign host or origin refused.' });
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!pathname.startsWith('/api/')) {
      if (req.method !== 'GET') return sendJson(res, 405, { code: 'BAD_USAGE', message: 'Only GET is served here.' });
      return serveStatic(options.rendererDir, pathname, res);
    }
    if (!hasToken(req, token)) return sendJson(res, 401, { code: 'BAD_USAGE', message: 'Missing or wrong bridge token.' });
    if (req.method !== 'POST') return sendJson(res, 405, { code: 'BAD_USAGE', message: 'API calls are POST requests.' });
    const body = await readJson(req);
    if (pathname === CANCEL_PATH) {
      running.get(String(body.callId))?.abort();
      return void res.writeHead(204).end();
    }
    if (pathname === CALL_PATH) return streamCall(body as unknown as BridgeCall, res);
    sendJson(res, 404, { code: 'NOT_FOUND', message: `No API at ${pathname}.` });
  }

  async function streamCall(call: BridgeCall, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    const callId = String(call.callId);
    running.set(callId, controller);
    res.on('close', () => res.writableFinished || controller.abort());
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    const send = (line: BridgeLine) => res.write(`${JSON.stringify(line)}\n`);
    try {
      const onProgress = throttleProgress((event) => send({ type: 'progress', event }));
      const value = await invokeMethod(options.api, call.method, call.request, { onProgress, signal: controller.signal });
      send({ type: 'result', value });
    } catch (error) {
      send({ type: 'error', error: toErrorPayload(error) });
    } finally {
      running.delete(callId);
      res.end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of running.values()) controller.abort();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new LedgerError('BAD_USAGE', 'Request body too large.');
    chunks.push(chunk);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the usage error
  }
  throw new LedgerError('BAD_USAGE', 'The request body must be a JSON object.');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
}
