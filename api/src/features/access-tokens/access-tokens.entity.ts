import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AccessScope } from '../../kernel/actor.js';

/**
 * A personal access token: what an integration (a bot, a classroom tool) signs in with instead of a password.
 * The secret is shown once, on creation; only its sha256 is kept (the secret is 256 random bits, so a fast hash is
 * enough). A revoked token stays as a row until its user is deleted, so the hash can never be reused.
 */
@Entity({ tableName: 'access_tokens' })
@Index({ name: 'access_tokens_user_created_idx', properties: ['userId', 'createdAt'] })
export class AccessToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('User', { mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', updateRule: 'no action' })
  userId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Enum({ items: () => AccessScope, array: true, type: 'text[]', columnType: 'text[]' })
  scopes!: AccessScope[];

  /** sha256 (hex) of the whole secret. */
  @Property({ type: 'string', length: 64, unique: 'access_tokens_hash_unique' })
  hash!: string;

  /** The first characters of the secret, to recognise it in a list. */
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  /** Updated at most once a minute (a write per request would be wasteful). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}

export const accessTokenEntities = [AccessToken];
