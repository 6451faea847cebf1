import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { publicKeyFingerprint } from '../store/case-folder';
import { sha256File } from './file-digest';
import { exportFilePaths, MANIFEST_FORMAT, renderManifest, signatureVerifies, type SignedManifest } from './manifest';

export interface ExportFileCheck {
  path: string;
  ok: boolean;
  /** Null when ok; otherwise one sentence saying what is wrong. */
  problem: string | null;
}

export interface ExportVerification {
  ok: boolean;
  signatureOk: boolean;
  /** Fingerprint of the key that signed, to compare with the one published for the case. */
  publicKeyFingerprint: string | null;
  files: ExportFileCheck[];
}

/**
 * Checks an export with nothing but its files: the manifest's Ed25519 signature and exact form, every listed
 * file's size and SHA-256, and that no unlisted file sits beside them. Pass the case's public key to also
 * require that this key signed (the manifest carries its own key, which alone proves integrity, not origin).
 */
export async function verifyExport(manifestPath: string, options: { publicKeyPem?: string } = {}): Promise<ExportVerification> {
  const dir = path.dirname(path.resolve(manifestPath));
  const manifestName = path.basename(manifestPath);
  const failed = (problem: string): ExportVerification => ({ ok: false, signatureOk: false, publicKeyFingerprint: null, files: [{ path: manifestName, ok: false, problem }] });
  if (!existsSync(manifestPath)) return failed(`${manifestName} is missing`);
  const text = await fsp.readFile(manifestPath, 'utf8');
  let manifest: SignedManifest;
  try {
    manifest = JSON.parse(text) as SignedManifest;
  } catch (error) {
    return failed(`${manifestName} is not valid JSON (${(error as Error).message}): it was altered or truncated`);
  }
  if (manifest?.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files) || typeof manifest.signature?.value !== 'string') {
    return failed(`${manifestName} is not a Breach Ledger export manifest (${MANIFEST_FORMAT})`);
  }

  const signatureOk = signatureVerifies(manifest);
  const fingerprint = safeFingerprint(manifest.signature.publicKeyPem);
  const expectedFingerprint = options.publicKeyPem ? safeFingerprint(options.publicKeyPem) : null;
  const manifestProblem = !signatureOk
    ? `${manifestName}: the signature does not verify, so its content was altered after signing`
    : text !== renderManifest(manifest)
      ? `${manifestName}: the bytes differ from the signed manifest's exact form, so the file was edited`
      : expectedFingerprint !== null && expectedFingerprint !== fingerprint
        ? `${manifestName} is signed by key ${fingerprint}, not the expected key ${expectedFingerprint}`
        : null;
  const checks: ExportFileCheck[] = [{ path: manifestName, ok: manifestProblem === null, problem: manifestProblem }];

  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    checks.push({ path: entry.path, ...(await checkFile(dir, entry)) });
  }
  for (const name of exportFilePaths(dir)) {
    if (name !== manifestName && !listed.has(name)) checks.push({ path: name, ok: false, problem: `${name} is in the export folder but not listed in the manifest` });
  }
  return { ok: checks.every((c) => c.ok), signatureOk, publicKeyFingerprint: fingerprint, files: checks };
}

async function checkFile(dir: string, entry: { path: string; sha256: string; size: number }): Promise<{ ok: boolean; problem: string | null }> {
  if (typeof entry.path !== 'string' || path.isAbsolute(entry.path) || entry.path.split(/[\\/]/).includes('..')) {
    return { ok: false, problem: `${String(entry.path)}: the manifest lists a path outside the export folder` };
  }
  const file = path.join(dir, ...entry.path.split('/'));
  if (!existsSync(file)) return { ok: false, problem: `${entry.path} is missing` };
  const found = await sha256File(file);
  if (found.size !== entry.size) return { ok: false, problem: `${entry.path}: size is ${found.size} bytes, the manifest says ${entry.size}` };
  if (found.sha256 !== entry.sha256) return { ok: false, problem: `${entry.path}: SHA-256 is ${found.sha256}, the manifest says ${entry.sha256}` };
  return { ok: true, problem: null };
}

function safeFingerprint(pem: string): string | null {
  try {
    return publicKeyFingerprint(pem);
  } catch {
    return null;
  }
}
