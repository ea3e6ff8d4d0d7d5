/** Who the tab is signed in as (GET /api/me): pages offer writes by role and mark the viewer's own comments. */
import type { Me } from './types.js';
import { useApi } from './use-api.js';

export const useMe = () => useApi<Me>('/api/me');

/** Roles that raise, vote, comment and register (the API's WRITERS). */
export const canWrite = (me: Me | undefined): boolean =>
  me !== undefined && (me.role === 'officer' || me.role === 'inc' || me.role === 'admin');

/** Roles that moderate: hide comments, create polls. */
export const canModerate = (me: Me | undefined): boolean =>
  me !== undefined && (me.role === 'inc' || me.role === 'admin');

/**
 * A page's figures whose "Try again" also asks again who the viewer is: a page opened while the
 * server was away would otherwise stay without the writes its viewer may make.
 */
export function withMe<S extends { reload(): void }>(state: S, me: { status: string; reload(): void }): S {
  if (me.status !== 'error') return state;
  return {
    ...state,
    reload() {
      state.reload();
      me.reload();
    },
  };
}

/**
 * Who is offered "Introduce me": a vetted member who is a person (introductions are between
 * people; the API answers 403 without one). Guests (public clearance, a chat link's read-only
 * session, which names no person) are not.
 */
export const canIntroduce = (me: Me | undefined): boolean =>
  me !== undefined && me.person !== undefined && me.clearance !== 'public';
