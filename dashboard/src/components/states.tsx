/** Loading, error and empty states, announced to screen readers (status / alert roles). */
import { type ReactNode, useRef, useState } from 'react';
import type { ApiProblem } from '../lib/api-client.js';
import { chartToPng, type DataTable, download, downloadCsv } from '../lib/export.js';
import type { ApiState } from '../lib/use-api.js';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error, onRetry }: { error: ApiProblem; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>Could not load this.</strong> {error.message}
      </p>
      <p className="muted">
        {error.code}
        {error.requestId === undefined ? '' : ` · request ${error.requestId}`}
      </p>
      {onRetry === undefined ? null : (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="state state-empty" role="status">
      {children}
    </p>
  );
}

/**
 * A chart with its caption, a short note on how to read it, and its figures to take away: the
 * table behind it as CSV and the drawing as PNG. `name` lets readers (and tests) tell charts apart.
 */
export function ChartFigure({
  name,
  caption,
  howToRead,
  table,
  children,
}: {
  name: string;
  caption: string;
  howToRead?: ReactNode;
  table?: DataTable;
  children: ReactNode;
}) {
  const id = `chart-${name}`;
  const figure = useRef<HTMLElement>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const png = async () => {
    // The chart's own drawing, not the legend's icons (also recharts-surface).
    const svg = figure.current?.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
    if (svg === null || svg === undefined) return;
    try {
      const legend = [...(figure.current?.querySelectorAll('.recharts-legend-item') ?? [])];
      download(`${table?.name ?? name}.png`, await chartToPng(svg, legend));
      setProblem(undefined);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <figure className="chart" data-chart={name} aria-labelledby={id} ref={figure}>
      <figcaption id={id}>{caption}</figcaption>
      {howToRead === undefined ? null : <div className="how-to-read">{howToRead}</div>}
      <div className="chart-plot">{children}</div>
      {table === undefined ? null : (
        <div className="chart-tools no-print">
          <button type="button" className="secondary" onClick={() => downloadCsv(table)} aria-describedby={id}>
            Download CSV
          </button>
          <button type="button" className="secondary" onClick={png} aria-describedby={id}>
            Download PNG
          </button>
          {problem === undefined ? null : (
            <span className="state-error" role="alert">
              {problem}
            </span>
          )}
        </div>
      )}
    </figure>
  );
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * An API answer's states around the figures that show it: loading, the error with "Try again",
 * and, when a refresh fails while earlier figures are on screen, those figures marked out of
 * date (with the time they were loaded) rather than passed off as current.
 */
export function Figures<T>({
  state,
  what,
  children,
}: {
  state: ApiState<T> & { reload(): void; loadedAt?: number };
  what: string;
  children: (data: T) => ReactNode;
}) {
  const data = 'data' in state ? state.data : undefined;
  const stale = state.status === 'error' && data !== undefined;
  return (
    <>
      {state.status === 'error' ? <ErrorNote error={state.error} onRetry={state.reload} /> : null}
      {state.status === 'loading' ? <Loading what={data === undefined ? what : 'new figures'} /> : null}
      {data === undefined ? null : (
        <div className={stale ? 'figures stale' : 'figures'} data-stale={stale ? 'true' : undefined}>
          {stale ? (
            <p className="stale-note" role="status">
              <strong>Out of date:</strong> these figures were loaded at{' '}
              {state.loadedAt === undefined ? 'an earlier time' : clock.format(state.loadedAt)}; loading the figures for
              the filters above failed.
            </p>
          ) : null}
          {children(data)}
        </div>
      )}
    </>
  );
}

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
