/**
 * Runs a read-only engine query and keeps its latest answer: at once for a new query, then again whenever
 * `refreshKey` changes, at most every REFRESH_MS (a busy cluster must not flood the worker, nor starve the
 * refresh), never while `enabled` is false. The last answer stays while a new one is on its way and after the
 * object is gone.
 */
import { useEffect, useRef, useState } from 'react';

export const REFRESH_MS = 300;

interface Latest<T> {
  query: string | undefined;
  refreshKey: string;
  enabled: boolean;
  run: (query: string) => Promise<T>;
}

export function useEngineText<T>(query: string | undefined, refreshKey: string, enabled: boolean, run: (query: string) => Promise<T>): T | undefined {
  const [answer, setAnswer] = useState<{ value: T; query: string } | undefined>(undefined);
  const latest = useRef<Latest<T>>({ query, refreshKey, enabled, run });
  const seq = useRef(0);
  const done = useRef<{ query?: string; key?: string }>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    latest.current = { query, refreshKey, enabled, run };
  });

  useEffect(() => {
    const fetchLatest = () => {
      const l = latest.current;
      if (!l.enabled || !l.query) return;
      done.current = { query: l.query, key: l.refreshKey };
      const mine = ++seq.current;
      const q = l.query;
      void l.run(q).then((value) => {
        if (mine === seq.current) setAnswer({ value, query: q });
      });
    };
    if (!enabled || !query) return;
    if (done.current.query === query && done.current.key === refreshKey) return;
    if (done.current.query !== query) {
      clearTimeout(timer.current);
      timer.current = undefined;
      fetchLatest();
      return;
    }
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      fetchLatest();
    }, REFRESH_MS);
  }, [query, refreshKey, enabled]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return answer && answer.query === query ? answer.value : undefined;
}
