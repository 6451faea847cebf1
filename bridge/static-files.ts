/** Serves the built renderer from one folder, never outside it, under the Electron shell's CSP. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { contentTypeOf, rendererFile } from '../electron/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../electron/security';

export async function serveStatic(rootDir: string, urlPath: string, res: ServerResponse): Promise<void> {
  const file = rendererFile(rootDir, urlPath);
  if (file === null) return void res.writeHead(404).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  }
}
