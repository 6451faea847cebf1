import type { EvidenceItem } from '../../../shared/contract/api';
import { Hash } from '../components/Hash';
import { formatBytes, formatCount, formatUtc } from '../format';

export function EvidenceDetails({ item }: { item: EvidenceItem }) {
  const imp = item.latestImport;
  return (
    <div className="panel details" aria-label={`Details of evidence ${item.id}`}>
      <h2 className="truncate" title={item.originalName}>
        Evidence {item.id} · {item.originalName}
      </h2>
      <dl className="kv">
        <dt>Original path</dt>
        <dd className="mono small wrap">{item.originalPath}</dd>
        <dt>SHA-256</dt>
        <dd>
          <Hash value={item.sha256} full testId="detail-sha256" />
        </dd>
        <dt>SHA-1</dt>
        <dd>
          <Hash value={item.sha1} full />
        </dd>
        <dt>MD5</dt>
        <dd>
          <Hash value={item.md5} full />
        </dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(item.size)} ({formatCount(item.size)} bytes)
        </dd>
        <dt>Acquired</dt>
        <dd>
          {formatUtc(item.acquiredAt)} by {item.acquiredBy} · source time zone {item.timeZone}
          {item.source ? ` · source ${item.source}` : ''}
        </dd>
        <dt>Format</dt>
        <dd>
          <span className="mono">{item.format}</span>
          {item.formatForced ? ' (chosen by the examiner)' : ' (detected)'}
          {imp && ` · parser v${imp.parserVersion} · ${imp.encoding}${imp.encodingGuessed ? ' (guessed)' : ''}`}
        </dd>
        <dt>Rows</dt>
        <dd>
          {imp
            ? `${formatCount(imp.rowsRead)} read · ${formatCount(imp.rowsImported)} imported · ${formatCount(imp.rowsRejected)} rejected · ${formatCount(imp.rowsDuplicate)} duplicate`
            : `Not imported (kept as an original only): ${item.notImported ?? 'no import yet'}`}
        </dd>
        {imp && imp.warnings.length > 0 && (
          <>
            <dt>Warnings</dt>
            <dd>
              <ul className="warnings">
                {imp.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
