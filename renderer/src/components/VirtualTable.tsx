import { useVirtualizer } from '@tanstack/react-virtual';
import { createContext, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  /** A CSS grid track, e.g. '80px' or 'minmax(160px, 2fr)'. */
  width: string;
  align?: 'left' | 'right';
  render(row: T): ReactNode;
  /** What the column sorts by; without it the column cannot be sorted. */
  sortValue?(row: T): string | number | null;
}

interface Props<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  selectedKey?: string | number | null;
  onSelect?: (row: T) => void;
  /** Enter on the selected row, or a double click: the row's main action. */
  onOpen?: (row: T) => void;
  /** Rows in the order shown after a header click (so exports can follow the table). */
  onSorted?: (rows: readonly T[]) => void;
  rowHeight?: number;
  /** Height of the scrolling body in px. */
  height?: number;
  testId?: string;
}

export const HEAD_HEIGHT = 30;

/** True inside a grid row: controls there leave the Tab order (the grid is one stop; arrows move inside it). */
export const InGrid = createContext(false);

/** The narrowest a grid can be before it scrolls sideways: fixed tracks and minmax minimums, plus gaps and padding. */
export function minGridWidth(columns: readonly { width: string }[]): number {
  const tracks = columns.map((c) => {
    const px = /(\d+(?:\.\d+)?)px/.exec(c.width);
    return px ? Number(px[1]) : 80;
  });
  return tracks.reduce((sum, w) => sum + w, 0) + 10 * (columns.length - 1) + 20;
}

type Sort = { key: string; direction: 'ascending' | 'descending' } | null;

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true });
}

/**
 * A dense, virtualized grid: only visible rows are in the DOM; ↑/↓ move the selection, Enter opens; headers sort.
 * Narrower than its columns, it scrolls sideways with the first column kept in view.
 */
export function VirtualTable<T>({ label, rows, columns, rowKey, selectedKey, onSelect, onOpen, onSorted, rowHeight = 28, height = 360, testId }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<Sort>(null);
  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!sort || !column?.sortValue) return rows;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => sign * compare(column.sortValue!(a), column.sortValue!(b)));
  }, [rows, columns, sort]);
  useEffect(() => onSorted?.(sorted), [sorted, onSorted]);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const template = columns.map((c) => c.width).join(' ');
  const selectedIndex = sorted.findIndex((r) => rowKey(r) === selectedKey);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget || sorted.length === 0) return;
    if (event.key === 'Enter' && selectedIndex >= 0 && onOpen) {
      event.preventDefault();
      onOpen(sorted[selectedIndex]!);
      return;
    }
    if (!onSelect) return;
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = Math.min(sorted.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + delta));
    onSelect(sorted[next]!);
  };

  return (
    <GridFrame label={label} rowCount={sorted.length} testId={testId} scroller={scroller} onKeyDown={onKeyDown} maxHeight={height} minWidth={minGridWidth(columns)}>
      <TableHead columns={columns} template={template} sort={sort} onSort={(key) => setSort(nextSort(sort, key))} />
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = sorted[item.index]!;
          const key = rowKey(row);
          return (
            <div
              key={key}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={onSelect ? key === selectedKey : undefined}
              className={`vtable-row ${key === selectedKey ? 'selected' : ''} ${item.index % 2 ? 'odd' : ''}`}
              style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start - HEAD_HEIGHT}px)` }}
              onClick={() => onSelect?.(row)}
              onDoubleClick={() => onOpen?.(row)}
            >
              <RowCells columns={columns} row={row} />
            </div>
          );
        })}
      </div>
    </GridFrame>
  );
}

function nextSort(sort: Sort, key: string): Sort {
  if (sort?.key !== key) return { key, direction: 'ascending' };
  return sort.direction === 'ascending' ? { key, direction: 'descending' } : null;
}

/** The scrolling grid element both tables share: one Tab stop, scrolls both ways, header kept on top. */
export function GridFrame(props: {
  label: string;
  rowCount: number;
  testId?: string;
  scroller: RefObject<HTMLDivElement | null>;
  onKeyDown: (event: KeyboardEvent) => void;
  maxHeight?: number;
  fixedHeight?: number;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <div className="vtable" data-testid={props.testId}>
      <div
        className="vtable-scroll"
        role="grid"
        aria-label={props.label}
        aria-rowcount={props.rowCount + 1}
        tabIndex={0}
        ref={props.scroller}
        onKeyDown={props.onKeyDown}
        style={{ maxHeight: props.maxHeight === undefined ? undefined : props.maxHeight + HEAD_HEIGHT, height: props.fixedHeight === undefined ? undefined : props.fixedHeight + HEAD_HEIGHT }}
      >
        <div className="vtable-inner" style={{ minWidth: props.minWidth }}>
          {props.children}
        </div>
      </div>
    </div>
  );
}

/** The header row of a grid; shared with PagedTable so both tables stay alike. */
export function TableHead<T>({ columns, template, sort, onSort }: { columns: readonly Column<T>[]; template: string; sort?: Sort; onSort?: (key: string) => void }) {
  return (
    <div role="rowgroup" className="vtable-headgroup">
      <div className="vtable-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: HEAD_HEIGHT }}>
        {columns.map((c) => {
          const sortable = Boolean(c.sortValue && onSort);
          const direction = sort?.key === c.key ? sort.direction : undefined;
          return (
            <div key={c.key} role="columnheader" className={c.align === 'right' ? 'num' : ''} aria-sort={sortable ? (direction ?? 'none') : undefined}>
              {sortable ? (
                <button type="button" className="sort-button" onClick={() => onSort!(c.key)} title={`Sort by ${c.header}`}>
                  {c.header}
                  <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}</span>
                </button>
              ) : (
                c.header
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** One row's cells, in column order. */
export function RowCells<T>({ columns, row }: { columns: readonly Column<T>[]; row: T }) {
  return (
    <InGrid.Provider value={true}>
      {columns.map((c) => (
        <div key={c.key} role="gridcell" className={c.align === 'right' ? 'num' : ''}>
          {c.render(row)}
        </div>
      ))}
    </InGrid.Provider>
  );
}
