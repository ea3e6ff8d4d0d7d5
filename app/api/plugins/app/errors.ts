/**
 * The single error handler: every thrown error becomes `{ statusCode, error, code, message,
 * field?, requestId }` (app/api/errors.ts maps the codes). A client's mistake is logged at
 * info without a stack; only the server's own fault (ERR_INTERNAL) is logged at error, with it.
 * A path that exists under another method answers 405 with `Allow`, not 404.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';
import { type Problem, statusText, toProblem } from '../../errors.js';
import { MAX_PARAM_LENGTH } from '../../schemas/common.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The error code answered, for the request log. */
    problemCode: string | null;
  }
}

const answer = (p: Problem, requestId: string) => ({
  statusCode: p.statusCode,
  error: statusText(p.statusCode),
  code: p.code,
  message: p.message,
  ...(p.field === undefined ? {} : { field: p.field }),
  requestId,
});

/** Sends a problem; shared by the error handler and errors raised before routing (frameworkErrors). */
export function sendProblem(error: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = toProblem(error);
  req.problemCode = p.code;
  const reason = (error as { code?: unknown }).code;
  if (p.code === 'ERR_INTERNAL') req.log.error({ err: error, code: p.code }, 'request failed');
  // A known unavailability (no model, no store, no build): one line, no stack.
  else if (p.statusCode >= 500) req.log.warn({ code: p.code, reason: (error as Error).message }, 'request failed');
  // The client's doing: which rule refused it is worth a line, a stack is not.
  else if (typeof reason === 'string' && reason !== p.code) req.log.info({ code: p.code, reason }, 'request refused');
  if (p.statusCode === 401) reply.header('WWW-Authenticate', 'Bearer');
  if (p.statusCode === 429 && reply.getHeader('retry-after') === undefined) reply.header('Retry-After', '60');
  return reply.code(p.statusCode).type('application/json; charset=utf-8').send(answer(p, req.id));
}

/**
 * Node's `clientError`: a request the HTTP parser itself refuses (headers or URL past
 * maxHeaderSize, a malformed request line, a timeout) is answered in the problem shape too,
 * then the connection closes. No request object exists yet, so the id is made here.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'ERR_HEADERS_TOO_LARGE', 'the request line and headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'ERR_REQUEST_TIMEOUT', 'the request did not arrive in time']
        : [400, 'ERR_BAD_REQUEST', 'the request is not valid HTTP'];
  const requestId = randomUUID();
  this.log.info({ code, reason: err.code, reqId: requestId }, 'request refused');
  if (socket.writable) {
    const body = JSON.stringify({ statusCode, error: statusText(statusCode), code, message, requestId });
    socket.write(
      `HTTP/1.1 ${statusCode} ${statusText(statusCode)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Fastify's `frameworkErrors`: a URL that cannot be decoded or routed still gets the problem shape. */
export function frameworkErrors(error: Error, req: FastifyRequest, reply: FastifyReply): void {
  if (req.problemCode === undefined) req.problemCode = null;
  reply.header('X-Request-Id', req.id);
  sendProblem(error, req, reply);
}

async function errors(app: FastifyInstance): Promise<void> {
  app.decorateRequest('problemCode', null);
  // Every route's path and methods, matched by the same router Fastify uses, to tell 405 from 404.
  const paths = FindMyWay({ ignoreTrailingSlash: false, maxParamLength: MAX_PARAM_LENGTH });
  const methods = new Map<string, Set<string>>();
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      let set = methods.get(route.url);
      if (set === undefined) {
        set = new Set();
        methods.set(route.url, set);
        paths.on('GET', route.url, () => undefined, { url: route.url });
      }
      set.add(method.toUpperCase());
      if (method.toUpperCase() === 'GET') set.add('HEAD');
    }
  });
  // Before any other hook: an answer refused by the limiter or auth still names its request.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-Id', req.id);
  });
  app.setErrorHandler(async (error, req, reply) => {
    // A QUERY without a Content-Type fails before the not-found handler runs: it is still a
    // request for a route that does not exist, or a method the path does not take.
    if (req.is404 && (error as { code?: unknown }).code === 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE')
      return unrouted(req, reply);
    return sendProblem(error, req, reply);
  });
  const unrouted = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '/';
    const found = paths.find('GET', path);
    const allowed = found === null ? undefined : methods.get((found.store as { url: string }).url);
    if (allowed !== undefined && allowed.size > 0 && !allowed.has(req.method)) {
      const allow = [...allowed].sort().join(', ');
      reply.header('Allow', allow);
      req.problemCode = 'ERR_METHOD_NOT_ALLOWED';
      return reply
        .code(405)
        .type('application/json; charset=utf-8')
        .send(
          answer(
            {
              statusCode: 405,
              code: 'ERR_METHOD_NOT_ALLOWED',
              message: `${req.method} is not allowed here; use ${allow}`,
            },
            req.id,
          ),
        );
    }
    req.problemCode = 'ERR_ROUTE_NOT_FOUND';
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(
        answer(
          // The method is one of a known few; the path the client typed is not echoed back.
          { statusCode: 404, code: 'ERR_ROUTE_NOT_FOUND', message: `no such route (see /docs)` },
          req.id,
        ),
      );
  };
  app.setNotFoundHandler(unrouted);
}

export default fp(errors, { name: 'errors' });
