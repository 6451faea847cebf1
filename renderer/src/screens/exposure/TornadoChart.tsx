import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { assumptionLabel } from '../../../../shared/display/assumption-labels';
import { formatCents } from '../../../../shared/display/money';
import { compactDollars, type SensitivityRow } from './exposure-types';

interface Swing {
  key: string;
  label: string;
  down: number;
  up: number;
  row: SensitivityRow;
}

/** How far each assumption moves the stated total from today's value: biggest swing on top. */
export const TornadoChart = memo(function TornadoChart({ rows }: { rows: readonly SensitivityRow[] }) {
  const data = useMemo<Swing[]>(
    () =>
      [...rows]
        .sort((a, b) => b.swing - a.swing)
        .map((row) => {
          const deltas = row.outcomes.map((o) => o.delta);
          const label = assumptionLabel(row.key);
          return { key: row.key, label: label.length > 30 ? `${label.slice(0, 29)}…` : label, down: Math.min(0, ...deltas), up: Math.max(0, ...deltas), row };
        }),
    [rows],
  );
  if (data.length === 0) return <p className="small muted">No assumption can be varied for this case.</p>;
  return (
    <>
      <div className="chart" style={{ height: 40 + data.length * 30 }} data-testid="tornado-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" stackOffset="sign" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="#e8eaed" />
            <XAxis type="number" tickFormatter={compactDollars} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 11 }} />
            <ReferenceLine x={0} stroke="#5f6874" />
            <Tooltip content={<SwingTooltip />} cursor={{ fill: 'rgba(43, 93, 155, 0.06)' }} isAnimationActive={false} />
            <Bar dataKey="down" stackId="swing" fill="#5b8fc7" isAnimationActive={false} />
            <Bar dataKey="up" stackId="swing" fill="#b3261e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="chart-legend small" data-testid="tornado-legend">
        <span className="legend-item">
          <span className="swatch" style={{ background: '#5b8fc7' }} /> lowers the stated total
        </span>
        <span className="legend-item">
          <span className="swatch" style={{ background: '#b3261e' }} /> raises the stated total
        </span>
        <span className="muted">bar length: largest minus smallest stated total over the assumption's values</span>
      </div>
    </>
  );
});

function SwingTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Swing }> }) {
  const swing = active ? payload?.[0]?.payload : undefined;
  if (!swing) return null;
  return (
    <div className="chart-tooltip">
      <strong>{assumptionLabel(swing.key)}</strong> <span className="mono">{swing.key}</span> (now {swing.row.current})
      {swing.row.outcomes.map((o) => (
        <div key={o.value}>
          {o.value}: {formatCents(o.stated)} ({o.delta >= 0 ? '+' : ''}
          {formatCents(o.delta)})
        </div>
      ))}
    </div>
  );
}
