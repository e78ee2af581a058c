import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

type JsonSchema = Record<string, unknown>;

/**
 * Zod turns `T | null` into `anyOf: [T, {type: 'null'}]`; fast-json-stringify then validates every
 * such value at run time to pick a branch. A primitive `T` is written as `type: [T, 'null']` instead,
 * which it serializes directly.
 */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = simplify(value);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullAt = anyOf.findIndex((s) => (s as JsonSchema).type === 'null' && Object.keys(s).length === 1);
    const other = anyOf[1 - nullAt] as JsonSchema | undefined;
    if (
      nullAt >= 0 &&
      other &&
      typeof other.type === 'string' &&
      other.type !== 'object' &&
      other.type !== 'array'
    ) {
      const { anyOf: _, ...rest } = out;
      const merged: JsonSchema = { ...rest, ...other, type: [other.type, 'null'] };
      if (Array.isArray(other.enum)) merged.enum = [...other.enum, null];
      return merged;
    }
  }
  return out;
}

/** The JSON Schema a route's zod response schema stands for (its output side), for fast-json-stringify. */
export function responseJsonSchema(schema: $ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
  delete json.$schema;
  return simplify(json) as JsonSchema;
}

function resolveSchema(maybeSchema: unknown): $ZodType {
  if (maybeSchema instanceof $ZodType) return maybeSchema;
  const properties = (maybeSchema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new Error(`a route's response schema is not a zod schema: ${JSON.stringify(maybeSchema)}`);
}

/**
 * Replies are written by fast-json-stringify from the JSON Schema of the route's zod response schema:
 * only declared properties are written (as zod's strip would), several times faster than checking
 * each reply with zod first. With `check` (development and tests), every reply is also checked
 * against the zod schema (a reply that breaks the contract fails loudly, as before), and what
 * fast-json-stringify wrote must read back as what zod accepted, so a schema it reads differently
 * fails the tests rather than reaching a user.
 */
export function createResponseSerializer(options: { check: boolean }): FastifySerializerCompiler<unknown> {
  return ({ schema: maybeSchema, method, url }) => {
    const schema = resolveSchema(maybeSchema);
    const stringify = fastJson(responseJsonSchema(schema));
    if (!options.check) return (data) => stringify(data);
    return (data) => {
      const result = safeEncode(schema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      const written = stringify(result.data);
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(JSON.stringify(result.data))))
        throw new Error(
          `${method} ${url}: the reply written from the schema differs: ${written.slice(0, 500)}`,
        );
      return written;
    };
  };
}
