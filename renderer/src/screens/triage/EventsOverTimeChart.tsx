import { memo, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { bucketLabel, chartRows, seriesOf, tickLabel, timeTicks, type ChartRow, type Histogram, type Series } from '../../analysis/histogram';
import { formatCount, plural } from '../../format';

/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito); grey is "other types". */
const COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];
const OTHER_COLOR = '#9aa0a6';

function colorOf(series: Series, index: number): string {
  return series.types.length > 1 ? OTHER_COLOR : COLORS[index % COLORS.length]!;
}

/** One stacked segment; empty segments draw nothing. `data-bucket` lets tests count the buckets drawn. */
function BucketBar({ x, y, width, height, fill, payload }: BarShapeProps) {
  if (!(height > 0) || !(width > 0)) return null;
  return <rect x={x} y={y} width={width} height={height} fill={fill} data-bucket={(payload as ChartRow).start} />;
}

/**
 * Events per hour or day, stacked by source type, across the window plus context (the window shaded).
 * Aggregates only: one row per bucket as the engine counted them.
 */
export const EventsOverTimeChart = memo(function EventsOverTimeChart({ histogram }: { histogram: Histogram }) {
  const series = useMemo(() => seriesOf(histogram.buckets), [histogram]);
  const rows = useMemo(() => chartRows(histogram, series), [histogram, series]);
  const ticks = useMemo(() => timeTicks(histogram.range), [histogram]);
  const { bucket, range, window } = histogram;
  const total = histogram.buckets.reduce((n, b) => n + b.events, 0);
  const peak = histogram.buckets.reduce<Histogram['buckets'][number] | null>((p, b) => (p === null || b.events > p.events ? b : p), null);
  const summary = `${plural(total, 'event')} in ${plural(histogram.buckets.length, `${bucket} bucket`)} with events${peak ? `; busiest ${bucketLabel(peak.start, bucket)} with ${formatCount(peak.events)}` : ''}`;
  // Rows processed make an exfiltration stand out: a few events that moved many rows.
  const [measure, setMeasure] = useState<'events' | 'rows'>('events');
  const rowsTotal = histogram.buckets.reduce((n, b) => n + b.rowsProcessed, 0);
  const rowsPeak = histogram.buckets.reduce<Histogram['buckets'][number] | null>((p, b) => (p === null || b.rowsProcessed > p.rowsProcessed ? b : p), null);
  const rowsSummary = `${formatCount(rowsTotal)} rows processed${rowsPeak && rowsPeak.rowsProcessed > 0 ? `; most in ${bucketLabel(rowsPeak.start, bucket)}: ${formatCount(rowsPeak.rowsProcessed)} rows by ${plural(rowsPeak.events, 'event')}` : ''}`;

  return (
    <figure className="events-chart">
      <div className="segmented segmented-small chart-measure" role="group" aria-label="Chart shows">
        <button type="button" aria-pressed={measure === 'events'} className={measure === 'events' ? 'active' : ''} onClick={() => setMeasure('events')}>
          Events
        </button>
        <button type="button" aria-pressed={measure === 'rows'} className={measure === 'rows' ? 'active' : ''} onClick={() => setMeasure('rows')}>
          Rows processed
        </button>
      </div>
      <div className="chart" data-testid="events-chart" data-bucket-size={bucket} data-buckets={histogram.buckets.length} role="img" aria-label={measure === 'events' ? `Events over time per ${bucket}: ${summary}` : `Rows processed per ${bucket}: ${rowsSummary}`} style={{ height: 230 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} barCategoryGap={bucket === 'hour' ? '12%' : '8%'}>
            <CartesianGrid vertical={false} stroke="#e8eaed" />
            {window && (
              <ReferenceArea x1={Math.max(window.from, range.from)} x2={Math.min(window.to, range.to)} fill="#f3d9a4" fillOpacity={0.45} stroke="#d9a441" strokeDasharray="3 3" ifOverflow="hidden" />
            )}
            <XAxis dataKey="t" type="number" scale="time" domain={[range.from, range.to]} allowDataOverflow ticks={ticks} tickFormatter={(ms: number) => tickLabel(ms, bucket)} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} width={52} tickFormatter={(n: number) => formatCount(n)} tick={{ fontSize: 11 }} />
            <Tooltip content={<BucketTooltip series={series} bucket={bucket} />} cursor={{ fill: 'rgba(43, 93, 155, 0.08)' }} isAnimationActive={false} />
            {measure === 'events' ? (
              series.map((s, i) => <Bar key={s.key} dataKey={s.key} name={s.label} stackId="events" fill={colorOf(s, i)} shape={BucketBar} isAnimationActive={false} />)
            ) : (
              <Bar dataKey="rowsProcessed" name="Rows processed" fill="#b3261e" shape={BucketBar} isAnimationActive={false} />
            )}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-legend small">
        {measure === 'events' && series.map((s, i) => (
          <span key={s.key} className="legend-item" title={s.types.join(', ')}>
            <span className="swatch" style={{ background: colorOf(s, i) }} />
            <span className="mono">{s.label}</span> <span className="muted">{formatCount(s.events)}</span>
          </span>
        ))}
        {window && (
          <span className="legend-item">
            <span className="swatch swatch-window" /> window
          </span>
        )}
        <span className="muted legend-summary">{measure === 'events' ? summary : rowsSummary}</span>
      </figcaption>
    </figure>
  );
});

function BucketTooltip({ active, payload, series, bucket }: { active?: boolean; payload?: ReadonlyArray<{ payload?: ChartRow }>; series: readonly Series[]; bucket: Histogram['bucket'] }) {
  const row = active ? payload?.[0]?.payload : undefined;
  if (!row) return null;
  const types = Object.entries(row.byType).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const other = new Set(series.find((s) => s.types.length > 1)?.types ?? []);
  return (
    <div className="chart-tooltip">
      <strong>{bucketLabel(row.start, bucket)}</strong>
      <div>
        {plural(row.events, 'event')} · {formatCount(row.rowsProcessed)} rows processed
      </div>
      {types.map(([type, n]) => (
        <div key={type} className="small mono">
          {formatCount(n)} {type}
          {other.has(type) && <span className="muted"> (other)</span>}
        </div>
      ))}
    </div>
  );
}
