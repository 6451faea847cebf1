import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { promises as fsp, readdirSync } from 'node:fs';
import path from 'node:path';
import type { PackRef } from '../law/types';
import { publicKeyFingerprint, readSigningKey, type CaseHandle } from '../store/case-folder';
import { custodyHead } from '../store/custody';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { ENGINE_VERSION } from '../version';
import type { AnalysisRecord } from './analysis-record';
import { sha256File } from './file-digest';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'breach-ledger/export-manifest@1';

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface ManifestBody {
  format: typeof MANIFEST_FORMAT;
  case: { id: string; name: string; matter: string | null; examiner: string };
  exportedAt: string;
  exportedBy: string;
  engineVersion: string;
  analysis: { id: number; inputDigest: string; outputDigest: string; finishedAt: string };
  assumptions: string[];
  plannedNoticeDate: string | null;
  custody: {
    /** The last non-export entry: the chain the exported files show. */
    headAtExport: { seq: number; hash: string };
    /** The real head when the export was made (the export's own entry follows it). */
    currentHead: { seq: number; hash: string };
  };
  rulePacks: Array<{ jurisdiction: string; version: string; sha256: string }>;
  files: ManifestFile[];
}

export interface ManifestSignature {
  algorithm: 'Ed25519';
  /** What was signed: the UTF-8 canonical JSON (keys sorted, no whitespace) of the manifest without `signature`. */
  signedData: 'canonical-json(manifest without signature)';
  publicKeyPem: string;
  publicKeyFingerprint: string;
  value: string;
}

export interface SignedManifest extends ManifestBody {
  signature: ManifestSignature;
}

export function signManifest(body: ManifestBody, privateKeyPem: string, publicKeyPem: string): SignedManifest {
  const value = sign(null, Buffer.from(canonicalJson(body), 'utf8'), createPrivateKey(privateKeyPem)).toString('base64');
  return {
    ...body,
    signature: {
      algorithm: 'Ed25519',
      signedData: 'canonical-json(manifest without signature)',
      publicKeyPem,
      publicKeyFingerprint: publicKeyFingerprint(publicKeyPem),
      value,
    },
  };
}

export function signatureVerifies(manifest: SignedManifest): boolean {
  const { signature, ...body } = manifest;
  try {
    return verify(null, Buffer.from(canonicalJson(body), 'utf8'), createPublicKey(signature.publicKeyPem), Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The manifest file's exact bytes: keys sorted at every depth, two-space indentation, final newline. Being a
 * function of the content alone, any edit that leaves the signed content intact (whitespace, escapes, order)
 * still changes the bytes away from this form, so the verifier can reject every altered byte.
 */
export function renderManifest(manifest: SignedManifest): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;
}

/** Writes the signed manifest into the export folder; returns its path and the SHA-256 of its exact bytes. */
export async function writeManifest(dir: string, manifest: SignedManifest): Promise<{ manifestPath: string; manifestSha256: string }> {
  const text = renderManifest(manifest);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  await fsp.writeFile(manifestPath, text, 'utf8');
  return { manifestPath, manifestSha256: sha256Hex(text) };
}

/** What an export's manifest says besides the case, the engine and the files. */
export interface ManifestFields {
  exportedAt: string;
  exportedBy: string;
  analysis: Pick<AnalysisRecord, 'id' | 'inputDigest' | 'outputDigest' | 'finishedAt'>;
  assumptions: string[];
  plannedNoticeDate: string | null;
  /** The head the exported files show; the custody head now when not given. */
  headAtExport?: { seq: number; hash: string };
  rulePacks: readonly PackRef[];
}

/** Lists every file in `dir` with its size and SHA-256, signs the manifest with the case key and writes it beside them. */
export async function signExportFolder(
  handle: CaseHandle,
  dir: string,
  fields: ManifestFields,
): Promise<{ files: ManifestFile[]; manifestPath: string; manifestSha256: string }> {
  const files: ManifestFile[] = [];
  for (const name of exportFilePaths(dir)) files.push({ path: name, ...(await sha256File(path.join(dir, ...name.split('/')))) });
  const currentHead = custodyHead(handle.db);
  const { id, inputDigest, outputDigest, finishedAt } = fields.analysis;
  const manifest = signManifest(
    {
      format: MANIFEST_FORMAT,
      case: { id: handle.info.id, name: handle.info.name, matter: handle.info.matter, examiner: handle.info.investigator },
      exportedAt: fields.exportedAt,
      exportedBy: fields.exportedBy,
      engineVersion: ENGINE_VERSION,
      analysis: { id, inputDigest, outputDigest, finishedAt },
      assumptions: fields.assumptions,
      plannedNoticeDate: fields.plannedNoticeDate,
      custody: { headAtExport: fields.headAtExport ?? currentHead, currentHead },
      rulePacks: fields.rulePacks.map(({ jurisdiction, version, sha256 }) => ({ jurisdiction, version, sha256 })),
      files,
    },
    await readSigningKey(handle),
    handle.info.publicKeyPem,
  );
  return { files, ...(await writeManifest(dir, manifest)) };
}

/** Every file under an export folder (sub-folders such as `notices/` included) as a `/`-separated path, sorted. */
export function exportFilePaths(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
