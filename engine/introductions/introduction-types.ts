/**
 * An introduction's answer shape (./introductions.ts), apart from the code so that the dashboard can
 * share it as a type without compiling the engine. Its moments are ISO strings: already the JSON.
 */
import type { NodeOf } from '../../graph/index.js';
import type { ContactView } from '../contact/contact-types.js';

export type Introduction = NodeOf<'Introduction'>;

/** An introduction as a party sees it. */
export interface IntroductionView {
  readonly id: string;
  readonly status: Introduction['status'];
  readonly requester: string;
  /** The target's id and kind; for a request made from a handle, hidden from the requester until approval. */
  readonly target?: string;
  readonly targetKind?: Introduction['targetKind'];
  readonly viaHandle: boolean;
  readonly challenge?: string;
  readonly question?: string;
  readonly message: string;
  readonly incs: readonly string[];
  readonly createdAt: string;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  readonly note?: string;
  /** The caller's part in it. */
  readonly role: 'requester' | 'target' | 'inc' | 'admin';
  /** The target's contact route, to the requester once approved (when the target has set one). */
  readonly contact?: ContactView;
  readonly steps: readonly { at: string; by: string; step: string; note?: string }[];
}
