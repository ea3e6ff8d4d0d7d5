/**
 * A wide table scrolls inside its own box, never the page. The box is focusable and named so
 * keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
import type { ReactNode } from 'react';

export function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
    <section className="table-box" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
