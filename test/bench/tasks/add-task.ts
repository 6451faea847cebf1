import { createCase } from '../../../shared/store/case-folder';
import { addEvidence } from '../../../shared/ingest/acquire';

const [caseDir, file, flag] = process.argv.slice(2);
const handle = await createCase({ dir: caseDir!, name: 'bench', investigator: 'bench', passphrase: flag === '--encrypt' ? 'bench passphrase' : null });
const started = process.hrtime.bigint();
const result = await addEvidence(handle, { file: file!, actor: 'bench' });
// The add alone, without creating the case (for an encrypted case that includes the one-off scrypt unlock).
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
handle.close();
process.stdout.write(JSON.stringify({ format: result.evidence.format, rowsImported: result.import?.rowsImported ?? 0, rowsRejected: result.import?.rowsRejected ?? 0, seconds }));
