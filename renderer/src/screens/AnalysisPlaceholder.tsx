import { EmptyState } from '../components/States';
import type { ScreenId } from './screens';

interface Need {
  title: string;
  purpose: string;
  needs: string[];
  methods: string[];
}

/** What a screen will show and what it needs first; shown until the engine offers it. */
const NEEDS: Partial<Record<ScreenId, Need>> = {
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
