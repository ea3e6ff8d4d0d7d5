/** Filling `{slot}` templates. Templates are split once and cached: rendering sits on the hot path. */
import type { Rng } from './random.js';
import type { Area } from './vocab/area.js';

const compiled = new Map<string, readonly string[]>();

/** Even positions hold literal text, odd positions slot names. */
function parts(template: string): readonly string[] {
  let p = compiled.get(template);
  if (p === undefined) {
    p = template.split(/\{(\w+)\}/u);
    compiled.set(template, p);
  }
  return p;
}

function render(template: string, fill: (slot: string) => string): string {
  const p = parts(template);
  let out = p[0] as string;
  for (let i = 1; i < p.length; i += 2) out += fill(p[i] as string) + (p[i + 1] as string);
  return out;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
/** A label as it reads inside a sentence: "Cybercrime" becomes "cybercrime", "CBRN threats" stays. */
export const inSentence = (label: string): string => (/^\p{Lu}\p{Ll}/u.test(label) ? lowerFirst(label) : label);

/**
 * Slot values for one piece of text about an area. A value, once drawn, is kept, so that a
 * challenge's title and description (and a result answering it) speak of the same site.
 * An unknown slot is a vocabulary bug and throws.
 */
export class Slots {
  private readonly values = new Map<string, string>();

  constructor(
    private readonly rng: Rng,
    private readonly area: Area | undefined,
    private readonly shared: Readonly<Record<string, string | number>> = {},
  ) {}

  readonly fill = (slot: string): string => {
    let v = this.values.get(slot);
    if (v === undefined) {
      const own = this.area?.slots[slot];
      const common = this.shared[slot];
      if (own !== undefined) v = this.rng.pick(own);
      else if (common !== undefined) v = String(common);
      else throw new Error(`template slot {${slot}} has no value${this.area ? ` in area ${this.area.code}` : ''}`);
      this.values.set(slot, v);
    }
    return v;
  };

  text(template: string): string {
    return capitalise(render(template, this.fill));
  }
}
