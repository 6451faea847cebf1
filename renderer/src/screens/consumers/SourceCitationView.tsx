import type { SourceCitation } from '../../../../shared/contract/api';
import { Hash } from '../../components/Hash';
import { Truncate } from '../../components/Truncate';

/** Where a row came from: evidence file, position, its hash and the original text re-read from the vault. */
export function SourceCitationView({ source }: { source: SourceCitation }) {
  const position = [source.entry && `member ${source.entry}`, source.lineNo !== null ? `line ${source.lineNo}` : `record ${source.recordNo}`, `bytes ${source.byteOffset}+${source.byteLength}`]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="citation">
      <div className="citation-head">
        <Truncate className="citation-file" text={`#${source.evidenceId} ${source.evidenceName}`} />
        <span className="small muted">{position}</span>
        <Hash value={source.sha256} />
      </div>
      {source.text !== null ? (
        <pre className="source-text" tabIndex={0} aria-label={`Original row from ${source.evidenceName}`}>
          {source.text}
          {source.truncated && <span className="muted">… (first 4 KB shown)</span>}
        </pre>
      ) : (
        <p className="small muted">Inside an archive member: cited by position, not re-read.</p>
      )}
    </div>
  );
}
