/**
 * "did you mean" for a mistyped command: the closest command name or alias by edit distance
 * (fastest-levenshtein), close enough to be a slip of the fingers and not a different word.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { CommandRegistry } from './registry.js';

/** The command `word` most likely meant, or undefined when none is close. */
export function didYouMean(registry: CommandRegistry, word: string): string | undefined {
  const w = word.toLowerCase();
  const names = registry.list().flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  if (names.length === 0 || w.length < 3) return undefined;
  const best = closest(w, names);
  // One slip in a short word, two in a long one: "sugest" → suggest, "who-solvd" → who-solved; "frobnicate" → none.
  const allowed = w.length <= 5 ? 1 : 2;
  if (distance(w, best) > allowed) return undefined;
  // An alias names its command.
  return registry.get(best)?.name ?? best;
}
