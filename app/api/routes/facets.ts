/** What the dashboard's filters offer: topics, countries and INCs the caller may see. */
import type { FastifyInstance } from 'fastify';
import type { GraphNode, GraphStore, NodeKind, Viewer } from '../../../graph/index.js';
import { principalOf } from '../plugins/app/auth.js';
import { errors, noQuery } from '../schemas/common.js';
import { arr, obj, str } from '../schemas/json.js';
import { json } from './json.js';

async function all(store: GraphStore, kind: NodeKind, viewer: Viewer): Promise<GraphNode[]> {
  const out: GraphNode[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ kind, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) }, viewer);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

const byLabel = <T extends { label: string }>(a: T, b: T) => a.label.localeCompare(b.label, 'en');

export default async function facetRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/facets',
    {
      schema: {
        tags: ['service'],
        summary: 'Topics, countries and INCs to filter by',
        querystring: noQuery,
        response: {
          200: obj(
            {
              topics: arr(obj({ id: str(), label: str(), scheme: str() }, ['id', 'label', 'scheme'])),
              countries: arr(obj({ code: str(), label: str() }, ['code', 'label'])),
              incs: arr(obj({ id: str(), label: str(), country: str() }, ['id', 'label', 'country'])),
            },
            ['topics', 'countries', 'incs'],
          ),
          ...errors(),
        },
      },
    },
    async (req, reply) => {
      const viewer = principalOf(req).viewer;
      return json(reply, await app.answers.json('facets', {}, viewer, () => facets(app.engine.store, viewer)));
    },
  );
}

async function facets(store: GraphStore, viewer: Viewer) {
  const topics = (await all(store, 'Topic', viewer)).flatMap((n) =>
    n.kind === 'Topic' ? [{ id: n.id, label: n.label, scheme: n.scheme }] : [],
  );
  const countries = (await all(store, 'Country', viewer)).flatMap((n) =>
    n.kind === 'Country' ? [{ code: n.code, label: n.name }] : [],
  );
  const incs = (await all(store, 'Inc', viewer)).flatMap((n) =>
    n.kind === 'Inc' ? [{ id: n.id, label: n.name, country: n.country }] : [],
  );
  return { topics: topics.sort(byLabel), countries: countries.sort(byLabel), incs: incs.sort(byLabel) };
}
