/**
 * One hook per API call builds on this: loading, error and ready states, the previous answer
 * kept while new filters load (charts do not flash empty), and requests for stale filters
 * cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem, apiGet, type Params } from './api-client.js';

export type ApiState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly data?: T }
  | { readonly status: 'error'; readonly error: ApiProblem; readonly data?: T }
  | { readonly status: 'ready'; readonly data: T };

/** `path` null: nothing to ask yet (e.g. no search text). */
/** `loadedAt`: when the data on hand arrived (ms since the epoch), to say how old stale figures are. */
/** `get`: how to ask (default: GET of JSON); a text answer passes its own. */
export function useApi<T>(
  path: string | null,
  params?: Params,
  get: (path: string, params: Params | undefined, signal: AbortSignal) => Promise<T> = apiGet,
): ApiState<T> & { reload(): void; loadedAt: number | undefined } {
  const key = path === null ? null : `${path}${JSON.stringify(params ?? {})}`;
  const [state, setState] = useState<ApiState<T>>({ status: path === null ? 'idle' : 'loading' });
  const [round, setRound] = useState(0);
  const last = useRef<T | undefined>(undefined);
  const loadedAt = useRef<number | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for path and params, compared by value.
  useEffect(() => {
    if (path === null) {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    setState(last.current === undefined ? { status: 'loading' } : { status: 'loading', data: last.current });
    get(path, params, abort.signal).then(
      (data) => {
        last.current = data;
        loadedAt.current = Date.now();
        setState({ status: 'ready', data });
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        const error = e instanceof ApiProblem ? e : new ApiProblem(0, 'ERR_CLIENT', (e as Error).message);
        setState(
          last.current === undefined ? { status: 'error', error } : { status: 'error', error, data: last.current },
        );
      },
    );
    return () => abort.abort();
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload, loadedAt: loadedAt.current };
}
