/** The built renderer's files as both the app:// protocol and the loopback bridge serve them. */
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/** The file a URL path names inside `rootDir` ('/' is index.html), or null when it would leave the folder. */
export function rendererFile(rootDir: string, urlPath: string): string | null {
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)}`);
  return file.startsWith(root + path.sep) ? file : null;
}
