/**
 * What shows when a page's code or rendering fails, instead of an empty window: what went
 * wrong, "Try again" (loads the page's code anew) and "Reload the dashboard". A page whose code
 * could not be fetched (the server was down) also retries by itself when the browser comes back
 * online or the tab regains focus.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, in words: "the Trends page". */
  readonly what: string;
  /** Called before the boundary renders its children again (drops the failed code load). */
  readonly onRetry?: () => void;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** A failed `import()` of a chunk (server down, or a new build removed it). */
export const isChunkLoadError = (e: Error): boolean =>
  /dynamically imported module|Importing a module script failed|error loading dynamically|Unable to preload/iu.test(
    e.message,
  );

export class PageBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidMount(): void {
    window.addEventListener('online', this.retryAfterLoadError);
    window.addEventListener('focus', this.retryAfterLoadError);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('online', this.retryAfterLoadError);
    window.removeEventListener('focus', this.retryAfterLoadError);
  }

  private readonly retryAfterLoadError = (): void => {
    if (this.state.error !== null && isChunkLoadError(this.state.error)) this.retry();
  };

  readonly retry = (): void => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const loading = isChunkLoadError(error);
    return (
      <div className="state state-error page-error" role="alert">
        <p>
          <strong>{loading ? `Could not load ${this.props.what}.` : `${this.props.what} stopped working.`}</strong>{' '}
          {loading ? 'The server may be down or restarting; the other pages you opened still work.' : error.message}
        </p>
        <p className="actions">
          <button type="button" onClick={this.retry}>
            Try again
          </button>
          <button type="button" className="secondary" onClick={() => window.location.reload()}>
            Reload the dashboard
          </button>
        </p>
      </div>
    );
  }
}
