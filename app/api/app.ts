/**
 * The HTTP API and the dashboard, organised as plugins (fastify/demo's layout):
 *   plugins/external  third-party concerns: OpenAPI and its UI, rate limits, CORS, security headers;
 *   plugins/app       our services on the instance: the engine, auth, the error handler, request logs, the dashboard;
 *   routes            thin and schema-first: validate, call the engine as the caller's viewer, answer.
 * Tests drive it with `app.inject()`; `ileanet serve` listens on a port.
 */
import { randomUUID } from 'node:crypto';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import type { Engine } from '../../engine/service.js';
import answerCache, { type AnswerCacheOptions } from './plugins/app/answer-cache.js';
import auth from './plugins/app/auth.js';
import body from './plugins/app/body.js';
import dashboard from './plugins/app/dashboard.js';
import engine from './plugins/app/engine.js';
import errors, { clientErrorHandler, frameworkErrors } from './plugins/app/errors.js';
import requestLog from './plugins/app/request-log.js';
import cors, { type CorsOptions } from './plugins/external/cors.js';
import headers from './plugins/external/helmet.js';
import rateLimit, { type RateLimitOptions } from './plugins/external/rate-limit.js';
import swagger from './plugins/external/swagger.js';
import analyticsRoutes from './routes/analytics.js';
import challengeRoutes from './routes/challenges.js';
import commentRoutes from './routes/comments.js';
import contactRoutes from './routes/contact.js';
import discoverRoutes from './routes/discover.js';
import eventRoutes from './routes/events.js';
import facetRoutes from './routes/facets.js';
import grantRoutes from './routes/grants.js';
import introductionRoutes from './routes/introductions.js';
import matchRoutes from './routes/match.js';
import notifyRoutes from './routes/notify.js';
import pollRoutes from './routes/polls.js';
import privacyRoutes from './routes/privacy.js';
import serviceRoutes from './routes/service.js';
import suggestRoutes from './routes/suggest.js';
import surveyRoutes from './routes/surveys.js';
import { MAX_HEADER_BYTES, MAX_PARAM_LENGTH } from './schemas/common.js';
import type { TokenTable } from './tokens.js';

export interface ApiOptions {
  readonly engine: Engine;
  readonly tokens: TokenTable;
  /** Folder of the built dashboard (dist/dashboard); absent: API only. */
  readonly dashboardDir?: string;
  /** Per token (or client address without a known one); default 600 a minute, 30 failed authentications. */
  readonly rateLimit?: RateLimitOptions;
  /** Off (no CORS headers) unless origins are given. */
  readonly cors?: CorsOptions;
  /**
   * Where request logs go: a stream (one JSON line per request, nothing personal in it),
   * `true` for standard output, `false` (default) for none.
   */
  readonly log?: boolean | NodeJS.WritableStream;
  readonly logLevel?: string;
  /** Analytics answers kept while the store's revision holds (default 5 s, 2,000 answers); false: none. */
  readonly answerCache?: AnswerCacheOptions | false;
  /**
   * Largest request body in bytes (default 1 MiB): room for the largest challenge the schema
   * accepts, every field at its maxLength in 4-byte characters JSON-escaped, so a valid body
   * is never a 413 (schemathesis found one at 64 KiB).
   */
  readonly bodyLimit?: number;
  /** The data folder's grant key (engine/grants): links from chat bots open the dashboard. Absent: no grants. */
  readonly grantKey?: Buffer;
}

/**
 * Query strings and paths arrive as text, so their numbers and lists are coerced ("10" → 10,
 * a single `kinds` → a list); a JSON body is taken as sent ("title": 7 is a 400, not "7").
 * Unknown fields are errors naming them, never silently dropped; defaults are the engine's.
 */
function validatorCompiler() {
  const common = { removeAdditional: false, useDefaults: false, allErrors: false, strict: false } as const;
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  const exact = new Ajv({ ...common, coerceTypes: false });
  return ({ schema, httpPart }: FastifyRouteSchemaDef<unknown>) =>
    (httpPart === 'body' ? exact : coercing).compile(schema as object);
}

export async function buildApp(o: ApiOptions): Promise<FastifyInstance> {
  const level = o.logLevel ?? 'info';
  const app = Fastify({
    logger:
      o.log === undefined || o.log === false
        ? false
        : {
            level,
            ...(o.log === true ? {} : { stream: o.log }),
            // Defence in depth: request-log.ts writes none of these, and nothing else may either.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.url', 'req.query', 'req.body'],
          },
    // One line per request comes from plugins/app/request-log.ts, without URLs or addresses.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: o.bodyLimit ?? 1024 * 1024,
    // An encoded id of 300 characters (schemas/common.ts) fits whatever its script; past this the
    // router answers 414 ERR_URI_TOO_LONG, below it the schema's maxLength answers 400.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Undecodable URLs and over-long segments fail before routing: same problem shape.
    frameworkErrors,
    // Room for the longest valid query (a who-solved text of 4,000 characters, %-encoded);
    // past it Node refuses the request with 431, answered by clientErrorHandler.
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler());

  // First, so that every route (the docs' and the dashboard's too) and every refusal is covered:
  // the error handler and 405s, then the limiter, before authentication.
  await app.register(errors);
  await app.register(rateLimit, {
    tokens: o.tokens,
    ...(o.rateLimit === undefined ? {} : { rateLimit: o.rateLimit }),
  });
  await app.register(body);
  await app.register(swagger);
  await app.register(cors, o.cors === undefined ? {} : { cors: o.cors });
  await app.register(headers);

  await app.register(engine, { engine: o.engine });
  await app.register(answerCache, o.answerCache === undefined ? {} : { answerCache: o.answerCache });
  await app.register(auth, {
    tokens: o.tokens,
    ...(o.rateLimit === undefined
      ? {}
      : { failedAuth: { max: o.rateLimit.failedAuth ?? 30, timeWindow: o.rateLimit.timeWindow } }),
  });
  await app.register(requestLog);
  await app.register(dashboard, o.dashboardDir === undefined ? {} : { dashboardDir: o.dashboardDir });

  await app.register(serviceRoutes);
  await app.register(matchRoutes);
  await app.register(challengeRoutes);
  await app.register(pollRoutes);
  await app.register(surveyRoutes);
  await app.register(commentRoutes);
  await app.register(eventRoutes);
  await app.register(discoverRoutes);
  await app.register(contactRoutes);
  await app.register(notifyRoutes);
  await app.register(introductionRoutes);
  await app.register(analyticsRoutes);
  await app.register(suggestRoutes);
  await app.register(facetRoutes);
  await app.register(privacyRoutes);
  if (o.grantKey !== undefined) await app.register(grantRoutes, { key: o.grantKey, tokens: o.tokens });
  return app;
}
