import { createCase } from '../../../shared/store/case-folder';
import { addEvidence } from '../../../shared/ingest/acquire';

const [caseDir, file] = process.argv.slice(2);
const handle = await createCase({ dir: caseDir!, name: 'bench', investigator: 'bench' });
const result = await addEvidence(handle, { file: file!, actor: 'bench', format: 'unparsed' });
handle.close();
process.stdout.write(JSON.stringify({ sha256: result.evidence.sha256 }));
