import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { DomainError } from '../../graphql/errors.js';
import { fromGlobalId, toGlobalId } from '../../graphql/ids.js';
import { inTransaction, type AfterCommit } from '../../lib/transaction.js';
import type { ServiceDeps } from '../../server/compose.js';
import type { AccountsService } from '../accounts/index.js';
import { isUuid } from '../../kernel/ids.js';
import { Media, MEDIA_KINDS, type MediaKindValue } from './media.entity.js';
import { processImage, UploadRefused } from './media.image.js';
import { createMediaStorage, type MediaStorage } from './media.storage.js';

/** Registered by the calls feature: who may store a screenshot of which room, and what follows. */
export interface ScreenshotHook {
  /** Throws (any error) to refuse the upload with 403. */
  check(ctx: Context, rawRoomId: string): Promise<void>;
  /** Runs in the transaction that stores the screenshot (e.g. to notify the others in the room). */
  after(tx: EntityManager, afterCommit: AfterCommit, media: Media, viewerId: string): Promise<void>;
}

export interface UploadInput {
  file: Buffer;
  kind?: string | null;
  altText?: string | null;
  roomId?: string | null;
}

export const MAX_ALT_TEXT = 500;

/** The JSON answer of `POST /media`: the Media object as GraphQL would show it. */
export interface MediaJson {
  id: string; kind: MediaKindValue; url: string; thumbnailUrl: string; width: number; height: number;
  blurhash: string | null; altText: string | null; createdAt: string;
}

export class MediaService {
  readonly storage: MediaStorage;
  private screenshotHook: ScreenshotHook | null = null;

  constructor(private readonly deps: ServiceDeps) {
    this.storage = createMediaStorage(deps.config);
  }

  /** Registers (or, with null, removes) the screenshot rules of the calls feature. */
  onScreenshot(hook: ScreenshotHook | null): void {
    this.screenshotHook = hook;
  }

  /** Owner and kind of each existing media id (missing ids are left out). */
  async ownersOf(em: EntityManager, mediaIds: string[]): Promise<{ id: string; ownerId: string; kind: string }[]> {
    if (!mediaIds.length) return [];
    return em.execute('select id, owner_id as "ownerId", kind from media where id in (?)', [mediaIds]);
  }

  /** Where `key` is served: the bucket's public URL, or this API's `GET /media/<key>`. */
  urlFor(key: string): string {
    return this.storage.directUrl(key) ?? `${this.deps.config.publicUrl.replace(/\/$/, '')}/media/${key}`;
  }

  toJson(media: Media): MediaJson {
    return {
      id: toGlobalId('Media', media.id), kind: media.kind, url: this.urlFor(media.fileKey), thumbnailUrl: this.urlFor(media.thumbKey),
      width: media.width, height: media.height, blurhash: media.blurhash, altText: media.altText, createdAt: media.createdAt.toISOString(),
    };
  }

  /** Checks, re-encodes, stores and records one upload of the viewer. Refusals throw UploadRefused. */
  async upload(ctx: Context, viewerId: string, input: UploadInput): Promise<Media> {
    const kind = (input.kind || 'UPLOAD').trim().toUpperCase() as MediaKindValue;
    if (!MEDIA_KINDS.includes(kind)) throw new UploadRefused(400, '`kind` must be UPLOAD, SCREENSHOT or AVATAR.');
    const altText = (input.altText ?? '').trim() || null;
    if (altText && [...altText].length > MAX_ALT_TEXT) throw new UploadRefused(400, `\`altText\` can be at most ${MAX_ALT_TEXT} characters.`);
    let roomId: string | null = null;
    if (input.roomId) {
      roomId = fromGlobalId(input.roomId, 'FacechatRoom') ?? (isUuid(input.roomId) ? input.roomId.toLowerCase() : null);
      if (!roomId) throw new UploadRefused(400, '`roomId` is not a room id.');
    }
    const hook = this.screenshotHook;
    if (kind === 'SCREENSHOT') {
      if (!roomId) throw new UploadRefused(400, 'A screenshot needs the `roomId` it was taken in.');
      if (!hook) throw new UploadRefused(403, 'Screenshots cannot be stored right now.');
      try {
        await hook.check(ctx, roomId);
      } catch (error) {
        throw new UploadRefused(403, error instanceof DomainError || error instanceof Error ? error.message : 'You cannot take a screenshot of this room.');
      }
    } else if (roomId) {
      throw new UploadRefused(400, '`roomId` only goes with kind SCREENSHOT.');
    }

    const image = await processImage(input.file);
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      const media = tx.create(Media, {
        ownerId: viewerId, kind, fileKey: '', thumbKey: '', width: image.display.width, height: image.display.height,
        blurhash: image.blurhash, altText, roomId, bytes: image.display.data.length, createdAt: new Date(),
      });
      media.fileKey = `${media.id}.webp`;
      media.thumbKey = `${media.id}-t.webp`;
      await tx.flush();
      if (kind === 'SCREENSHOT') await hook!.after(tx, afterCommit, media, viewerId);
      // Written last, so a refusal above leaves no file behind.
      await Promise.all([
        this.storage.put(media.fileKey, image.display.data, 'image/webp'),
        this.storage.put(media.thumbKey, image.thumb.data, 'image/webp'),
      ]);
      return media;
    });
  }

  /** `updateProfile(avatarId)`: only the owner's own media can become their avatar. */
  installAvatar(accounts: AccountsService): void {
    accounts.extendProfile(async (_ctx, tx, user, input, errors) => {
      if (input.avatarId === undefined) return;
      if (input.avatarId === null) {
        user.avatarId = null;
        return;
      }
      const field = ['input', 'avatarId'];
      const rawId = fromGlobalId(input.avatarId, 'Media');
      if (!rawId) return errors.add('INVALID', 'That is not a media id.', field);
      const [row] = await tx.execute<{ owner_id: string }[]>('select owner_id from media where id = ?', [rawId]);
      if (!row) return errors.add('NOT_FOUND', 'No such media.', field);
      if (row.owner_id !== user.id) return errors.add('FORBIDDEN', 'You can only use your own images.', field);
      user.avatarId = rawId;
    });
  }
}
