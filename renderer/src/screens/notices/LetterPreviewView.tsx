import { useEffect, useState } from 'react';
import type { LedgerApi, LetterPreview } from '../../../../shared/contract/api';
import { ErrorBanner } from '../../components/States';

/**
 * One real person's letter as the engine composes it from the template in force, the facts and that person's
 * exposed elements. Counsel can ask for a given consumer; otherwise the engine picks the first letter.
 */
export function LetterPreviewView({ api, caseDir, jurisdiction, revision }: { api: LedgerApi; caseDir: string; jurisdiction: string; revision: unknown }) {
  const [consumerText, setConsumerText] = useState('');
  const [asked, setAsked] = useState<number | null>(null);
  const [preview, setPreview] = useState<LetterPreview | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    api.previewLetter({ caseDir, jurisdiction, consumerId: asked }).then(
      (p) => current && setPreview(p),
      (e: unknown) => current && (setPreview(null), setError(e)),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, jurisdiction, asked, revision]);

  return (
    <section className="panel letter-preview-panel" aria-labelledby={`preview-${jurisdiction}`} data-testid="letter-preview">
      <h2 id={`preview-${jurisdiction}`}>
        Preview of a real letter
        {preview && <span className="small muted">consumer {preview.consumerId}</span>}
      </h2>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          const id = Number(consumerText.trim());
          setAsked(consumerText.trim() && Number.isInteger(id) ? id : null);
        }}
      >
        <label>
          <span>Consumer id (blank: the first letter)</span>
          <input name="previewConsumer" className="mono" inputMode="numeric" value={consumerText} onChange={(e) => setConsumerText(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-small">
          Show letter
        </button>
      </form>
      {error !== null && <ErrorBanner error={error} />}
      {preview && preview.missingFacts.length > 0 && (
        <p className="small warn" data-testid="missing-facts">
          Printed as visible gaps until stated: {preview.missingFacts.join(', ')}.
        </p>
      )}
      {preview && (
        <article className="letter" aria-label={`Letter to consumer ${preview.consumerId}`} tabIndex={0}>
          {preview.paragraphs.map((p, i) => {
            const className = `letter-${p.style}${p.gap ? ' letter-gap' : ''}`;
            if (p.style === 'title') return <h3 key={i} className={className}>{p.text}</h3>;
            if (p.style === 'heading') return <h4 key={i} className={className}>{p.text}</h4>;
            if (p.style === 'bullet') return <p key={i} className={className}>• {p.text}</p>;
            return <p key={i} className={className}>{p.text}</p>;
          })}
        </article>
      )}
    </section>
  );
}
