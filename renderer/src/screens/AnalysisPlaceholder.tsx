import { EmptyState } from '../components/States';
import type { ScreenId } from './screens';

interface Need {
  title: string;
  purpose: string;
  needs: string[];
  methods: string[];
}

/** What each analysis screen will show and what it needs first; shown until the engine offers it. */
const NEEDS: Partial<Record<ScreenId, Need>> = {
  triage: {
    title: 'Triage timeline',
    purpose: 'Access events from every imported log on one UTC timeline, binned by hour, with the busiest actors, IP addresses and sessions.',
    needs: ['Access logs imported as evidence (Salesforce event logs, real-time events, web or cloud logs).'],
    methods: ['events', 'triage'],
  },
  scope: {
    title: 'Incident scope',
    purpose: 'The incident definition: time window and indicators (IP ranges, users, sessions, connected apps, user agents) that select the attacker’s events.',
    needs: ['Access logs imported as evidence.', 'A triage pass to pick indicators from.'],
    methods: ['scope'],
  },
  consumers: {
    title: 'Affected consumers',
    purpose: 'Each consumer reached by in-scope events, with the basis (exact, derived, inferred), the evidence rows behind it, residency and exposed data elements.',
    needs: ['A CRM or e-commerce export imported as evidence.', 'An incident scope.'],
    methods: ['reconstruct', 'consumers', 'explain'],
  },
  obligations: {
    title: 'Obligations and deadlines',
    purpose: 'Who must be notified (individuals, regulators, credit agencies), under which rule pack, and by when.',
    needs: ['Affected consumers with residency.', 'The discovery date of the case.'],
    methods: ['obligations'],
  },
  exposure: {
    title: 'Exposure',
    purpose: 'Low, expected and high statutory damages and penalty figures per jurisdiction, in whole cents, each with its citation and assumptions.',
    needs: ['Affected consumers.', 'Obligations assessed against the rule packs.'],
    methods: ['exposure'],
  },
  exports: {
    title: 'Exports',
    purpose: 'Workbooks, notification lists, the custody report and a signed manifest; each export is hashed and logged in custody.',
    needs: ['Evidence at least; most exports also need an analysis run.'],
    methods: ['export'],
  },
};

export function AnalysisPlaceholder({ screen, evidenceCount }: { screen: ScreenId; evidenceCount: number }) {
  const need = NEEDS[screen];
  if (!need) return null;
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">{need.title}</h1>
      </header>
      <EmptyState title="Not available in this version of the engine">
        <p>{need.purpose}</p>
        <p className="empty-needs-title">What it needs</p>
        <ul>
          {need.needs.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <p className="muted small">
          This case holds {evidenceCount} evidence file{evidenceCount === 1 ? '' : 's'}. The screen appears when the engine offers{' '}
          {need.methods.map((m, i) => (
            <span key={m}>
              {i > 0 && ', '}
              <code>{m}</code>
            </span>
          ))}
          .
        </p>
      </EmptyState>
    </section>
  );
}
