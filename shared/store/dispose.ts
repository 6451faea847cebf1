import { createPrivateKey, sign } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { sha256File } from '../export/file-digest';
import { canonicalJson } from '../util/canonical-json';
import { ENGINE_VERSION } from '../version';
import { keyFilePath } from './case-keys';
import { KEYS_DIR, publicKeyFingerprint, readSigningKey, type CaseHandle } from './case-folder';
import { appendCustody, custodyHead, safeOsUser } from './custody';
import { syncDirectory, wipeFile, writeNewFileSynced } from './secure-delete';

export const CERTIFICATE_FORMAT = 'breach-ledger/disposal-certificate@1';

export interface DisposalCertificate {
  format: typeof CERTIFICATE_FORMAT;
  case: { id: string; name: string; matter: string | null; folder: string };
  disposedAt: string;
  disposedBy: { actor: string; osUser: string; host: string };
  engineVersion: string;
  encrypted: boolean;
  method: string;
  custodyHead: { seq: number; hash: string };
  files: Array<{ path: string; size: number; sha256: string }>;
  signature: { algorithm: 'Ed25519'; signedData: 'canonical-json(certificate without signature)'; publicKeyPem: string; publicKeyFingerprint: string; value: string };
}

/**
 * Destroys a case at the end of a matter. The disposal is logged in custody, every file is listed with its size
 * and SHA-256, and the certificate is signed with the case key and written outside the folder before anything is
 * destroyed. Then the wrapped data key goes first (an encrypted case is unreadable from that moment), then every
 * file is overwritten with zeros, fsynced and unlinked, and the folders removed. The handle is closed.
 */
export async function disposeCase(handle: CaseHandle, options: { certificatePath: string; actor: string; now?: Date }): Promise<{ certificatePath: string; certificate: DisposalCertificate }> {
  const certificatePath = path.resolve(options.certificatePath);
  const relative = path.relative(handle.dir, certificatePath);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    throw new LedgerError('BAD_USAGE', 'The disposal certificate must be written outside the case folder, which is destroyed; choose another path for it.');
  }
  if (existsSync(certificatePath)) throw new LedgerError('BAD_USAGE', `${certificatePath} already exists; choose a new file for the certificate.`);
  if (!existsSync(path.dirname(certificatePath))) throw new LedgerError('NOT_FOUND', `The folder ${path.dirname(certificatePath)} does not exist; create it first.`);

  const now = options.now ?? new Date();
  const signingKey = await readSigningKey(handle);
  const encrypted = handle.vaultKey !== null;
  appendCustody(handle.db, { actor: options.actor, action: 'dispose', subject: 'case', details: { certificate: path.basename(certificatePath), encrypted } }, now);
  const head = custodyHead(handle.db);
  handle.db.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();

  const files = await listFiles(handle.dir);
  const body: Omit<DisposalCertificate, 'signature'> = {
    format: CERTIFICATE_FORMAT,
    case: { id: handle.info.id, name: handle.info.name, matter: handle.info.matter, folder: handle.dir },
    disposedAt: now.toISOString(),
    disposedBy: { actor: options.actor, osUser: safeOsUser(), host: hostname() },
    engineVersion: ENGINE_VERSION,
    encrypted,
    method: encrypted
      ? 'wrapped data key overwritten with zeros and deleted first; then every file overwritten with zeros, fsynced and deleted'
      : 'every file overwritten with zeros, fsynced and deleted',
    custodyHead: head,
    files: await Promise.all(files.map(async (file) => ({ path: file, ...(await sha256File(path.join(handle.dir, file))) }))),
  };
  const certificate: DisposalCertificate = {
    ...body,
    signature: {
      algorithm: 'Ed25519',
      signedData: 'canonical-json(certificate without signature)',
      publicKeyPem: handle.info.publicKeyPem,
      publicKeyFingerprint: publicKeyFingerprint(handle.info.publicKeyPem),
      value: sign(null, Buffer.from(canonicalJson(body), 'utf8'), createPrivateKey(signingKey)).toString('base64'),
    },
  };
  await writeNewFileSynced(certificatePath, `${JSON.stringify(certificate, null, 2)}\n`, 0o644);

  if (encrypted) await wipeFile(keyFilePath(path.join(handle.dir, KEYS_DIR)));
  for (const file of files) await wipeFile(path.join(handle.dir, file));
  await fsp.rm(handle.dir, { recursive: true, force: true });
  await syncDirectory(path.dirname(handle.dir));
  return { certificatePath, certificate };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
