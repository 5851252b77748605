import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { bearer, type TokenSigner } from '../../api/src/lib/tokens.js';

/** The pg Pool (the project's pg typings only declare Client). */
interface PgPool {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rowCount: number | null; rows: Row[] }>;
  end(): Promise<void>;
}
const { Pool } = pg as unknown as { Pool: new (config: { connectionString: string; max: number }) => PgPool };

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

/**
 * The same feed page as the GraphQL `feed` query, hand-written: token check, session check and
 * one SQL statement that builds the page as JSON. No GraphQL, no ORM, no DataLoader.
 */
const FEED_SQL = `
select p.id, p.created_at, json_build_object(
  'title', p.title, 'body', p.body, 'createdAt', p.created_at, 'viewerCanEdit', p.author_id = $1,
  'likeCount', (select count(*) from likes l where l.post_id = p.id),
  'commentCount', (select count(*) from comments c where c.post_id = p.id),
  'viewerHasLiked', exists (select 1 from likes l where l.post_id = p.id and l.user_id = $1),
  'viewerHasFavorited', exists (select 1 from favorites f where f.user_id = $1 and f.post_id = p.id),
  'author', (select json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name,
      'avatar', (select json_build_object('id', a.id, 'thumbKey', a.thumb_key) from media a where a.id = u.avatar_id))
    from users u where u.id = p.author_id),
  'media', (select coalesce(json_agg(json_build_object('id', m.id, 'fileKey', m.file_key, 'thumbKey', m.thumb_key, 'width', m.width,
      'height', m.height, 'blurhash', m.blurhash, 'altText', m.alt_text) order by pm.position), '[]')
    from post_media pm join media m on m.id = pm.media_id where pm.post_id = p.id),
  'tags', (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'postCount', t.post_count) order by pt.position), '[]')
    from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = p.id),
  'photoTags', (select coalesce(json_agg(json_build_object('id', x.id, 'x', x.x, 'y', x.y, 'user', json_build_object('id', tu.id, 'username', tu.username))
      order by x.created_at, x.id), '[]')
    from photo_tags x join users tu on tu.id = x.user_id
    where x.post_id = p.id and not exists (select 1 from blocks b where (b.blocker_id = $1 and b.blocked_id = x.user_id) or (b.blocker_id = x.user_id and b.blocked_id = $1)))
) as node
from (
  select * from posts p
  where (p.author_id = $1
    or exists (select 1 from friendships fr where fr.user_id = $1 and fr.friend_id = p.author_id)
    or exists (select 1 from follows fo where fo.follower_id = $1 and fo.followee_id = p.author_id))
  order by p.created_at desc, p.id desc limit $2
) p order by p.created_at desc, p.id desc`;

/** One row of FEED_SQL: `node` is the JSON the statement builds. */
interface FeedRow {
  id: string;
  created_at: Date;
  node: {
    title: string;
    body: string;
    createdAt: string;
    viewerCanEdit: boolean;
    likeCount: number;
    commentCount: number;
    viewerHasLiked: boolean;
    viewerHasFavorited: boolean;
    author: { id: string; username: string; displayName: string; avatar: { id: string; thumbKey: string } | null };
    media: {
      id: string;
      fileKey: string;
      thumbKey: string;
      width: number;
      height: number;
      blurhash: string | null;
      altText: string | null;
    }[];
    tags: { id: string; name: string; postCount: number }[];
    photoTags: { id: string; x: number; y: number; user: { id: string; username: string } }[];
  };
}

export interface Baseline {
  port: number;
  close(): Promise<void>;
}

export async function startBaseline(databaseUrl: string, signer: TokenSigner, publicUrl: string): Promise<Baseline> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const url = (key: string) => `${publicUrl}/media/${key}`;
  const server: Server = createServer(async (req, res) => {
    try {
      const token = bearer(req.headers.authorization);
      const claims = token ? await signer.verify(token) : { error: 'invalid' as const };
      if ('error' in claims) return void res.writeHead(401).end('{"message":"unauthenticated"}');
      const session = await pool.query('select 1 from sessions where id = $1 and user_id = $2 and revoked_at is null', [
        claims.sessionId,
        claims.userId,
      ]);
      if (!session.rowCount) return void res.writeHead(401).end('{"message":"unauthenticated"}');
      const first = Math.min(Number(new URL(req.url ?? '/', 'http://x').searchParams.get('first') ?? 20), 100);
      const { rows } = await pool.query<FeedRow>(FEED_SQL, [claims.userId, first + 1]);
      const page = rows.slice(0, first);
      const edges = page.map((row) => {
        const n = row.node;
        return {
          cursor: Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url'),
          node: {
            id: gid('Post', row.id),
            title: n.title,
            body: n.body,
            createdAt: new Date(n.createdAt).toISOString(),
            likeCount: n.likeCount,
            commentCount: n.commentCount,
            viewerHasLiked: n.viewerHasLiked,
            viewerHasFavorited: n.viewerHasFavorited,
            viewerCanEdit: n.viewerCanEdit,
            author: {
              id: gid('User', n.author.id),
              username: n.author.username,
              displayName: n.author.displayName,
              avatar: n.author.avatar && { id: gid('Media', n.author.avatar.id), thumbnailUrl: url(n.author.avatar.thumbKey) },
            },
            media: n.media.map((m) => ({
              id: gid('Media', m.id),
              url: url(m.fileKey),
              thumbnailUrl: url(m.thumbKey),
              width: m.width,
              height: m.height,
              blurhash: m.blurhash,
              altText: m.altText,
            })),
            tags: n.tags.map((t) => ({ id: gid('Tag', t.id), name: t.name, postCount: t.postCount })),
            photoTags: n.photoTags.map((x) => ({
              id: gid('PhotoTag', x.id),
              x: x.x,
              y: x.y,
              user: { id: gid('User', x.user.id), username: x.user.username },
            })),
          },
        };
      });
      const body = JSON.stringify({
        data: { feed: { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } } },
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (error) {
      res.writeHead(500).end(JSON.stringify({ message: String(error) }));
    }
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await pool.end();
    },
  };
}
