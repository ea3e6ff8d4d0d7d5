/**
 * The change feed every GraphStore keeps beside its data (graph/store.ts `changes`, `headSeq`,
 * `pruneChanges`): one ordered record per node or relationship that a committed write created,
 * replaced or removed, appended in the write's own transaction. Read models (the lexical index,
 * the vector indexes, the analytics snapshot, the API's answer cache) follow it to stay current
 * in every process, whichever process wrote.
 *
 * Storage is the backend's business, but both keep one *segment* per write transaction: the
 * first and last sequence number it took, the commit time and its records packed as one string
 * (`encodeRecords`). A segment costs one row (SQLite) or one node (Neo4j) whatever the batch
 * size, which is what keeps the feed's share of a bulk load small.
 *
 * Sequence numbers are allocated inside the write transaction while it holds the store's write
 * lock (SQLite: BEGIN IMMEDIATE; Neo4j: a write lock on the counter node held to commit), so
 * they are strictly increasing in commit order across every process and session: a reader that
 * has applied seq N has seen every commit up to N, and nothing committed later has a smaller seq.
 */
import type { NodeKind, RelType, Visibility } from './model.js';

export type ChangeOp = 'upsert' | 'delete';

interface ChangeBase {
  /** Position in the feed: strictly increasing, one per record, no reuse. */
  readonly seq: number;
  readonly op: ChangeOp;
  /** Commit time of the write (ISO 8601, the writer's clock). */
  readonly at: string;
}

/** A node written (created or changed) or removed. */
export interface NodeChange extends ChangeBase {
  readonly entity: 'node';
  readonly id: string;
  readonly kind: NodeKind;
  /** The visibility the node had after the write (upsert) or before it (delete). */
  readonly visibility: Visibility;
  readonly owner?: string;
}

/**
 * A relationship written or removed (deleteNodes reports the ones it cascaded to). A relationship
 * has no visibility of its own: it is visible when both ends are, and each end's own records
 * carry theirs.
 */
export interface RelChange extends ChangeBase {
  readonly entity: 'rel';
  readonly type: RelType;
  readonly from: string;
  readonly to: string;
}

export type ChangeRecord = NodeChange | RelChange;

/** A record before the store gave it a sequence number and a time. */
export type PendingChange = Omit<NodeChange, 'seq' | 'at'> | Omit<RelChange, 'seq' | 'at'>;

export interface ChangePage {
  /** Records with seq > afterSeq, in order, at most `limit`. */
  readonly changes: readonly ChangeRecord[];
  /** The last committed seq when this page was read (0 for an empty feed). */
  readonly head: number;
  /**
   * Identifies this feed: a new database (wiped, recreated, restored elsewhere) has a new epoch
   * and starts its sequence again, so a seq is meaningful only together with its epoch.
   */
  readonly epoch: string;
  /**
   * True when the records right after `afterSeq` are no longer kept (pruned by the retention rule),
   * or `afterSeq` is beyond the head (the feed was reset). The reader cannot catch up record by
   * record: it must rebuild from the store and continue from `head`.
   */
  readonly gap: boolean;
  /**
   * Seq up to which the feed was redacted by an erasure (`GraphStore.redactChanges`; 0: never).
   * A reader that had applied less than it gets `gap: true`; one at or past it goes on as usual.
   * Processes watch it to rewrite their persisted read models at once after an erasure.
   */
  readonly redacted: number;
}

export interface FeedRetention {
  /** Records younger than this many days are kept (default 7). */
  readonly days?: number;
  /** At most this many of the newest records are kept (default 1,000,000). */
  readonly records?: number;
}

/**
 * The documented retention rule: a record is dropped once it is older than `days` **or** no longer
 * among the newest `records` (whole segments go together, so a little more may stay). A reader that
 * stopped before the oldest kept record gets `gap: true` and rebuilds (and says so in its log).
 * Stores prune by themselves after writes (at most once a minute); `pruneChanges` runs it now.
 */
export const DEFAULT_RETENTION: Required<FeedRetention> = { days: 7, records: 1_000_000 };

/** Largest page `changes` returns. */
export const MAX_CHANGE_PAGE = 100_000;

const SEP = '\u0001';
const VIS_CODE: Record<Visibility, string> = { public: '0', network: '1', restricted: '2' };
const VIS_OF: Record<string, Visibility> = { '0': 'public', '1': 'network', '2': 'restricted' };

/**
 * One segment's records as one string: a line per record (`\n`), fields separated by U+0001.
 * Ids cannot hold white space (graph/model.ts idSchema), so neither separator occurs inside a field.
 */
export function encodeRecords(records: readonly PendingChange[]): string {
  return records
    .map((r) =>
      r.entity === 'node'
        ? ['n', r.op === 'upsert' ? 'u' : 'd', r.kind, VIS_CODE[r.visibility], r.owner ?? '', r.id].join(SEP)
        : ['r', r.op === 'upsert' ? 'u' : 'd', r.type, r.from, r.to].join(SEP),
    )
    .join('\n');
}

/** The records of a segment that starts at `firstSeq`, with their sequence numbers and time. */
export function decodeRecords(payload: string, firstSeq: number, at: string): ChangeRecord[] {
  if (payload === '') return [];
  return payload.split('\n').map((line, i): ChangeRecord => {
    const f = line.split(SEP);
    const op: ChangeOp = f[1] === 'd' ? 'delete' : 'upsert';
    const seq = firstSeq + i;
    if (f[0] === 'n') {
      const owner = f[4] ?? '';
      return {
        seq,
        op,
        at,
        entity: 'node',
        kind: f[2] as NodeKind,
        visibility: VIS_OF[f[3] ?? '2'] ?? 'restricted',
        ...(owner === '' ? {} : { owner }),
        id: f[5] ?? '',
      };
    }
    return { seq, op, at, entity: 'rel', type: f[2] as RelType, from: f[3] ?? '', to: f[4] ?? '' };
  });
}

/** Cut-off for pruning: records with seq ≤ the returned value may go. */
export function pruneThrough(head: number, retention: FeedRetention): number {
  const records = Math.max(0, Math.floor(retention.records ?? DEFAULT_RETENTION.records));
  return Math.max(0, head - records);
}

/** Time before which segments may go, as ISO 8601. */
export function pruneBefore(retention: FeedRetention, now: Date = new Date()): string {
  const days = Math.max(0, retention.days ?? DEFAULT_RETENTION.days);
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** How often (ms) a store prunes by itself after a write. */
export const AUTO_PRUNE_EVERY_MS = 60_000;

/** Whether a record names one of `ids` (a node record by its id, a relationship by either end). */
export function namesAny(record: PendingChange, ids: ReadonlySet<string>): boolean {
  // A node's owner names someone too: a person's own notices and subscriptions are owned by their Person id.
  return record.entity === 'node'
    ? ids.has(record.id) || (record.owner !== undefined && ids.has(record.owner))
    : ids.has(record.from) || ids.has(record.to);
}

/**
 * A segment's payload without the records naming `ids` (erasure, `GraphStore.redactChanges`), or
 * undefined when none does. The dropped records leave no placeholder: the store marks the feed
 * redacted through the segment, so no reader is ever served these seqs again (graph/store.ts).
 */
export function redactRecords(payload: string, ids: ReadonlySet<string>): string | undefined {
  const kept = decodeRecords(payload, 0, '').filter((r) => !namesAny(r, ids));
  const before = payload === '' ? 0 : payload.split('\n').length;
  return kept.length === before ? undefined : encodeRecords(kept);
}
