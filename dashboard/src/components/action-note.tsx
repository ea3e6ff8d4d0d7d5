/** The outcome of a write, announced: the API's refusal as an alert (with its code), success as a status. */
import type { ActionState } from '../lib/use-action.js';

export function ActionNote({ state }: { state: ActionState }) {
  if (state.status === 'error') {
    return (
      <div className="state state-error action-note" role="alert">
        <p>
          <strong>Not done.</strong> {state.error.message}
        </p>
        <p className="muted">
          {state.error.code}
          {state.error.requestId === undefined ? '' : ` · request ${state.error.requestId}`}
        </p>
      </div>
    );
  }
  return (
    <p className="action-note muted" role="status">
      {state.status === 'done' ? state.message : state.status === 'busy' ? 'Saving…' : ''}
    </p>
  );
}
