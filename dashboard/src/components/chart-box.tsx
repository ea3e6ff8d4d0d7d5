/**
 * A chart's box: the width of its column, a fixed height. It draws at once at a likely width
 * and adjusts when measured; recharts' default waits for the first measurement, which cost
 * about half a second of the first load.
 */
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export function ChartBox({ height, children }: { height: number; children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 560, height }}>
      {children}
    </ResponsiveContainer>
  );
}
