import { createCase } from '../../../shared/store/case-folder';
import { addEvidence } from '../../../shared/ingest/acquire';

const [caseDir, file] = process.argv.slice(2);
const handle = await createCase({ dir: caseDir!, name: 'bench', investigator: 'bench' });
const result = await addEvidence(handle, { file: file!, actor: 'bench' });
handle.close();
process.stdout.write(JSON.stringify({ format: result.evidence.format, rowsImported: result.import?.rowsImported ?? 0, rowsRejected: result.import?.rowsRejected ?? 0 }));
