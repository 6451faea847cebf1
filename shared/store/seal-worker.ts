import { Worker } from 'node:worker_threads';
import type { Seal } from './chunked-cipher';

/**
 * Seals AES-256-GCM chunks on one worker thread shared by every encrypted file being written, so encrypting a
 * large file runs beside this thread's I/O and the hashing workers instead of between them. Plaintext and
 * ciphertext move by transfer, not by copy.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createCipheriv } = require('node:crypto');
parentPort.on('message', ({ id, key, nonce, aad, plaintext }) => {
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(aad);
    const body = cipher.update(plaintext);
    cipher.final();
    const sealed = new Uint8Array(body.length + 16);
    sealed.set(body);
    sealed.set(cipher.getAuthTag(), body.length);
    parentPort.postMessage({ id, sealed }, [sealed.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});`;

type Reply = { id: number; sealed: Uint8Array } | { id: number; error: string };

interface Waiting {
  resolve: (sealed: Buffer) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
const waiting = new Map<number, Waiting>();
let nextId = 0;

function startWorker(): Worker {
  const started = new Worker(WORKER_SOURCE, { eval: true });
  started.on('message', (reply: Reply) => {
    const job = waiting.get(reply.id)!;
    waiting.delete(reply.id);
    if (waiting.size === 0) started.unref();
    if ('error' in reply) job.reject(new Error(`encryption failed: ${reply.error}`));
    else job.resolve(Buffer.from(reply.sealed.buffer, reply.sealed.byteOffset, reply.sealed.byteLength));
  });
  started.on('error', (error) => {
    worker = null;
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  });
  started.unref();
  return started;
}

/** A sealer for `key`; the plaintext buffer handed to it is transferred to the worker and must not be used after. */
export function sealInWorker(key: Buffer): Seal<Promise<Buffer>> {
  return (plaintext, nonce, aad) =>
    new Promise((resolve, reject) => {
      const target = (worker ??= startWorker());
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      if (waiting.size === 1) target.ref();
      target.postMessage({ id, key, nonce, aad, plaintext }, [plaintext.buffer as ArrayBuffer]);
    });
}
