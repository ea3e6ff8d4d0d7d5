/** Loading, error and empty states, announced to screen readers (status / alert roles). */
import type { ReactNode } from 'react';
import type { ApiProblem } from '../lib/api-client.js';

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

/** A chart with its caption; `name` lets readers (and tests) tell charts apart. */
export function ChartFigure({ name, caption, children }: { name: string; caption: string; children: ReactNode }) {
  const id = `chart-${name}`;
  return (
    <figure className="chart" data-chart={name} aria-labelledby={id}>
      <figcaption id={id}>{caption}</figcaption>
      {children}
    </figure>
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
