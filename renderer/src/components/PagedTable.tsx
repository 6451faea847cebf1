import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { GridFrame, HEAD_HEIGHT, minGridWidth, RowCells, TableHead, type Column } from './VirtualTable';

interface Props<T> {
  label: string;
  columns: readonly Column<T>[];
  /** Rows that match, as the store counted them. */
  total: number;
  /** Rows 0..n-1, already fetched with the total. */
  firstPage: readonly T[];
  pageSize: number;
  loadPage: (offset: number, limit: number) => Promise<T[]>;
  rowKey(row: T): string | number;
  rowClassName?(row: T): string;
  selectedKey?: string | number | null;
  onSelect?: (row: T) => void;
  /** Enter or double click on a row. */
  onOpen?: (row: T) => void;
  onError?: (error: unknown) => void;
  rowHeight?: number;
  height?: number;
  testId?: string;
}

/** Wait this long after scrolling stops before asking the store for the pages in view. */
const SETTLE_MS = 60;

/**
 * A virtualized grid over a result set that stays in the store: only the pages in view are fetched
 * (limit/offset), only the rows in view are in the DOM. Remount it (key) when the query changes.
 */
export function PagedTable<T>(props: Props<T>) {
  const { columns, total, pageSize, rowHeight = 28, height = 420 } = props;
  const pages = usePages(props.firstPage, pageSize, props.loadPage, props.onError);
  const scroller = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 20,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const requestPages = pages.request;
  useEffect(() => requestPages(first, last), [first, last, requestPages]);

  // Keys moved the cursor onto a row that was still loading: select it once its page arrives.
  const cursorRow = cursor === null ? undefined : pages.rowAt(cursor);
  useEffect(() => {
    if (cursorRow && props.rowKey(cursorRow) !== props.selectedKey) props.onSelect?.(cursorRow);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the cursor's row arrives, not on every selection change.
  }, [cursorRow]);

  const template = columns.map((c) => c.width).join(' ');
  const move = (index: number) => {
    const next = Math.min(total - 1, Math.max(0, index));
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (total === 0) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in steps) {
      event.preventDefault();
      move((cursor ?? -1) + steps[event.key]!);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      move(event.key === 'Home' ? 0 : total - 1);
    } else if (event.key === 'Enter' && cursor !== null) {
      const row = pages.rowAt(cursor);
      if (row) props.onOpen?.(row);
    }
  };

  return (
    <GridFrame label={props.label} rowCount={total} testId={props.testId} scroller={scroller} onKeyDown={onKeyDown} fixedHeight={Math.min(height, Math.max(total, 1) * rowHeight)} minWidth={minGridWidth(columns)}>
      <TableHead columns={columns} template={template} />
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages.rowAt(item.index);
            const selected = row !== undefined && props.selectedKey !== undefined && props.rowKey(row) === props.selectedKey;
            return (
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                aria-busy={row === undefined}
                className={`vtable-row ${selected ? 'selected' : ''} ${item.index % 2 ? 'odd' : ''} ${item.index === cursor ? 'cursor' : ''} ${row && props.rowClassName ? props.rowClassName(row) : ''}`}
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start - HEAD_HEIGHT}px)` }}
                onClick={() => {
                  setCursor(item.index);
                  if (row) props.onSelect?.(row);
                }}
                onDoubleClick={() => row && props.onOpen?.(row)}
              >
                {row ? (
                  <RowCells columns={columns} row={row} />
                ) : (
                  <div role="gridcell" className="muted small loading-cell">
                    Loading row {(item.index + 1).toLocaleString('en-US')}…
                  </div>
                )}
              </div>
            );
          })}
      </div>
    </GridFrame>
  );
}

/** A page cache: pages in view are fetched once scrolling settles; stale answers after unmount are dropped. */
function usePages<T>(firstPage: readonly T[], pageSize: number, loadPage: (offset: number, limit: number) => Promise<T[]>, onError?: (error: unknown) => void) {
  const loaded = useRef(new Map<number, readonly T[]>([[0, firstPage]]));
  const pending = useRef(new Set<number>());
  const alive = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [, setVersion] = useState(0);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const fetchPage = useCallback(
    (page: number) => {
      pending.current.add(page);
      loadPage(page * pageSize, pageSize).then(
        (rows) => {
          pending.current.delete(page);
          if (!alive.current) return;
          loaded.current.set(page, rows);
          setVersion((v) => v + 1);
        },
        (error: unknown) => {
          pending.current.delete(page);
          if (alive.current) onError?.(error);
        },
      );
    },
    [loadPage, pageSize, onError],
  );

  const request = useCallback(
    (firstIndex: number, lastIndex: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        for (let page = Math.floor(firstIndex / pageSize); page <= Math.floor(lastIndex / pageSize); page++) {
          if (!loaded.current.has(page) && !pending.current.has(page)) fetchPage(page);
        }
      }, SETTLE_MS);
    },
    [fetchPage, pageSize],
  );

  const rowAt = (index: number): T | undefined => loaded.current.get(Math.floor(index / pageSize))?.[index % pageSize];
  return { request, rowAt };
}
