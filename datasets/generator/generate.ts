/**
 * A seeded generator of a realistic fictional network, as an ingest source. On its own it
 * invents organisations and projects across Europe; given a store holding real ones (the
 * CORDIS import), it attaches its people, challenges and results to those.
 *
 * Same seed, options and store content: byte-identical records in the same order.
 * Memory stays bounded: records leave with each chunk of about `chunkSize` records, and
 * only numeric indexes (a few dozen bytes a person) are kept.
 */
import type { IngestSource, SourceChunk } from '../../engine/ingest/index.js';
import type { GraphStore } from '../../graph/index.js';
import { events } from './events.js';
import { readStore, type StoredWorld } from './from-store.js';
import { type GeneratorOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { fictionalOrgs, fictionalProjects, registerStoredOrgs, registerStoredProjects } from './organisations.js';
import { people } from './people.js';
import { Gen } from './state.js';
import { countries, incs, topics } from './world.js';

// `GeneratorError` is the name callers (the CLI) catch invalid options by.
export { DatasetError, DatasetError as GeneratorError } from './errors.js';
export type { GeneratorOptions, ResolvedOptions } from './options.js';

function* once(run: () => void): Generator<void> {
  run();
  yield;
}

/** The records, chunk by chunk. Exported for tests and benchmarks that need no store. */
export function* generate(o: ResolvedOptions, stored?: StoredWorld): Generator<SourceChunk> {
  const g = new Gen(o);
  const hasProjects = stored !== undefined && stored.projects.length > 0;
  // Steps are lazy generators: each runs when the previous one is exhausted, and yields
  // between units (an organisation, a person...), where a chunk may end.
  const steps: Iterable<void>[] = [
    countries(g, stored),
    topics(g, stored),
    once(() => {
      if (stored) registerStoredOrgs(g, stored);
    }),
    fictionalOrgs(g, stored),
    once(() => {
      g.solverOrgs = g.orgs.filter(
        (org) => org.kind === 'academia' || org.kind === 'research' || org.kind === 'industry',
      );
      if (stored && hasProjects) registerStoredProjects(g, stored);
    }),
    hasProjects ? [] : fictionalProjects(g),
    incs(g),
    events(g),
    people(g),
  ];
  for (const step of steps) {
    for (const _ of step) {
      if (g.out.size >= o.chunkSize) yield g.out.take(g.count.person, o.people);
    }
  }
  if (g.out.size > 0) yield g.out.take(o.people, o.people);
}

/**
 * An ingest source of generated records. Options are validated now (throws `DatasetError`
 * `ERR_INVALID_OPTIONS`); the store, when given, is read when reading starts.
 */
export function generatedSource(options: GeneratorOptions, store?: GraphStore): IngestSource {
  const o = resolveOptions(options);
  return {
    name: 'generated',
    async *read() {
      const stored = store ? await readStore(store, o.countries) : undefined;
      yield* generate(o, stored);
    },
  };
}
