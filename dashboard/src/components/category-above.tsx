/** A horizontal bar's category written above it, from the plot's left edge (narrow screens have no room for an axis of labels). */
import { INK } from '../lib/format.js';

export interface LabelProps {
  readonly x?: number | string;
  readonly y?: number | string;
  readonly value?: unknown;
}

export function CategoryAbove({ x, y, value }: LabelProps) {
  return (
    <text x={Number(x ?? 0)} y={Number(y ?? 0) - 5} fill={INK} fontSize={12} className="category-above">
      {String(value ?? '')}
    </text>
  );
}
