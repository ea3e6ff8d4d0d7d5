/** Countries, area topics and national contact points: the frame everything else attaches to. */
import type { StoredWorld } from './from-store.js';
import { Weighted } from './random.js';
import { type Gen, ids } from './state.js';
import { COUNTRY_BY_CODE } from './vocab/countries.js';

const INC_MANDATE =
  'Collects the innovation needs of law enforcement agencies in {country}, connects them with research and industry across the network, and brings calls, results and good practice back to practitioners.';

/** Reuses Country nodes already stored (matched by code); writes the missing ones. */
export function* countries(g: Gen, stored: StoredWorld | undefined): Generator<void> {
  for (const code of g.o.countries) {
    const info = COUNTRY_BY_CODE.get(code);
    if (info === undefined) continue; // options validation already rejects unknown codes
    const storedId = stored?.countryIds.get(code);
    const id = storedId ?? ids.country(code);
    if (storedId === undefined) g.out.node({ id, kind: 'Country', visibility: 'public', code, name: info.name });
    g.countries.push({
      info,
      id,
      incId: ids.inc(code),
      communities: new Weighted(
        info.communities,
        info.communities.map((c) => c.share),
      ),
      incMembers: 0,
    });
    yield;
  }
}

/** Reuses area Topics already stored (matched by `code`); writes the missing ones. */
export function* topics(g: Gen, stored: StoredWorld | undefined): Generator<void> {
  for (const a of g.areas) {
    const { code, label, description } = a.area;
    const storedId = stored?.topicIds.get(code);
    a.topicId = storedId ?? ids.topic(code);
    if (storedId === undefined)
      g.out.node({ id: a.topicId, kind: 'Topic', visibility: 'public', label, scheme: 'area', code, description });
    yield;
  }
}

/** One national contact point per country; its members join as people are generated. */
export function* incs(g: Gen): Generator<void> {
  for (const c of g.countries) {
    g.out.node({
      id: c.incId,
      kind: 'Inc',
      visibility: 'public',
      name: `National Innovation Contact Point ${c.info.name}`,
      country: c.info.code,
      mandate: INC_MANDATE.replace('{country}', c.info.name),
    });
    g.out.rel('LOCATED_IN', c.incId, c.id);
    g.out.rel('COORDINATES', c.incId, c.id);
    yield;
  }
}
