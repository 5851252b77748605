import type { Client } from 'pg';

export interface Scale {
  users: number;
  posts: number;
  likes: number;
  tags: number;
  viewers: number;
}

export function scaleOf(factor: number): Scale {
  const users = Math.max(200, Math.round(10_000 * factor));
  const posts = Math.max(1_000, Math.round(100_000 * factor));
  return {
    users,
    posts,
    likes: Math.max(10_000, Math.round(1_000_000 * factor)),
    tags: Math.max(50, Math.round(1_000 * factor)),
    viewers: Math.min(1_000, users),
  };
}

/** Deterministic uuid number `n` of kind `k` (0 users, 1 posts, 2 media, 3 tags, 4 sessions). */
const uuidSql = (kind: number, n: string) => `('0000000${kind}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
export const uuidOf = (kind: number, n: number) => `0000000${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * Fills an empty, migrated database straight with SQL (generate_series): users with ~10 friends and
 * ~10 follows each, posts spread over the last year with 1–2 media, 2 tags, comments, favorites,
 * photo tags on every 10th post, and `likes` likes spread evenly over the posts.
 */
export async function seed(client: Client, s: Scale, log: (line: string) => void): Promise<void> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    const res = await client.query(sql, params);
    log(`  ${label.padEnd(14)} ${String(res.rowCount ?? '').padStart(9)} rows  ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const N = s.users;
  const P = s.posts;
  const likesPerPost = Math.max(1, Math.round(s.likes / P));
  const start = `date_trunc('milliseconds', now() - interval '365 days')`;

  await step(
    'users',
    `insert into users (id, username, email, password_hash, display_name, bio, avatar_id, created_at, updated_at)
    select ${uuidSql(0, 'i')}, 'bench_' || i, 'bench_' || i || '@example.com', 'x', 'Bench User ' || i, null, null, ${start}, ${start}
    from generate_series(1, $1::int) i`,
    [N],
  );
  await step(
    'friendships',
    `insert into friendships (user_id, friend_id, created_at)
    select a, b, ${start} from (
      select ${uuidSql(0, 'i')} a, ${uuidSql(0, '((i - 1 + k * 97) % $1::int) + 1')} b from generate_series(1, $1::int) i, generate_series(1, 5) k
      union all
      select ${uuidSql(0, '((i - 1 + k * 97) % $1::int) + 1')}, ${uuidSql(0, 'i')} from generate_series(1, $1::int) i, generate_series(1, 5) k
    ) pairs where a <> b on conflict do nothing`,
    [N],
  );
  await step(
    'follows',
    `insert into follows (follower_id, followee_id, created_at)
    select ${uuidSql(0, 'i')}, ${uuidSql(0, '((i - 1 + k * 331 + 7) % $1::int) + 1')}, ${start}
    from generate_series(1, $1::int) i, generate_series(1, 10) k where ((i - 1 + k * 331 + 7) % $1::int) + 1 <> i
    on conflict do nothing`,
    [N],
  );
  // Media 1..P (one per post) and P+1..P+P/3 (a second photo on every third post).
  await step(
    'media',
    `insert into media (id, owner_id, kind, file_key, thumb_key, width, height, blurhash, alt_text, room_id, bytes, created_at)
    select ${uuidSql(2, 'j')}, ${uuidSql(0, '((case when j <= $2::int then j else (j - $2::int) * 3 end - 1) % $1::int) + 1')}, 'UPLOAD',
      'm' || j || '.webp', 'm' || j || '-t.webp', 1024, 768, 'LEHV6nWB2yk8pyo0adR*.7kCMdnj', null, null, 100000, ${start}
    from generate_series(1, $2::int + $2::int / 3) j`,
    [N, P],
  );
  await step(
    'posts',
    `insert into posts (id, author_id, title, body, search_text, created_at, updated_at)
    select ${uuidSql(1, 'j')}, ${uuidSql(0, '((j - 1) % $1::int) + 1')}, 'Post number ' || j, '오늘의 사진 ' || j || ' — a day out with friends',
      lower('Post number ' || j || ' 오늘의 사진 a day out with friends tag' || (j % $3::int + 1)),
      ${start} + j * (interval '365 days' / $2::int), ${start} + j * (interval '365 days' / $2::int)
    from generate_series(1, $2::int) j`,
    [N, P, s.tags],
  );
  await step(
    'post_media',
    `insert into post_media (post_id, media_id, position)
    select ${uuidSql(1, 'j')}, ${uuidSql(2, 'j')}, 0 from generate_series(1, $1::int) j
    union all select ${uuidSql(1, 'q * 3')}, ${uuidSql(2, '$1::int + q')}, 1 from generate_series(1, $1::int / 3) q`,
    [P],
  );
  await step(
    'tags',
    `insert into tags (id, name, post_count, created_at)
    select ${uuidSql(3, 't')}, 'tag' || t, 0, ${start} from generate_series(1, $1::int) t`,
    [s.tags],
  );
  await step(
    'post_tags',
    `insert into post_tags (post_id, tag_id, position)
    select ${uuidSql(1, 'j')}, ${uuidSql(3, '(j % $2::int) + 1')}, 0 from generate_series(1, $1::int) j
    union all select ${uuidSql(1, 'j')}, ${uuidSql(3, '((j * 7 + 3) % $2::int) + 1')}, 1 from generate_series(1, $1::int) j
      where (j * 7 + 3) % $2::int <> j % $2::int`,
    [P, s.tags],
  );
  await client.query(
    'update tags t set post_count = c.n from (select tag_id, count(*)::int n from post_tags group by tag_id) c where c.tag_id = t.id',
  );
  await step(
    'likes',
    `insert into likes (id, post_id, user_id, created_at)
    select gen_random_uuid(), ${uuidSql(1, 'j')}, ${uuidSql(0, '((j * 13 + k * 389) % $1::int) + 1')}, ${start} + j * (interval '365 days' / $2::int) + k * interval '1 second'
    from generate_series(1, $2::int) j, generate_series(1, $3::int) k on conflict do nothing`,
    [N, P, likesPerPost],
  );
  await step(
    'comments',
    `insert into comments (id, post_id, author_id, parent_id, body, created_at, updated_at)
    select gen_random_uuid(), ${uuidSql(1, 'j')}, ${uuidSql(0, '((j * 17 + k * 101) % $1::int) + 1')}, null, '멋져요 ' || k,
      ${start} + j * (interval '365 days' / $2::int) + k * interval '1 minute', now()
    from generate_series(1, $2::int) j, generate_series(1, 2) k`,
    [N, P],
  );
  await step(
    'favorites',
    `insert into favorites (id, user_id, post_id, created_at)
    select gen_random_uuid(), ${uuidSql(0, '((j * 29) % $1::int) + 1')}, ${uuidSql(1, 'j')}, now() from generate_series(1, $2::int, 2) j
    on conflict do nothing`,
    [N, P],
  );
  await step(
    'photo_tags',
    `insert into photo_tags (id, post_id, media_id, user_id, x, y, created_at)
    select gen_random_uuid(), ${uuidSql(1, 'j')}, ${uuidSql(2, 'j')}, ${uuidSql(0, '((((j - 1) % $1::int) + 97) % $1::int) + 1')}, 0.4, 0.6, now()
    from generate_series(1, $2::int, 10) j`,
    [N, P],
  );
  await step(
    'sessions',
    `insert into sessions (id, user_id, user_agent, created_at, revoked_at)
    select ${uuidSql(4, 'i')}, ${uuidSql(0, 'i')}, 'bench', now(), null from generate_series(1, $1::int) i`,
    [s.viewers],
  );
  const started = Date.now();
  await client.query('vacuum analyze');
  log(`  vacuum analyze           ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
