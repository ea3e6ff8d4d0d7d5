/**
 * Data-subject access (GDPR art. 15): everything held about a person, across the store and the
 * files, as one JSON document with a section per kind of personal record (records.ts).
 */
import { SYSTEM } from '../../graph/index.js';
import { PrivacyError } from './errors.js';
import type { PersonalContext, PersonalRecords } from './records.js';

export interface PersonExport {
  readonly format: 'ileanet-person-export/1';
  readonly exportedAt: string;
  readonly person: string;
  /** One entry per kind of personal record that holds something. */
  readonly records: Readonly<Record<string, unknown>>;
}

export async function exportPerson(
  o: Omit<PersonalContext, 'person' | 'log'> & {
    readonly records: PersonalRecords;
    readonly log?: (line: string) => void;
  },
  personId: string,
): Promise<PersonExport> {
  const node = await o.store.getNode(personId, SYSTEM);
  if (node === undefined || node.kind !== 'Person') {
    throw new PrivacyError(
      'ERR_PERSON_NOT_FOUND',
      node === undefined ? `no person with id ${personId}` : `${personId} is a ${node.kind}, not a person`,
      'id',
    );
  }
  const ctx: PersonalContext = {
    store: o.store,
    dataDir: o.dataDir,
    pseudonyms: o.pseudonyms,
    log: o.log ?? (() => undefined),
    person: { id: node.id, name: node.name },
  };
  const records: Record<string, unknown> = {};
  for (const kind of o.records.kinds) {
    const held = await kind.export(ctx);
    if (held === undefined || (Array.isArray(held) && held.length === 0)) continue;
    records[kind.name] = held;
  }
  return { format: 'ileanet-person-export/1', exportedAt: new Date().toISOString(), person: node.id, records };
}
