import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Role } from '../../kernel/actor.js';

/** Every value of `users.role` (check constraint `users_role_check`); the `Role` of an `Actor`. */
const ROLES: readonly Role[] = ['USER', 'MODERATOR', 'ADMIN'];

@Entity({ tableName: 'users' })
// Case-insensitive uniqueness and trigram substring search (pg_trgm); expression indexes, compared by name.
@Index({
  name: 'users_username_lower_unique',
  expression: 'create unique index "users_username_lower_unique" on "users" (lower("username"))',
})
@Index({ name: 'users_email_lower_unique', expression: 'create unique index "users_email_lower_unique" on "users" (lower("email"))' })
@Index({
  name: 'users_username_trgm',
  expression: 'create index "users_username_trgm" on "users" using gin (lower("username") gin_trgm_ops)',
})
@Index({
  name: 'users_display_name_trgm',
  expression: 'create index "users_display_name_trgm" on "users" using gin (lower("display_name") gin_trgm_ops)',
})
export class User {
  [OptionalProps]?:
    'createdAt' | 'updatedAt' | 'bio' | 'avatarId' | 'role' | 'suspendedAt' | 'suspendedUntil' | 'emailVerifiedAt' | 'isPrivate';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** As typed at sign-up; uniqueness is on the lower-case form (unique index above). */
  @Property({ type: 'string', length: 30 })
  username!: string;

  @Property({ type: 'string', length: 320 })
  email!: string;

  /** When the owner opened the verification link sent to `email`; null until then. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Property({ type: 'string', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'string', length: 50 })
  displayName!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  bio: string | null = null;

  /** Media id of the avatar; the media feature resolves it. */
  @Property({ type: 'uuid', nullable: true })
  avatarId: string | null = null;

  /** Only the owner, their friends, approved followers and staff see a private account's posts (friends' follow requests). */
  @Property({ type: 'boolean', default: false })
  isPrivate: boolean = false;

  /** What the person may do beyond their own content; everyone signs up as USER. */
  @Enum({ items: [...ROLES], default: 'USER' })
  role: Role = 'USER';

  /** Set while the account is suspended (by staff; see the moderation feature); null when active. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  suspendedAt: Date | null = null;

  /** When a suspension ends by itself; null with `suspendedAt` set means until reinstated. A past value counts as active. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  suspendedUntil: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** One signed-in device. Revoking it ends every refresh token it issued. */
@Entity({ tableName: 'sessions' })
export class Session {
  [OptionalProps]?: 'createdAt' | 'userAgent' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade', updateRule: 'no action' })
  @Index({ name: 'sessions_user_id_index' })
  user!: User;

  @Property({ type: 'string', length: 400, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}

/** Refresh tokens are stored only as SHA-256 hashes; a used one stays to detect reuse. */
@Entity({ tableName: 'refresh_tokens' })
export class RefreshToken {
  [OptionalProps]?: 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  hash!: string;

  @ManyToOne(() => Session, { deleteRule: 'cascade', updateRule: 'no action' })
  @Index({ name: 'refresh_tokens_session_id_index' })
  session!: Session;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}

/** What a link sent by e-mail lets its holder do. */
export type AccountTokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD' | 'CHANGE_EMAIL';
/** CHANGE_EMAIL: `email` is the new address, which becomes the account's once its link is opened. */
const PURPOSES: readonly AccountTokenPurpose[] = ['VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL'];

/**
 * A single-use token sent by e-mail (verification, password reset), stored only as its SHA-256 hash. Bound to the
 * address it was sent to: it stops working if the account's address changes.
 */
@Entity({ tableName: 'account_tokens' })
export class AccountToken {
  [OptionalProps]?: 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  hash!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade', updateRule: 'no action' })
  @Index({ name: 'account_tokens_user_id_index' })
  user!: User;

  @Enum({ items: [...PURPOSES] })
  purpose!: AccountTokenPurpose;

  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  /** Used, or replaced by a newer token of the same purpose. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}

export const accountEntities = [User, Session, RefreshToken, AccountToken];
