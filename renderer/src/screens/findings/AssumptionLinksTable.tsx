import type { ReactNode } from 'react';
import type { FindingsReport } from '../../../../shared/contract/api';
import { assumptionLabel } from '../../../../shared/display/assumption-labels';
import { byKind, kindLabel } from './finding-kinds';

type Link = FindingsReport['assumptionLinks'][number];
type KindFinding = Link['findings'][number];

interface Props {
  links: readonly Link[];
  firstHeader: string;
  /** The second line under an assumption's label (its key, or its stated value). */
  detail: (assumption: string) => string;
  /** How a finding kind opens: a link within the page, or a button that goes elsewhere. */
  openKind: (first: KindFinding, label: string) => ReactNode;
  testIdPrefix: string;
}

/** Each exposure assumption, how findings bear on it, and the findings of each kind from this evidence. */
export function AssumptionLinksTable({ links, firstHeader, detail, openKind, testIdPrefix }: Props) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col" style={{ width: '24%', textAlign: 'left' }}>{firstHeader}</th>
          <th scope="col" style={{ width: '36%', textAlign: 'left' }}>How findings bear on it</th>
          <th scope="col" style={{ textAlign: 'left' }}>Findings from this evidence, by kind</th>
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <tr key={link.assumption} data-testid={`${testIdPrefix}${link.assumption}`} style={{ verticalAlign: 'top' }}>
            <td>
              <b>{assumptionLabel(link.assumption)}</b>
              <br />
              <span className="mono small">{detail(link.assumption)}</span>
            </td>
            <td className="small">{link.bearing}</td>
            <td>
              {link.findings.length === 0 ? (
                <span className="muted">none found in this evidence</span>
              ) : (
                <ul style={{ margin: 0, paddingLeft: '1.1em' }}>
                  {byKind(link.findings).map(({ first, count, high }) => (
                    <li key={first.id}>
                      {openKind(first, kindLabel(first.id))}{' '}
                      <span className="muted small">
                        {count} finding{count === 1 ? '' : 's'}
                        {high > 0 ? `, ${high} high` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
