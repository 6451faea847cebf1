import { createCase } from '../../../shared/store/case-folder';
import { addEvidence } from '../../../shared/ingest/acquire';

// `--encrypt`: an encrypted case (the scrypt unlock is part of the timed run, as it is for a user).
const [caseDir, file, flag] = process.argv.slice(2);
const handle = await createCase({ dir: caseDir!, name: 'bench', investigator: 'bench', passphrase: flag === '--encrypt' ? 'bench passphrase' : null });
const started = process.hrtime.bigint();
const result = await addEvidence(handle, { file: file!, actor: 'bench', format: 'unparsed' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
handle.close();
process.stdout.write(JSON.stringify({ sha256: result.evidence.sha256, seconds }));
