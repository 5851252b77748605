// GraphiQL's example tabs run against the real schema: a feed query, a like mutation and a notifications subscription.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config.js';
import { GRAPHIQL_EXAMPLES } from './graphiql-examples.js';

const schema = buildSchema(readFileSync(join(PROJECT_ROOT, 'schema/schema.graphql'), 'utf8'));

describe('GraphiQL examples', () => {
  it('are valid operations: a feed query, a like mutation and a notificationAdded subscription, each with the token hint', () => {
    const shapes = GRAPHIQL_EXAMPLES.map(({ query, variables }) => {
      const doc = parse(query);
      expect(validate(schema, doc)).toEqual([]);
      if (variables) JSON.parse(variables);
      expect(query.split('\n')[0]).toMatch(/^# .*Authorization.*Bearer/);
      const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const field = operation.selectionSet.selections[0]!;
      return `${operation.operation} ${field.kind === Kind.FIELD ? field.name.value : '?'}`;
    });
    expect(shapes).toEqual(['query feed', 'mutation likePost', 'subscription notificationAdded']);
  });
});
