/** Whether the screen is phone-narrow: charts then put category labels above their bars. */
import { useSyncExternalStore } from 'react';

/** Below this, a 220 px axis of labels would leave the bars less than half the plot. */
export const NARROW = '(max-width: 640px)';

export function useNarrow(): boolean {
  return useSyncExternalStore(
    (l) => {
      const m = window.matchMedia(NARROW);
      m.addEventListener('change', l);
      return () => m.removeEventListener('change', l);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
