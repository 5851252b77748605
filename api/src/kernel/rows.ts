/**
 * Row mapping for repositories' hand-written SQL.
 */
const camelKeys = new Map<string, string>();
const camel = (key: string) => {
  let found = camelKeys.get(key);
  if (found === undefined) {
    found = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    camelKeys.set(key, found);
  }
  return found;
};

/**
 * Row → plain object for read paths: snake_case columns become the entity's camelCase
 * properties (timestamps as Dates), and `__typename` lets the Node interface resolve it. Much cheaper than
 * `em.map` (no identity map, no change-tracking snapshot), which dominated the feed's CPU profile.
 */
export function toRecord<T>(typename: string): (row: Record<string, unknown>) => T {
  return (row) => {
    const out: Record<string, unknown> = { __typename: typename };
    for (const key in row) {
      const value = row[key];
      // MikroORM makes the driver return timestamps as text; `*_at` columns become Dates again.
      out[camel(key)] = typeof value === 'string' && key.endsWith('_at') ? new Date(value) : value;
    }
    return out as T;
  };
}
