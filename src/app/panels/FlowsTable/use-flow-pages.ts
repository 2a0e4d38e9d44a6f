import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowPageQuery } from '../../model/flow-page';
import type { FlowRow } from '../../model/view-model';
import { requestFlowPage } from '../../worker/engine-bridge';

/** Rows asked of the worker at a time: a few screens of the drawer. */
export const PAGE_ROWS = 100;

type Question = Omit<FlowPageQuery, 'offset' | 'limit'>;

interface Pages {
  key: string;
  matched: number | null;
  total: number | null;
  pages: ReadonlyMap<number, FlowRow[]>;
}

/**
 * The rows of a summarized workspace's flows table, asked of the worker a page at a time as they
 * scroll into view; a new evaluation (`seq`) or question starts over.
 */
export function useFlowPages(seq: number | null, question: Question | null) {
  const key = JSON.stringify([seq, question]);
  const [state, setState] = useState<Pages>({ key, matched: null, total: null, pages: new Map() });
  const asked = useRef<{ key: string; pages: Set<number> }>({ key, pages: new Set() });

  const load = useCallback(
    (page: number) => {
      if (!question) return;
      if (asked.current.key !== key) asked.current = { key, pages: new Set() };
      if (asked.current.pages.has(page)) return;
      asked.current.pages.add(page);
      void requestFlowPage({ ...question, offset: page * PAGE_ROWS, limit: PAGE_ROWS }).then((result) => {
        if (!result) return;
        setState((current) => {
          const base = current.key === key ? current : { key, matched: null, total: null, pages: new Map() };
          return {
            key,
            matched: result.matched,
            total: result.total,
            pages: new Map(base.pages).set(page, result.rows),
          };
        });
      });
    },
    // The key stands for the question and the evaluation.
    [key],
  );

  useEffect(() => {
    load(0);
  }, [load]);

  const current = state.key === key ? state : null;
  return {
    matched: current?.matched ?? null,
    total: current?.total ?? null,
    rowAt: (index: number) => current?.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    load,
  };
}
