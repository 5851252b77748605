/**
 * Per-UTC-day counts for the staff dashboard's chart: one row `(day 'YYYY-MM-DD', n int)` for each of the last `days`
 * days, oldest first, today included. `source` is a query whose rows have a timestamptz column `at` (and `who` when
 * `distinctWho` counts each `who` once a day); its own `?` params go in `sourceParams`.
 */
export function dailyCountsSql(
  source: string,
  days: number,
  sourceParams: unknown[] = [],
  distinctWho = false,
): { sql: string; params: unknown[] } {
  const today = `date_trunc('day', now() at time zone 'UTC')`;
  return {
    sql: `select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(x.n, 0)::int as n
      from generate_series(${today} - (?::int - 1) * interval '1 day', ${today}, interval '1 day') as d(day)
      left join (
        select date_trunc('day', src.at at time zone 'UTC') as day, ${distinctWho ? 'count(distinct src.who)' : 'count(*)'} as n
          from (${source}) src
         where src.at >= (${today} - (?::int - 1) * interval '1 day') at time zone 'UTC'
         group by 1
      ) x on x.day = d.day
      order by d.day`,
    params: [days, ...sourceParams, days],
  };
}

export interface DailyCountRow {
  day: string;
  n: number;
}
