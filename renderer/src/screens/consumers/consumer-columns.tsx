import type { ConsumerView } from '../../../../shared/contract/api';
import { ELEMENT_LABELS, isElementCode, type Basis } from '../../../../shared/contract/elements';
import { Truncate } from '../../components/Truncate';
import type { Column } from '../../components/VirtualTable';
import { formatCount } from '../../format';

export function BasisPill({ basis }: { basis: Basis }) {
  return <span className={`pill basis-${basis}`}>{basis}</span>;
}

/** A stored element code as words; codes this build does not know are shown as they are. */
export function elementLabel(code: string): string {
  return isElementCode(code) ? ELEMENT_LABELS[code] : code;
}

export function statesText(c: ConsumerView): string {
  return c.countedIn.length > 1 ? c.countedIn.join(', ') : c.state;
}

export const CONSUMER_COLUMNS: Column<ConsumerView>[] = [
  { key: 'id', header: 'ID', width: '64px', align: 'right', render: (c) => c.id },
  { key: 'basis', header: 'Basis', width: '90px', render: (c) => <BasisPill basis={c.basis} /> },
  { key: 'name', header: 'Name', width: 'minmax(120px, 1.3fr)', render: (c) => <Truncate text={c.name ?? '—'} /> },
  { key: 'email', header: 'Email', width: 'minmax(150px, 1.6fr)', render: (c) => <Truncate className="mono small" text={c.email ?? '—'} /> },
  { key: 'phone', header: 'Phone', width: '120px', render: (c) => <span className="mono small">{c.phone ?? '—'}</span> },
  { key: 'state', header: 'Counted in', width: '96px', render: (c) => <Truncate className="mono small" text={statesText(c)} /> },
  { key: 'elements', header: 'Exposed elements', width: 'minmax(160px, 2fr)', render: (c) => <Truncate className="small" text={c.elements.map((e) => ELEMENT_LABELS[e.element]).join(', ')} /> },
  { key: 'records', header: 'Records', width: '66px', align: 'right', render: (c) => formatCount(c.records) },
];
