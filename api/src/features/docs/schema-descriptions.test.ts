// Every type, field, argument and enum value of the public schema says what it is: the reference at /docs/reference
// and GraphiQL's docs are generated from these descriptions.
import { buildSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../graphql/schema.js';
import { missingDescriptions } from './schema-descriptions.js';

describe('schema descriptions', () => {
  it('finds what lacks a description: types, fields, arguments and enum values (not the root types)', () => {
    const schema = buildSchema(`
      "A query." type Query { "Described." a(x: Int, "Described." y: Int): T b: Int }
      type T { "Described." c: E }
      "An enum." enum E { "Described." ONE TWO }
      input I { d: Int }
    `);
    expect(missingDescriptions(schema)).toEqual(['E.TWO', 'I', 'I.d', 'Query.a(x)', 'Query.b', 'T']);
  });

  it('the emitted public schema has a description on every type, field, argument and enum value', async () => {
    const schema = buildSchema(printSchema(await getSchema()));
    const missing = missingDescriptions(schema);
    // The list names each one, to be filled in where the type is declared (`{ description: '…' }`).
    expect(missing, `${missing.length} without a description:\n${missing.join('\n')}`).toEqual([]);
  });
});
