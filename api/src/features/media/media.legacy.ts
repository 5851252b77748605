/**
 * TEMPORARY bridges for the issue-9 refactor, deleted when the branches are merged:
 * - facechat (chat) still hands out the old `ScreenshotHook`; compose wraps it into a `ScreenshotPolicy`
 *   (the facechat branch makes FacechatService implement ScreenshotPolicy itself);
 * - accounts still has `extendProfile`; compose registers the avatar check with it
 *   (the accounts branch takes `avatars: { ownerOf }` in AccountsService's constructor instead).
 */
import type { Actor } from '../../kernel/actor.js';
import type { AfterCommit, Db } from '../../kernel/db.js';
import { forbidden, DomainError } from '../../kernel/errors.js';
import type { MediaRecord } from './media.records.js';
import type { ScreenshotPolicy } from './media.service.js';

/** The two things the old hook's `check` read from the GraphQL context. */
export interface LegacyHookContext {
  viewer: Actor | null;
  em: Db;
}

/** @deprecated the old screenshot hook of the calls/chat feature; use `ScreenshotPolicy`. */
export interface ScreenshotHook {
  /** Throws (any error) to refuse the upload with 403. */
  check(ctx: LegacyHookContext, rawRoomId: string): Promise<void>;
  /** Runs in the transaction that stores the screenshot (e.g. to notify the others in the room). */
  after(tx: Db, afterCommit: AfterCommit, media: MediaRecord, viewerId: string): Promise<void>;
}

/** The old hook as a ScreenshotPolicy. */
export function screenshotPolicyFromHook(hook: ScreenshotHook): ScreenshotPolicy {
  return {
    async assertMayCapture(actor, em, roomId) {
      try {
        await hook.check({ viewer: actor, em }, roomId);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw forbidden(error instanceof Error ? error.message : 'You cannot take a screenshot of this room.');
      }
    },
    async recorded(tx, afterCommit, { mediaId, roomId, actorId }) {
      await hook.after(tx, afterCommit, { id: mediaId, roomId, kind: 'SCREENSHOT' } as MediaRecord, actorId);
    },
  };
}
