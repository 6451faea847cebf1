import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TriageEntry } from '../../../../shared/contract/api';
import { formatCount, formatUtc } from '../../format';

const SHOWN = 12;
const DIMENSION_LABEL: Record<TriageEntry['dimension'], string> = { ip: 'IP', user: 'User', app: 'App', client: 'Client', agent: 'Agent' };

interface Span {
  label: string;
  span: [number, number];
  entry: TriageEntry;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}

function shorten(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** When each of the top talkers (by rows processed) was active, first to last event, against the window. */
export const ActivitySpanChart = memo(function ActivitySpanChart({ entries, window }: { entries: readonly TriageEntry[]; window: { from: number; to: number } | null }) {
  const data = useMemo<Span[]>(
    () =>
      entries.slice(0, SHOWN).map((entry) => {
        const start = Date.parse(entry.firstSeen);
        // A single event still gets a visible sliver (one minute).
        return { label: `${DIMENSION_LABEL[entry.dimension]} · ${shorten(entry.value)}`, span: [start, Math.max(Date.parse(entry.lastSeen), start + 60_000)], entry };
      }),
    [entries],
  );
  if (data.length === 0) return null;
  return (
    <div className="chart" data-testid="activity-chart" style={{ height: 36 + data.length * 22 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap={4}>
          <CartesianGrid horizontal={false} stroke="#e8eaed" />
          <XAxis type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={day} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={260} tick={{ fontSize: 11 }} interval={0} />
          {window && <ReferenceArea x1={window.from} x2={window.to} fill="#f3d9a4" fillOpacity={0.45} ifOverflow="extendDomain" />}
          <Tooltip content={<SpanTooltip />} cursor={{ fill: 'rgba(43, 93, 155, 0.06)' }} isAnimationActive={false} />
          <Bar dataKey="span" fill="#2b5d9b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});

function SpanTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Span }> }) {
  const entry = active ? payload?.[0]?.payload?.entry : undefined;
  if (!entry) return null;
  return (
    <div className="chart-tooltip">
      <strong className="wrap">{entry.value}</strong>
      <div>
        {formatUtc(entry.firstSeen)} → {formatUtc(entry.lastSeen)}
      </div>
      <div>
        {formatCount(entry.events)} events · {formatCount(entry.rowsProcessed)} rows processed · {entry.hoursActive} h active
      </div>
    </div>
  );
}
