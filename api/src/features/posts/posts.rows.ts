import type { USER_COLUMNS } from '../accounts/index.js';
import type { MediaRecord } from '../media/index.js';
import type { TagRecord } from '../tags/index.js';
import type { PhotoTagRecord } from './photo-tags.repository.js';

// The typed rows the posts repository hands out, and the filter its lists take.

/** A post as reads hand it to resolvers (no search text); `__typename` lets the Node interface resolve it. */
export interface PostRecord {
  id: string;
  authorId: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  /** When staff removed it (read paths select it; `Post.removedAt` shows it to staff only). */
  removedAt?: Date | null;
}

/** The public user columns of a joined user, keyed `<prefix><column>` (for accounts' `primeUser`). */
export type UserColumnsRow = Record<string, unknown> & Partial<Record<(typeof USER_COLUMNS)[number], unknown>>;

/** A post of a list page with its author's columns (prefix `author__`). */
export interface ListedPostRow {
  post: PostRecord;
  author: UserColumnsRow;
}
export const AUTHOR_PREFIX = 'author__';

export interface FavoritePostRow {
  post: PostRecord;
  favoritedAt: Date;
  favoriteId: string;
}

export interface PostStats {
  likeCount: number;
  commentCount: number;
  viewerHasLiked: boolean;
  viewerHasFavorited: boolean;
}
export type PostPart = 'media' | 'tags' | 'photoTags' | 'stats';
export const POST_PARTS: readonly PostPart[] = ['media', 'tags', 'photoTags', 'stats'];

/** A photo tag with its user's public columns (unprefixed). */
export interface PhotoTagWithUser {
  tag: PhotoTagRecord;
  user: UserColumnsRow;
}

/** The parts asked for of one post (the others undefined). */
export interface PostPartsRow {
  id: string;
  media?: MediaRecord[];
  tags?: TagRecord[];
  photoTags?: PhotoTagWithUser[];
  stats?: PostStats;
}

export interface PostFilter {
  /** Home feed of this viewer: their own posts, friends' and followed users'. */
  feedOf?: string;
  authorId?: string;
  /** Normalised tag name. */
  tag?: string;
  /** Lower-case text searched in title, body and tag names. */
  text?: string;
  /** The staff console's list: every post (removed ones and those of hidden authors included), no block applied. */
  staffList?: {
    status: 'VISIBLE' | 'REMOVED' | null;
    /** Lower-case text searched in title, body and the author's username or display name. */
    text: string | null;
  };
}
