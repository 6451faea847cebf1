import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  /** A CSS grid track, e.g. '80px' or 'minmax(160px, 2fr)'. */
  width: string;
  align?: 'left' | 'right';
  render(row: T): ReactNode;
}

interface Props<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string | number;
  selectedKey?: string | number | null;
  onSelect?(row: T): void;
  rowHeight?: number;
  /** Height of the scrolling body in px. */
  height?: number;
  testId?: string;
}

/** A dense, virtualized grid: only visible rows are in the DOM; ↑/↓ move the selection. */
export function VirtualTable<T>({ label, rows, columns, rowKey, selectedKey, onSelect, rowHeight = 28, height = 360, testId }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const template = columns.map((c) => c.width).join(' ');
  const selectedIndex = rows.findIndex((r) => rowKey(r) === selectedKey);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!onSelect || rows.length === 0) return;
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + delta));
    onSelect(rows[next]!);
  };

  return (
    <div className="vtable" role="grid" aria-label={label} aria-rowcount={rows.length + 1} data-testid={testId}>
      <TableHead columns={columns} template={template} />
      <div className="vtable-body" ref={scroller} tabIndex={0} onKeyDown={onKeyDown} style={{ maxHeight: height }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const key = rowKey(row);
            return (
              <div
                key={key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={key === selectedKey}
                className={`vtable-row ${key === selectedKey ? 'selected' : ''} ${item.index % 2 ? 'odd' : ''}`}
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect?.(row)}
              >
                <RowCells columns={columns} row={row} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The header row of a grid; shared with PagedTable so both tables stay alike. */
export function TableHead<T>({ columns, template }: { columns: readonly Column<T>[]; template: string }) {
  return (
    <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
      {columns.map((c) => (
        <div key={c.key} role="columnheader" className={c.align === 'right' ? 'num' : ''}>
          {c.header}
        </div>
      ))}
    </div>
  );
}

/** One row's cells, in column order. */
export function RowCells<T>({ columns, row }: { columns: readonly Column<T>[]; row: T }) {
  return (
    <>
      {columns.map((c) => (
        <div key={c.key} role="gridcell" className={c.align === 'right' ? 'num' : ''}>
          {c.render(row)}
        </div>
      ))}
    </>
  );
}
