import type { LocationQuery } from 'vue-router';

/** Allowed values per filter; anything else in the address counts as "all". */
export type FilterSpec = Record<string, readonly string[]>;

export function readText(query: LocationQuery, key: string): string {
  const value = query[key];
  return typeof value === 'string' ? value : '';
}

export function readFilters<S extends FilterSpec>(query: LocationQuery, spec: S): Record<keyof S, string> {
  const out = {} as Record<keyof S, string>;
  for (const key of Object.keys(spec) as (keyof S & string)[]) {
    const value = readText(query, key);
    out[key] = spec[key].length === 0 || spec[key].includes(value) ? value : '';
  }
  return out;
}

/** The route query of a list: the search as `q`, then every filter that is set ("all" is left out). */
export function listQuery(search: string, filters: Record<string, string>): Record<string, string> {
  const query: Record<string, string> = {};
  if (search) query.q = search;
  for (const [key, value] of Object.entries(filters)) if (value) query[key] = value;
  return query;
}
