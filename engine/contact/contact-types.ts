/** A contact route's answer shape (./contact.ts), apart from the code so that the dashboard can share it as a type. */
import type { ChatPlatform } from '../../graph/index.js';

/** A route as shown to a vetted member. */
export interface ContactView {
  readonly person: string;
  readonly route: 'chat' | 'inc';
  readonly platform?: ChatPlatform;
  readonly handle?: string;
  /** With route `inc`: the INC of the person's country that passes messages on, when the viewer sees one. */
  readonly inc?: { readonly id: string; readonly name: string; readonly country: string };
}
