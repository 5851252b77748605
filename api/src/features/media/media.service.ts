import type { Config } from '../../config.js';
import { type Actor, rateKey } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { DomainError, ErrorCode, forbidden, invalid } from '../../kernel/errors.js';
import { isUuid, toGlobalId } from '../../kernel/ids.js';
import type { RateLimits } from '../../kernel/rate-limit.js';
import { paginate, timeKey, timeKeyAfter, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import { MEDIA_KINDS, type MediaKindValue, type ScreenshotPersonRow } from './media.entity.js';
import { parseScreenshotPeople } from './media.screenshotPeople.js';
import { UploadRefused, type ImagePool } from './media.image.js';
import type { MediaRecord } from './media.records.js';
import type { MediaOwnerRow, MediaRepository } from './media.repository.js';
import type { MediaStorage } from './media.storage.js';

/** Who may store a screenshot of which room, and what follows (facechat implements it). */
export interface ScreenshotPolicy {
  /** Throws a DomainError (FORBIDDEN) when the actor may not store a screenshot of the room. */
  assertMayCapture(actor: Actor, em: Db, roomId: string): Promise<void>;
  /** Runs in the transaction that stores the screenshot: the chat line and the others' notifications. */
  recorded(tx: Db, afterCommit: AfterCommit, screenshot: { mediaId: string; roomId: string; actorId: string }): Promise<void>;
  /** The raw user ids of the room's participants now (who a screenshot may name in `screenshotPeople`). */
  participantIds(em: Db, roomId: string): Promise<string[]>;
}

export interface MediaServiceDeps {
  /** Read at call time: `publicUrl` may be set after start (tests listen on a random port). */
  config: Pick<Config, 'publicUrl'> & { media: Pick<Config['media'], 'quotaBytes'> };
  storage: MediaStorage;
  /** Where images are decoded and re-encoded (worker threads, bounded queue, time budget). */
  images: ImagePool;
  repository: MediaRepository;
  screenshots: ScreenshotPolicy;
  rateLimits: RateLimits;
}

export interface UploadInput {
  file: Buffer;
  kind?: string | null;
  altText?: string | null;
  /** The raw room uuid (the route decodes the global id; anything else is refused here). */
  roomId?: string | null;
  /** Screenshots: the `screenshotPeople` form field as sent (JSON; see parseScreenshotPeople). */
  screenshotPeople?: string | null;
}

const MAX_ALT_TEXT = 500;

/** The JSON answer of `POST /media`: the Media object as GraphQL would show it. */
export interface MediaJson {
  id: string;
  kind: MediaKindValue;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  blurhash: string | null;
  altText: string | null;
  createdAt: string;
}

export class MediaService {
  readonly storage: MediaStorage;
  readonly images: ImagePool;

  constructor(private readonly deps: MediaServiceDeps) {
    this.storage = deps.storage;
    this.images = deps.images;
  }

  /** Where `key` is served: the bucket's public URL, or this API's `GET /media/<key>`. */
  urlFor(key: string): string {
    return this.storage.directUrl(key) ?? `${this.deps.config.publicUrl.replace(/\/$/, '')}/media/${key}`;
  }

  toJson(media: MediaRecord): MediaJson {
    return {
      id: toGlobalId('Media', media.id),
      kind: media.kind,
      url: this.urlFor(media.fileKey),
      thumbnailUrl: this.urlFor(media.thumbKey),
      width: media.width,
      height: media.height,
      blurhash: media.blurhash,
      altText: media.altText,
      createdAt: media.createdAt.toISOString(),
    };
  }

  /** Media by raw id, in the order asked (null when missing): the batch behind `mediaById`. */
  async byIds(em: Db, ids: readonly string[]): Promise<(MediaRecord | null)[]> {
    const found = new Map((await this.deps.repository.byIds(em, ids)).map((m) => [m.id, m]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** Media by raw id as the viewer may see them by id (`node(id)`; see MediaRepository.visibleIds), null otherwise. */
  async visibleByIds(viewer: Actor | null, em: Db, ids: readonly string[]): Promise<(MediaRecord | null)[]> {
    const visible = new Set(await this.deps.repository.visibleIds(em, viewer?.id ?? null, ids));
    const rows = await this.byIds(em, ids);
    return rows.map((row) => (row && visible.has(row.id) ? row : null));
  }

  /** Owner of one media row (null when none): for features that attach media (same as `MediaRepository.ownerOf`). */
  ownerOf(em: Db, mediaId: string): Promise<string | null> {
    return this.deps.repository.ownerOf(em, mediaId);
  }

  /** Owner and kind of each existing row among `mediaIds` (posts' attachments and photo tags). */
  ownersOf(em: Db, mediaIds: readonly string[]): Promise<MediaOwnerRow[]> {
    return this.deps.repository.ownersOf(em, mediaIds);
  }

  /**
   * Sets the alt text of the owner's media among `items` (posts' per-photo alt text; the caller checked ownership),
   * empty text clearing it. Returns the indexes of texts that are too long, changing nothing then.
   */
  async setAltTexts(tx: Db, ownerId: string, items: { id: string; altText: string | null }[]): Promise<number[]> {
    const clean = items.map((item) => ({ id: item.id, altText: (item.altText ?? '').trim() || null }));
    const tooLong = clean.flatMap((item, i) => (item.altText && [...item.altText].length > MAX_ALT_TEXT ? [i] : []));
    if (!tooLong.length) await this.deps.repository.setAltTexts(tx, ownerId, clean);
    return tooLong;
  }

  /** The actor's screenshot album, newest first. */
  screenshots(actor: Actor, em: Db, page: PageInput): Promise<ConnectionShape<MediaRecord>> {
    const { repository } = this.deps;
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => repository.screenshotsPage(em, actor.id, limit, timeKeyAfter(after)),
      keyOf: timeKey,
      count: () => repository.countScreenshots(em, actor.id),
    });
  }

  /**
   * Counts one upload of the actor from `ip` and refuses (RATE_LIMITED) beyond the `uploadsUser` / `uploadsClient`
   * limits. The route calls it before reading the body, so a refused upload costs no parsing.
   */
  admitUpload(actor: Actor, ip: string): Promise<void> {
    return Promise.all([
      this.deps.rateLimits.consume('uploadsUser', [rateKey(actor)]),
      this.deps.rateLimits.consume('uploadsClient', [`ip:${ip}`]),
    ]).then(() => undefined);
  }

  /** Checks, re-encodes, stores and records one upload of the actor. Refusals throw DomainErrors (UploadRefused among them). */
  async upload(actor: Actor, em: Db, input: UploadInput): Promise<MediaRecord> {
    const kind = (input.kind || 'UPLOAD').trim().toUpperCase() as MediaKindValue;
    if (!MEDIA_KINDS.includes(kind)) throw invalid(['kind'], '`kind` must be UPLOAD, SCREENSHOT or AVATAR.');
    const altText = (input.altText ?? '').trim() || null;
    if (altText && [...altText].length > MAX_ALT_TEXT) throw invalid(['altText'], `\`altText\` can be at most ${MAX_ALT_TEXT} characters.`);
    let roomId: string | null = null;
    if (input.roomId) {
      if (!isUuid(input.roomId)) throw invalid(['roomId'], '`roomId` is not a room id.');
      roomId = input.roomId.toLowerCase();
    }
    if (kind === 'SCREENSHOT') {
      if (!roomId) throw invalid(['roomId'], 'A screenshot needs the `roomId` it was taken in.');
      await this.assertMayCapture(actor, em, roomId);
    } else if (roomId) {
      throw invalid(['roomId'], '`roomId` only goes with kind SCREENSHOT.');
    }
    if (input.screenshotPeople && kind !== 'SCREENSHOT')
      throw invalid(['screenshotPeople'], '`screenshotPeople` only goes with kind SCREENSHOT.');
    const screenshotPeople = input.screenshotPeople ? await this.checkedPeople(em, roomId!, input.screenshotPeople) : null;

    const { quotaBytes } = this.deps.config.media;
    if ((await this.deps.repository.bytesUsed(em, actor.id)) >= quotaBytes) throw quotaExceeded(quotaBytes);
    const image = await this.deps.images.process(input.file);
    return inTransaction(em, async (tx, afterCommit) => {
      await this.deps.repository.lockOwnerUploads(tx, actor.id);
      if ((await this.deps.repository.bytesUsed(tx, actor.id)) + image.display.data.length > quotaBytes) throw quotaExceeded(quotaBytes);
      const media = await this.deps.repository.insert(tx, {
        ownerId: actor.id,
        kind,
        width: image.display.width,
        height: image.display.height,
        blurhash: image.blurhash,
        altText,
        roomId,
        screenshotPeople,
        bytes: image.display.data.length,
      });
      if (kind === 'SCREENSHOT')
        await this.deps.screenshots.recorded(tx, afterCommit, { mediaId: media.id, roomId: roomId!, actorId: actor.id });
      // Written last, so a refusal above leaves no file behind.
      await Promise.all([
        this.storage.put(media.fileKey, image.display.data, 'image/webp'),
        this.storage.put(media.thumbKey, image.thumb.data, 'image/webp'),
      ]);
      return media;
    });
  }

  /**
   * Deletes uploads older than `olderThanHours` that were never attached to a post or an avatar, or no longer are
   * (the UPLOAD_ORPHAN_HOURS job), rows first, then their files; returns how many went. A file that cannot be
   * deleted is logged and left (its row is gone, so nothing serves it).
   */
  async deleteUnattached(em: Db, olderThanHours: number, log?: { warn(obj: object, msg: string): void }): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanHours * 3600_000);
    let deleted = 0;
    for (;;) {
      const rows = await inTransaction(em, (tx) => this.deps.repository.deleteUnattached(tx, cutoff, 200));
      for (const row of rows) {
        await Promise.all([this.storage.delete(row.fileKey), this.storage.delete(row.thumbKey)]).catch((error) =>
          log?.warn({ err: error, mediaId: row.id }, 'could not delete the files of an unattached upload'),
        );
      }
      deleted += rows.length;
      if (rows.length < 200) return deleted;
    }
  }

  /** The people of a screenshot, each a participant of its room (else INVALID: nobody else can be named in it). */
  private async checkedPeople(em: Db, roomId: string, text: string): Promise<ScreenshotPersonRow[]> {
    const people = parseScreenshotPeople(text);
    const participants = new Set(await this.deps.screenshots.participantIds(em, roomId));
    if (people.some((person) => !participants.has(person.userId)))
      throw invalid(['screenshotPeople'], '`screenshotPeople` can only name people who are in the call.');
    return people;
  }

  /** Any refusal of the policy is a 403 for the uploader, whatever code it carries (as before). */
  private async assertMayCapture(actor: Actor, em: Db, roomId: string): Promise<void> {
    try {
      await this.deps.screenshots.assertMayCapture(actor, em, roomId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw forbidden(error.message, error.errors[0]?.field ?? undefined);
    }
  }
}

function quotaExceeded(quotaBytes: number): UploadRefused {
  return new UploadRefused(
    ErrorCode.QUOTA_EXCEEDED,
    `Your storage for images (${Math.round(quotaBytes / 1024 / 1024)} MB) is full: this image does not fit.`,
    ['file'],
  );
}
