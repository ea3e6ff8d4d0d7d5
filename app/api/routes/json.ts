/** Sends JSON already serialised (a cached answer), as Fastify would have written it. */
import type { FastifyReply } from 'fastify';

export const json = (reply: FastifyReply, body: string): FastifyReply =>
  reply.type('application/json; charset=utf-8').send(body);
