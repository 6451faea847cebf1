/** Request checks of the loopback bridge: only this server's own host/origin, and the token on /api. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Refuses DNS-rebinding (foreign Host) and cross-site pages (foreign Origin). */
export function isSameLoopbackOrigin(req: IncomingMessage, port: number): boolean {
  const origins = allowedOrigins(port);
  const host = req.headers.host;
  if (!host || !origins.includes(`http://${host}`)) return false;
  const origin = req.headers.origin;
  return origin === undefined || origins.includes(origin);
}

export function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
