/**
 * Small builders for the JSON Schemas the routes declare. Fastify validates requests with them
 * (Ajv), serialises responses with them (fast-json-stringify) and @fastify/swagger publishes them
 * as the OpenAPI document, so each shape is written once here. Request schemas that the engine
 * already defines in zod are converted from it (`fromZod`), so the two cannot drift.
 *
 * Response objects allow additional properties: a field the engine adds later is passed through
 * rather than silently dropped by the serialiser.
 */
import { z } from 'zod';

export type Schema = Record<string, unknown>;

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const num = (extra: Schema = {}): Schema => ({ type: 'number', ...extra });
export const bool = (extra: Schema = {}): Schema => ({ type: 'boolean', ...extra });
export const arr = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
/** The same schema, or null (OpenAPI 3.1 type lists). */
export const nullable = (s: Schema): Schema => ({ ...s, type: [s['type'] as string, 'null'] });

/** An answer object: the listed properties, `required` ones always present, others passed through. */
export function obj(properties: Record<string, Schema>, required: readonly string[], extra: Schema = {}): Schema {
  return { type: 'object', properties, required: [...required], additionalProperties: true, ...extra };
}

/** A request object: only the listed properties are accepted (an unknown one is a 400 naming it). */
export function strictObj(
  properties: Record<string, Schema>,
  required: readonly string[] = [],
  extra: Schema = {},
): Schema {
  return { type: 'object', properties, required: [...required], additionalProperties: false, ...extra };
}

/** A request schema from the engine's own zod schema (as input: defaulted fields optional). */
export function fromZod(schema: z.ZodType, extra: Schema = {}): Schema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }) as Schema;
  return { ...json, ...extra };
}

/** A copy of an object schema with descriptions attached to some of its properties. */
export function describe(schema: Schema, descriptions: Readonly<Record<string, string>>): Schema {
  const props = (schema['properties'] ?? {}) as Record<string, Schema>;
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(props).map(([k, v]) => [
        k,
        descriptions[k] === undefined ? v : { ...v, description: descriptions[k] },
      ]),
    ),
  };
}
