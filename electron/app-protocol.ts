/** The app:// protocol: serves the built renderer from one folder, with the CSP on every response. */
import { readFile } from 'node:fs/promises';
import { contentTypeOf, rendererFile } from './renderer-files';
import { APP_HOST, CONTENT_SECURITY_POLICY } from './security';

export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const file = rendererFile(rendererDir, url.pathname);
    if (url.host !== APP_HOST || file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
