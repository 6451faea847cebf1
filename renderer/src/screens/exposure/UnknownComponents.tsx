import { formatCents } from '../../../../shared/display/money';
import type { ExposureResult } from '../../../../shared/contract/api';
import type { ExposureComponent, JurisdictionExposure } from './exposure-types';

interface UnknownLine {
  id: string;
  jurisdiction: JurisdictionExposure;
  component: ExposureComponent | undefined;
}

/** The components left out of every total (their amount is unknown), listed in full under the totals. */
export function UnknownComponents({ report }: { report: ExposureResult }) {
  const { totals } = report;
  if (totals.complete) return null;
  const lines: UnknownLine[] = totals.unknownComponents.map((id) => {
    const slash = id.indexOf('/');
    const jurisdiction = report.jurisdictions.find((j) => j.code === id.slice(0, slash))!;
    return { id, jurisdiction, component: jurisdiction?.components.find((c) => c.id === id.slice(slash + 1)) };
  });
  return (
    <section className="panel unknown-components" aria-labelledby="unknown-title" data-testid="unknown-components">
      <h2 id="unknown-title">
        Not in the totals: {lines.length} component{lines.length === 1 ? '' : 's'} of unknown amount{' '}
        <span className="small muted">the totals above are sums of the known components only — counsel must review these</span>
      </h2>
      <ul className="unknown-list">
        {lines.map(({ id, jurisdiction, component }) => (
          <li key={id}>
            <span className="mono">{jurisdiction?.code ?? id}</span> {jurisdiction?.name}: <strong>{component?.label ?? id}</strong>
            {component && <span className="muted"> — {unknownText(component)}</span>}
            {component && <span className="small muted"> ({component.citation})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function unknownText(c: ExposureComponent): string {
  const values = [c.low, c.stated, c.high];
  const text = values.find((v) => typeof v === 'string');
  const known = values.filter((v): v is number => typeof v === 'number');
  return [typeof text === 'string' ? text : formatCents(known[0] ?? 0), c.reason].filter(Boolean).join('; ');
}
