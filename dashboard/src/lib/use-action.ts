/**
 * A write from a page (a vote, a comment, a status move): busy while it runs, then what the
 * API said. A refusal keeps the API's message (a 409 names the moves that are allowed), so the
 * page shows the server's reason rather than guessing one.
 */
import { useCallback, useState } from 'react';
import { ApiProblem } from './api-client.js';

export type ActionState =
  | { readonly status: 'idle' }
  | { readonly status: 'busy' }
  | { readonly status: 'done'; readonly message: string }
  | { readonly status: 'error'; readonly error: ApiProblem };

export interface Action {
  readonly state: ActionState;
  /** Runs `write`; resolves true when it succeeded, with `done` as the message to show. */
  run(write: () => Promise<unknown>, done: string): Promise<boolean>;
  reset(): void;
}

export function useAction(): Action {
  const [state, setState] = useState<ActionState>({ status: 'idle' });
  const run = useCallback(async (write: () => Promise<unknown>, done: string) => {
    setState({ status: 'busy' });
    try {
      await write();
      setState({ status: 'done', message: done });
      return true;
    } catch (e) {
      const error = e instanceof ApiProblem ? e : new ApiProblem(0, 'ERR_CLIENT', (e as Error).message);
      setState({ status: 'error', error });
      return false;
    }
  }, []);
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, run, reset };
}
