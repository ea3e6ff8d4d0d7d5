/**
 * Driver failures as GraphErrors: an unreachable or refusing server becomes one line with
 * the address and the reason, never a driver stack. Errors that are not the server's
 * availability (a GraphError from validation, a bug in a query) pass through unchanged.
 */
import { Neo4jError } from 'neo4j-driver';
import { GraphError } from '../errors.js';
import type { Neo4jConfig } from './config.js';

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'ProtocolError',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.TransientError.General.DatabaseUnavailable',
]);
/** Driver-side failures without a server code: pool exhausted, or something that is not Bolt answering. */
const UNAVAILABLE_TEXT = /acquisition timed out|connection (?:was )?(?:closed|refused|reset)|responded HTTP/iu;

/** The part of a driver message that says what went wrong, on one line. */
function reason(e: Neo4jError): string {
  const causes: string[] = [];
  for (let c: unknown = e.cause; c instanceof Error && causes.length < 3; c = c.cause) causes.push(c.message);
  const text = causes.at(-1) ?? e.message;
  // bolt:// failures read "Failed to connect to server. Please ensure ... Caused by: connect ECONNREFUSED ...".
  const causedBy = /Caused by: (.*)$/su.exec(text)?.[1] ?? text;
  return causedBy.replace(/\s+/gu, ' ').trim();
}

export function describeFailure(e: unknown, config: Neo4jConfig): unknown {
  if (e instanceof GraphError || !(e instanceof Neo4jError)) return e;
  const at = `${config.uri}${config.database === 'neo4j' ? '' : ` (database ${config.database})`}`;
  if (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_TEXT.test(e.message)) {
    return new GraphError('ERR_STORE_UNAVAILABLE', `Neo4j unreachable at ${at}: ${reason(e)}`, [], { cause: e });
  }
  if (e.code.startsWith('Neo.ClientError.Security.')) {
    return new GraphError('ERR_STORE_UNAVAILABLE', `Neo4j at ${at} refused user ${config.user}: ${reason(e)}`, [], {
      cause: e,
    });
  }
  if (e.code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError') {
    return new GraphError(
      'ERR_STORE_UNAVAILABLE',
      `Neo4j at ${at} ran out of transaction memory (dbms.memory.transaction.total.max); send smaller batches or give it more heap`,
      [],
      { cause: e },
    );
  }
  if (e.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    // prepareBatch checked ids and kinds; a concurrent writer changed them before this commit.
    return new GraphError('ERR_INVALID_RECORD', `batch rejected, nothing written: ${reason(e)}`, [], { cause: e });
  }
  if (e.code.startsWith('Neo.ClientError.Schema.')) {
    return new GraphError('ERR_STORE_SCHEMA', `Neo4j at ${at} rejected the schema: ${reason(e)}`, [], { cause: e });
  }
  return e;
}

/** The failure of a CREATE whose id another transaction committed first (graph/neo4j/write.ts createNodes). */
export function isIdCollision(e: unknown): boolean {
  return (
    e instanceof GraphError &&
    e.cause instanceof Neo4jError &&
    e.cause.code === 'Neo.ClientError.Schema.ConstraintValidationFailed'
  );
}
