/**
 * Trends, gaps, network and polls: query parameters converted from the analytics module's own
 * zod schemas, and the answers of engine/analytics/types.ts.
 */
import {
  gapsQuerySchema,
  networkQuerySchema,
  TREND_MEASURES,
  trendsQuerySchema,
} from '../../../engine/analytics/index.js';
import { strings } from './common.js';
import { arr, describe, fromZod, int, nullable, num, obj, type Schema, str } from './json.js';

export const trendsQuery: Schema = describe(fromZod(trendsQuerySchema), {
  by: 'Series per topic (default) or per country',
  unit: 'Bucket size: year (default) or quarter',
  from: 'Inclusive lower bound on the date (YYYY or YYYY-MM-DD)',
  to: 'Inclusive upper bound on the date',
  country: 'Only nodes tied to this country (upper case, e.g. BE)',
  topic: 'Only nodes about this topic id',
  minSupport: 'Emerging series need at least this many nodes in the recent window',
  limit: 'At most this many series, largest first',
});
export const gapsQuery: Schema = describe(fromZod(gapsQuerySchema), {
  country: 'Only challenges of this country (upper case)',
  minMaturity: 'A result counts as mature at or above this maturity in [0, 1] (0.6: TRL 6)',
  limit: 'At most this many topics and challenges',
});
export const networkQuery: Schema = describe(fromZod(networkQuerySchema), {
  top: 'How many organisations to list by centrality',
  country: 'Only this country (upper case)',
});

const perMeasure = (items: Schema) =>
  obj(Object.fromEntries(TREND_MEASURES.map((m) => [m, arr(items)])), [...TREND_MEASURES]);

const cycleShare: Schema = obj({ key: str(), label: str(), challenges: int(), addressed: int(), share: num() }, [
  'key',
  'label',
  'challenges',
  'addressed',
  'share',
]);

export const trendsAnswer: Schema = obj(
  {
    by: str({ enum: ['topic', 'country'] }),
    unit: str({ enum: ['year', 'quarter'] }),
    buckets: strings,
    series: arr(
      obj({ key: str(), label: str(), counts: perMeasure(int()), total: int(), growth: nullable(num()) }, [
        'key',
        'label',
        'counts',
        'total',
        'growth',
      ]),
    ),
    totals: perMeasure(int()),
    window: int(),
    emerging: arr(
      obj({ key: str(), label: str(), recent: int(), previous: int(), growth: num() }, [
        'key',
        'label',
        'recent',
        'previous',
        'growth',
      ]),
    ),
    cycle: obj(
      {
        challenges: int(),
        addressed: int(),
        daysToAddressed: obj({ count: int(), median: nullable(num()), mean: nullable(num()) }, [
          'count',
          'median',
          'mean',
        ]),
        byTopic: arr(cycleShare),
        byCountry: arr(cycleShare),
        participation: arr(
          obj(
            {
              country: str(),
              challenges: int(),
              votes: int(),
              comments: int(),
              pollAnswers: int(),
              surveyAnswers: int(),
            },
            ['country', 'challenges', 'votes', 'comments', 'pollAnswers', 'surveyAnswers'],
          ),
        ),
      },
      ['challenges', 'addressed', 'daysToAddressed', 'byTopic', 'byCountry', 'participation'],
    ),
    empty: str(),
  },
  ['by', 'unit', 'buckets', 'series', 'totals', 'window', 'emerging', 'cycle'],
);

export const gapsAnswer: Schema = obj(
  {
    minMaturity: num(),
    topics: arr(
      obj(
        {
          topic: str(),
          label: str(),
          challenges: int(),
          votes: num(),
          demand: num(),
          matureResults: int(),
          results: int(),
          gap: num(),
        },
        ['topic', 'label', 'challenges', 'votes', 'demand', 'matureResults', 'results', 'gap'],
      ),
    ),
    challenges: arr(
      obj(
        {
          id: str(),
          title: str(),
          country: str(),
          topics: strings,
          votes: num(),
          bestMaturity: num(),
          addressedBy: int(),
        },
        ['id', 'title', 'topics', 'votes', 'bestMaturity', 'addressedBy'],
      ),
    ),
    empty: str(),
  },
  ['minMaturity', 'topics', 'challenges'],
);

export const networkAnswer: Schema = obj(
  {
    organisations: int(),
    links: int(),
    modularity: num(),
    central: arr(
      obj(
        {
          id: str(),
          name: str(),
          country: str(),
          orgKind: str(),
          degree: int(),
          betweenness: num(),
          community: int(),
        },
        ['id', 'name', 'degree', 'betweenness', 'community'],
      ),
    ),
    communities: arr(
      obj(
        {
          id: int(),
          size: int(),
          members: arr(obj({ id: str(), name: str() }, ['id', 'name'])),
          countries: arr(obj({ country: str(), count: int() }, ['country', 'count'])),
          topics: arr(obj({ id: str(), label: str(), count: int() }, ['id', 'label', 'count'])),
        },
        ['id', 'size', 'members', 'countries', 'topics'],
      ),
    ),
    countries: arr(
      obj({ country: str(), organisations: int(), links: int(), crossBorderIndex: num() }, [
        'country',
        'organisations',
        'links',
        'crossBorderIndex',
      ]),
    ),
    countryOrder: strings,
    matrix: arr(arr(num())),
    empty: str(),
  },
  ['organisations', 'links', 'modularity', 'central', 'communities', 'countries', 'countryOrder', 'matrix'],
);

export const pollAnswer: Schema = obj(
  {
    id: str(),
    question: str(),
    closesAt: str(),
    event: obj({ id: str(), title: str() }, ['id', 'title']),
    options: arr(obj({ option: str(), votes: int(), share: num() }, ['option', 'votes', 'share'])),
    votes: int(),
  },
  ['id', 'question', 'options', 'votes'],
);
