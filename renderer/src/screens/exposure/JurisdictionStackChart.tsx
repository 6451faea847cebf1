import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCents } from '../../../../shared/display/money';
import { compactDollars, isKnown, type JurisdictionExposure, type Scenario } from './exposure-types';

const SHOWN = 14;
const PALETTE = ['#2b5d9b', '#5b8fc7', '#1f7a4d', '#9a5b00', '#7a4fa0', '#b3261e', '#4f6b7a', '#c08a2e', '#6d8f3a', '#a05a7a'];

/** Known component figures per jurisdiction, stacked; one bar per jurisdiction (aggregates only). */
export const JurisdictionStackChart = memo(function JurisdictionStackChart({ jurisdictions, scenario }: { jurisdictions: readonly JurisdictionExposure[]; scenario: Scenario }) {
  const { data, labels } = useMemo(() => {
    const labels = new Set<string>();
    const data = jurisdictions
      .map((j) => {
        const row: Record<string, number | string> = { code: j.code.replace(/^US-/, '') };
        let sum = 0;
        for (const c of j.components) {
          const value = c[scenario];
          if (c.status !== 'computed' || !isKnown(value) || value === 0) continue;
          labels.add(c.label);
          row[c.label] = ((row[c.label] as number | undefined) ?? 0) + value;
          sum += value;
        }
        return { row, sum };
      })
      .filter((r) => r.sum > 0)
      .sort((a, b) => b.sum - a.sum)
      .slice(0, SHOWN)
      .map((r) => r.row);
    return { data, labels: [...labels].sort() };
  }, [jurisdictions, scenario]);

  if (data.length === 0) return <p className="small muted">No jurisdiction has a known, non-zero figure in this scenario.</p>;
  return (
    <div className="chart" style={{ height: 300 }} data-testid="jurisdiction-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 12 }} maxBarSize={56}>
          <CartesianGrid vertical={false} stroke="#e8eaed" />
          <XAxis dataKey="code" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tickFormatter={compactDollars} tick={{ fontSize: 11 }} width={64} />
          <Tooltip formatter={(value) => formatCents(Number(value))} cursor={{ fill: 'rgba(43, 93, 155, 0.06)' }} isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {labels.map((label, i) => (
            <Bar key={label} dataKey={label} stackId="exposure" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});
