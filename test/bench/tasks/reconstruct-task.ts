import { openCase } from '../../../shared/store/case-folder';
import { normalizeScope } from '../../../shared/scope/definition';
import { recordScope } from '../../../shared/scope/scopes';
import { reconstruct } from '../../../shared/reconstruct/analysis';

const [caseDir] = process.argv.slice(2);
const handle = await openCase(caseDir!);
recordScope(handle.db, normalizeScope({ from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z', ips: ['203.0.113.0/24'] }), 'bench');
const summary = await reconstruct(handle, { residency: 'most-recent' }, 'bench');
handle.close();
process.stdout.write(JSON.stringify(summary));
