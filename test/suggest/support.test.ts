/**
 * Topical support and diversity across needs (engine/suggest/support.ts, suggest.ts): the rule
 * a "this work answers your need" claim must pass, on evidence items as match-need returns them.
 */
import { describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../engine/match/answer.js';
import { roundRobin } from '../../engine/suggest/suggest.js';
import { needFloors, topicalFloor, workSupport } from '../../engine/suggest/support.js';

const item = (over: Partial<EvidenceItem> & { kind?: 'Project' | 'Result' }): EvidenceItem => ({
  work: { id: 'w1', kind: over.kind ?? 'Project', label: 'A work' },
  role: 'coordinator',
  contribution: 0.5,
  ...over,
});

const calibrated = topicalFloor({
  model: 'test-model',
  probes: 40,
  kinds: new Map([
    ['Project', { weak: 0.3, strong: 0.42 }],
    ['Result', { weak: 0.35, strong: 0.5 }],
    ['Challenge', { weak: 0.3, strong: 0.4 }],
  ]),
});
const never = () => false;
const always = () => true;

describe('topical support', () => {
  it('the floor is the highest cosine an off-topic probe reaches, per kind of work, and says so', () => {
    expect(calibrated.basis).toBe('calibrated');
    expect(calibrated.floors).toEqual({ Project: 0.42, Result: 0.5 });
    expect(calibrated.how).toMatch(/above both the highest any of 40 off-topic questions reaches/u);
  });

  it('a similarity counts only above its kind’s floor; a shared topic does not count when there is a model', () => {
    expect(workSupport(item({ similarity: 0.43 }), 'c1', calibrated, calibrated.floors, never)).toEqual({
      supported: true,
      basis: 'similarity',
      similarity: 0.43,
      floor: 0.42,
    });
    // The same cosine is below a result's floor.
    expect(
      workSupport(item({ similarity: 0.43, kind: 'Result' }), 'c1', calibrated, calibrated.floors, always),
    ).toEqual({
      supported: false,
      basis: 'none',
      similarity: 0.43,
      floor: 0.5,
    });
    // Not among the dense candidates: no similarity, no claim.
    expect(workSupport(item({}), 'c1', calibrated, calibrated.floors, always).supported).toBe(false);
  });

  it('in domain, the floor rises to the closest work on none of the need’s topics', () => {
    const neighbours = [
      { kind: 'Project', id: 'flood', cosine: 0.61 },
      { kind: 'Project', id: 'barrier', cosine: 0.55 },
      { kind: 'Result', id: 'kit', cosine: 0.3 },
      { kind: 'Result', id: 'far', cosine: 0.7 },
    ];
    const unrelated = (id: string) => id === 'flood' || id === 'kit';
    // The flood project (other topics) sets the project floor; the kit is below the result floor already.
    expect(needFloors(calibrated, neighbours, unrelated)).toEqual({ Project: 0.61, Result: 0.5 });
    // A need with no topics (no test given): the off-topic floors alone.
    expect(needFloors(calibrated, neighbours, undefined)).toEqual({ Project: 0.42, Result: 0.5 });
    const floors = needFloors(calibrated, neighbours, unrelated);
    expect(workSupport(item({ similarity: 0.55 }), 'c1', calibrated, floors, never).supported).toBe(false);
    expect(workSupport(item({ similarity: 0.62 }), 'c1', calibrated, floors, never).supported).toBe(true);
  });

  it('a work stored as addressing the need is support whatever its similarity, but only for that need', () => {
    expect(
      workSupport(item({ similarity: 0.1, addresses: 'c1' }), 'c1', calibrated, calibrated.floors, never).basis,
    ).toBe('addresses');
    expect(
      workSupport(item({ similarity: 0.1, addresses: 'c1' }), 'c2', calibrated, calibrated.floors, never).supported,
    ).toBe(false);
  });

  it('without a model, declared ties decide: addressing, or a lexical match on one of the need’s topics', () => {
    const lexical = topicalFloor(undefined);
    expect(lexical.basis).toBe('declared-only');
    expect(lexical.floors).toEqual({});
    expect(workSupport(item({}), 'c1', lexical, lexical.floors, always).basis).toBe('topic');
    expect(workSupport(item({}), 'c1', lexical, lexical.floors, never).supported).toBe(false);
  });
});

describe('diversity across needs', () => {
  it('round robin: one need with many answers does not take every slot', () => {
    const sorted = [
      { id: 'a1', need: 'n1' },
      { id: 'a2', need: 'n1' },
      { id: 'a3', need: 'n1' },
      { id: 'a4', need: 'n1' },
      { id: 'b1', need: 'n2' },
      { id: 'p1', need: '' },
      { id: 'c1', need: 'n3' },
    ];
    const picked = roundRobin(sorted, (x) => x.need, 4).map((x) => x.id);
    // First round: the best of each need, in score order; then the second best of each.
    expect(picked).toEqual(['a1', 'b1', 'p1', 'c1']);
    expect(roundRobin(sorted, (x) => x.need, 6).map((x) => x.id)).toEqual(['a1', 'b1', 'p1', 'c1', 'a2', 'a3']);
    // All of one need: the order is kept.
    expect(roundRobin(sorted.slice(0, 4), (x) => x.need, 3).map((x) => x.id)).toEqual(['a1', 'a2', 'a3']);
  });
});
