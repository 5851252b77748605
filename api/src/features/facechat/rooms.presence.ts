import type { WebhookEvent } from 'livekit-server-sdk';
import { inTransaction, type Db } from '../../kernel/db.js';
import type { EventBus } from '../../kernel/events.js';
import { isUuid } from '../../kernel/ids.js';
import { publishRoomChange } from './facechat.events.js';
import type { LivekitGateway } from './livekit.js';
import type { RoomsPresenceRepository } from './rooms.presence.repository.js';
import type { Departure } from './rooms.service.js';

/** A LiveKit webhook older than this (seconds since its `createdAt`) is refused as a replay. */
export const WEBHOOK_MAX_AGE_SECONDS = 300;
/** How far in the future a webhook's `createdAt` may be (clock skew between LiveKit and the API). */
export const WEBHOOK_MAX_SKEW_SECONDS = 60;

export interface RoomsPresenceCollaborators {
  repo: RoomsPresenceRepository;
  livekit: LivekitGateway;
  events: EventBus;
  /** A fresh EntityManager for work outside a request (webhooks). */
  newEm: () => Db;
}

/** LiveKit presence: webhooks and reconciliation with LiveKit's own list. Part of FacechatService (not public). */
export class RoomsPresence {
  constructor(private readonly c: RoomsPresenceCollaborators) {}

  private publish(roomId: string): void {
    publishRoomChange(this.c.events, roomId);
  }

  /**
   * Refuses a webhook that is not fresh: LiveKit stamps each event (`createdAt`, seconds) and sends it at once,
   * so an older one (or one from the future beyond clock skew) is a replay. Throws; the route answers 401.
   */
  assertFreshWebhook(event: WebhookEvent, now = Date.now()): void {
    if (!event.id || event.id.length > 128) throw new Error('the webhook event has no usable id');
    const ageSeconds = now / 1000 - Number(event.createdAt);
    if (!event.createdAt || ageSeconds > WEBHOOK_MAX_AGE_SECONDS || ageSeconds < -WEBHOOK_MAX_SKEW_SECONDS) {
      throw new Error(`the webhook event is stale (createdAt ${String(event.createdAt)})`);
    }
  }

  /**
   * Keeps `room_presence` what LiveKit sees; returns who left (and whether nobody is connected any more). Events of rooms
   * or users this database does not know are ignored (several API instances, e.g. test stacks, may share one LiveKit).
   * Each event id is applied once (`livekit_webhook_events`, in the same transaction): a replay changes nothing.
   */
  async applyWebhook(event: WebhookEvent): Promise<Departure | null> {
    const roomId = event.room?.name;
    if (!isUuid(roomId)) return null;
    const identity = event.participant?.identity;
    const sid = event.participant?.sid ?? '';
    return inTransaction(this.c.newEm(), async (tx, afterCommit): Promise<Departure | null> => {
      if (!(await this.c.repo.recordWebhook(tx, event.id, WEBHOOK_MAX_AGE_SECONDS * 2))) return null;
      // A hidden participant is a callee connected while ringing: present only once they accept (calls.service.ts).
      if (event.event === 'participant_joined' && isUuid(identity) && !event.participant?.permission?.hidden) {
        if (await this.c.repo.presenceJoined(tx, roomId, identity, sid)) afterCommit(() => this.publish(roomId));
      } else if (event.event === 'participant_left' && isUuid(identity)) {
        if (!(await this.c.repo.presenceLeft(tx, roomId, identity, sid))) return null;
        await this.c.repo.markLeft(tx, roomId, identity);
        const n = await this.c.repo.presenceCount(tx, roomId);
        afterCommit(() => this.publish(roomId));
        return { roomId, lastUserId: identity, empty: n === 0 };
      } else if (event.event === 'room_finished') {
        if (!(await this.c.repo.exists(tx, roomId))) return null;
        await this.c.repo.finished(tx, roomId, event.createdAt ? new Date(Number(event.createdAt) * 1000) : new Date());
        afterCommit(() => this.publish(roomId));
        return { roomId, lastUserId: null, empty: true };
      }
      return null;
    });
  }

  /**
   * Makes `room_presence` match who LiveKit has connected (webhooks are lost while LiveKit or the API is down):
   * sessions LiveKit no longer has are removed (their members have left), participants it has that this database
   * does not know of are added; changed rooms get `roomUpdated`. Rows written after the listing began are kept.
   * Returns who left which room (and whether it is empty now). Throws LivekitUnavailable when LiveKit does not answer.
   */
  async reconcilePresence(): Promise<{ changed: number; departures: Departure[] }> {
    const em = this.c.newEm();
    const startedAt = new Date();
    const live = await this.c.livekit.listPresence();
    const changed = new Set<string>();
    const lastLeft = new Map<string, string>();
    const known = new Set<string>();
    for (const row of await this.c.repo.allPresence(em)) {
      known.add(`${row.roomId}/${row.userId}`);
      const sid = live.get(row.roomId)?.get(row.userId);
      if (sid === row.sid) continue;
      if (sid !== undefined) {
        // Connected again with another session: keep them, with the session LiveKit's next `participant_left` names.
        if (await this.c.repo.presenceJoined(em, row.roomId, row.userId, sid)) changed.add(row.roomId);
      } else if (await this.c.repo.removeStalePresence(em, row, startedAt)) {
        await this.c.repo.markLeft(em, row.roomId, row.userId);
        changed.add(row.roomId);
        lastLeft.set(row.roomId, row.userId);
      }
    }
    for (const [roomId, participants] of live) {
      if (!isUuid(roomId)) continue;
      for (const [userId, sid] of participants) {
        if (!isUuid(userId) || known.has(`${roomId}/${userId}`)) continue;
        if (await this.c.repo.presenceJoined(em, roomId, userId, sid)) changed.add(roomId);
      }
    }
    const departures: Departure[] = [];
    for (const roomId of changed) {
      this.publish(roomId);
      const lastUserId = lastLeft.get(roomId);
      if (lastUserId) departures.push({ roomId, lastUserId, empty: (await this.c.repo.presenceCount(em, roomId)) === 0 });
    }
    return { changed: changed.size, departures };
  }
}
