import { createCase } from '../../../shared/store/case-folder';
import { addEvidence } from '../../../shared/ingest/acquire';

// `--encrypt`: an encrypted case (the scrypt unlock is part of the timed run, as it is for a user).
const [caseDir, file, flag] = process.argv.slice(2);
const handle = await createCase({ dir: caseDir!, name: 'bench', investigator: 'bench', passphrase: flag === '--encrypt' ? 'bench passphrase' : null });
const result = await addEvidence(handle, { file: file!, actor: 'bench', format: 'unparsed' });
handle.close();
process.stdout.write(JSON.stringify({ sha256: result.evidence.sha256 }));
