/**
 * The engine on the instance: every route reads `app.engine`. The app does not own it; whoever
 * opened it (`ileanet serve`, a test) closes it after the app.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { MatchMode } from '../../../../engine/match/index.js';
import type { Engine } from '../../../../engine/service.js';

declare module 'fastify' {
  interface FastifyInstance {
    engine: Engine;
    /** Matching mode when a request names none: hybrid with a sentence model, lexical without. */
    defaultMode: MatchMode;
  }
}

async function engine(app: FastifyInstance, o: { engine: Engine }): Promise<void> {
  app.decorate('engine', o.engine);
  app.decorate('defaultMode', o.engine.model === undefined ? 'lexical' : 'hybrid');
}

export default fp(engine, { name: 'engine' });
