/**
 * Per-work signals that graph evidence weighs: how mature a result is, how recent a work
 * is, and how much a role in it counts. Pure functions of a node, so tests and the
 * benchmark can state their expectations directly.
 */
import type { GraphNode } from '../../graph/index.js';

/**
 * Maturity in [0, 1]. A known TRL wins (TRL/9). Otherwise the deliverable type stands in:
 * something that was built and run (demonstrator, prototype, pilot, hardware) above tools
 * and data, above reports and documents, above websites, videos and the administrative
 * plans every project must file (data management, ethics).
 */
export function maturity(node: GraphNode): { value: number; basis: string } {
  if (node.kind === 'Result') {
    if (node.trl !== undefined) return { value: node.trl / 9, basis: `TRL ${node.trl}` };
    const t = (node.resultType ?? '').toLowerCase();
    if (t === '') return { value: 0.45, basis: 'type unknown' };
    return { value: typeMaturity(t), basis: node.resultType ?? t };
  }
  if (node.kind === 'Document') return { value: 0.4, basis: 'document' };
  return { value: 0.5, basis: node.kind.toLowerCase() };
}

function typeMaturity(t: string): number {
  if (/demonstrat|pilot|prototype|hardware/u.test(t)) return 0.75;
  if (/software|tool|service|data ?set|microdata/u.test(t)) return 0.6;
  if (/data management|ethic/u.test(t)) return 0.2;
  if (/website|patent|video/u.test(t)) return 0.3;
  if (/training|method/u.test(t)) return 0.5;
  return 0.45;
}

/** The date a work counts from: a result's or document's own date, a project's end (or start). */
export function workDate(node: GraphNode): string | undefined {
  if (node.kind === 'Project') return node.endDate ?? node.startDate ?? node.date;
  return node.date;
}

/** Half-life in years: a ten-year-old project still counts, half as much as this year's. */
export const RECENCY_HALF_LIFE_YEARS = 8;

/** Recency in (0, 1]: 1 for now or later, halving every RECENCY_HALF_LIFE_YEARS; 0.5 when undated. */
export function recency(date: string | undefined, now: Date): number {
  if (date === undefined) return 0.5;
  const t = Date.parse(date.slice(0, 10));
  if (Number.isNaN(t)) return 0.5;
  const years = (now.getTime() - t) / (365.25 * 24 * 3600 * 1000);
  return years <= 0 ? 1 : 0.5 ** (years / RECENCY_HALF_LIFE_YEARS);
}

/**
 * How much taking part counts, by relationship and role: producing a result is direct;
 * coordinating a project leads it, a participant did part of the work, associated partners
 * and third parties less.
 */
export function roleWeight(type: 'PRODUCED' | 'PARTICIPATED_IN' | 'MEMBER_OF', role: string | undefined): number {
  if (type === 'PRODUCED') return 1;
  if (type === 'MEMBER_OF') return 1;
  switch (role) {
    case 'coordinator':
      return 1;
    case 'participant':
    case 'partner':
    case undefined:
      return 0.7;
    case 'associatedPartner':
    case 'thirdParty':
      return 0.4;
    default:
      return 0.6;
  }
}
