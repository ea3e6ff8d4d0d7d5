/**
 * Who reads an inbox or owns a subscription: a person, with the viewer their request runs as.
 * Notices and subscriptions are stored `restricted` with the person's id as `owner`; the person's
 * viewer gains their own id among its owners, so the store's own visibility filter (in the SQL or
 * Cypher query) lets them, and administrators, see these records and nobody else.
 */
import type { Viewer } from '../../graph/index.js';
import { NotifyError } from './errors.js';

export interface Reader {
  /** The reader's Person id. */
  readonly person: string;
  readonly viewer: Viewer;
}

/** The viewer that sees the person's own personal records besides what `viewer` sees. */
export function personalViewer(viewer: Viewer, person: string): Viewer {
  return viewer.orgs.includes(person) ? viewer : { ...viewer, orgs: [...viewer.orgs, person] };
}

/** The reader of a caller that may have no person (an API token or chat user not mapped to one). */
export function readerOf(viewer: Viewer, person: string | undefined): Reader {
  if (person === undefined) {
    throw new NotifyError('ERR_NO_PERSON', 'an inbox and subscriptions belong to a person; this caller names none');
  }
  return { person, viewer };
}
