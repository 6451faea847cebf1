import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from 'vitest';
import { MANIFEST_FORMAT, renderManifest, signatureVerifies, signManifest, type ManifestBody, type SignedManifest } from '../../../shared/export/manifest';
import { parseJson } from '../../helpers/json';
import { custodyAtExport } from '../../../shared/export/custody-cut';
import { createCase } from '../../../shared/store/case-folder';
import { appendCustody } from '../../../shared/store/custody';
import { tempDir } from '../../helpers/tmp';

const body: ManifestBody = {
  format: MANIFEST_FORMAT,
  case: { id: 'c', name: 'n', matter: null, examiner: 'e' },
  exportedAt: '2025-07-01T00:00:00.000Z',
  exportedBy: 'e',
  engineVersion: '0.1.0',
  analysis: { id: 1, inputDigest: 'i', outputDigest: 'o', finishedAt: '2025-06-30T00:00:00.000Z' },
  assumptions: [],
  plannedNoticeDate: null,
  custody: { headAtExport: { seq: 1, hash: 'h' }, currentHead: { seq: 1, hash: 'h' } },
  rulePacks: [{ jurisdiction: 'US-CA', version: '1.0.0', sha256: 'p' }],
  files: [{ path: 'a.csv', sha256: 's', size: 1 }],
};

test('an Ed25519 signature over the canonical manifest verifies, and fails once any value changes', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signed = signManifest(body, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey.export({ type: 'spki', format: 'pem' }).toString());
  expect(signatureVerifies(signed)).toBe(true);
  expect(signatureVerifies(parseJson<SignedManifest>(renderManifest(signed)))).toBe(true);
  expect(signatureVerifies({ ...signed, files: [{ path: 'a.csv', sha256: 's', size: 2 }] })).toBe(false);
  expect(signatureVerifies({ ...signed, signature: { ...signed.signature, value: Buffer.alloc(64).toString('base64') } })).toBe(false);
  expect(renderManifest(signed)).toBe(renderManifest(parseJson<SignedManifest>(renderManifest(signed))));
});

test('the custody shown in an export stops at the last entry that is not an export', async () => {
  const handle = await createCase({ dir: tempDir(), name: 'cut', investigator: 'e' });
  const note = appendCustody(handle.db, { actor: 'e', action: 'note', subject: 'n', details: {} });
  appendCustody(handle.db, { actor: 'e', action: 'export', subject: 'x', details: {} });
  expect(custodyAtExport(handle.db).head).toEqual({ seq: note.seq, hash: note.entryHash });
  appendCustody(handle.db, { actor: 'e', action: 'export', subject: 'y', details: {} });
  expect(custodyAtExport(handle.db).entries.map((e) => e.seq)).toEqual([1, 2]);
  const later = appendCustody(handle.db, { actor: 'e', action: 'note', subject: 'n2', details: {} });
  expect(custodyAtExport(handle.db).head.hash).toBe(later.entryHash);
  expect(custodyAtExport(handle.db).entries.length).toBe(5);
  handle.close();
});
