import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../kernel/actor.js';
import type { Db } from '../../kernel/db.js';
import { forbidden, notFound } from '../../kernel/errors.js';
import { isUuid, toGlobalId } from '../../kernel/ids.js';
import type { RoomsRepository } from './rooms.repository.js';

/** How long an invite link works. */
export const ROOM_INVITE_DAYS = 7;
const MAC_BYTES = 16;
const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export interface RoomInvitesCollaborators {
  repo: RoomsRepository;
  /** The API's JWT secret; invite codes are signed with a key derived from it (no table: the code carries everything). */
  secret: string;
  /** The app's public origin, for the link. */
  publicUrl: string;
}

export interface RoomInvite {
  url: string;
  code: string;
  expiresAt: Date;
}

/**
 * Invite links of rooms (not calls): `/call/<roomId>?invite=<code>`. The code is URL-safe base64 of room id, expiry
 * (seconds) and inviter id, with an HMAC-SHA256 (truncated to 128 bits) over them. `joinRoom` with a valid code of the
 * owner lets anyone signed in join a FRIENDS (or PRIVATE) room; blocks still refuse (rooms.service.ts `checkJoin`).
 */
export class RoomInvites {
  private readonly key: Buffer;

  constructor(private readonly c: RoomInvitesCollaborators) {
    // A key of its own: an invite code can never pass for anything else signed with the JWT secret.
    this.key = createHmac('sha256', c.secret).update('pp-enter room invite v1').digest();
  }

  /** A link to the room for 7 days. The owner may make one, or anyone in a PUBLIC room. */
  async create(actor: Actor, em: Db, roomId: string, now = Date.now()): Promise<RoomInvite> {
    const field = ['input', 'roomId'];
    const room = isUuid(roomId) && (await this.c.repo.canSee(em, roomId, actor.id)) ? await this.c.repo.findById(em, roomId) : null;
    if (!room) throw notFound('That room does not exist (any more).', field);
    if (room.isCall) throw forbidden('Invite links are not for calls: ring people with inviteToCall.', field);
    if (room.closedAt) throw forbidden('This room is closed.', field);
    const mayInvite =
      room.ownerId === actor.id || (room.visibility === 'PUBLIC' && (await this.c.repo.isParticipant(em, room.id, actor.id)));
    if (!mayInvite) throw forbidden('Only the owner, or someone in a public room, can make an invite link.', field);
    const expiresAt = new Date(Math.floor(now / 1000 + ROOM_INVITE_DAYS * 86_400) * 1000);
    const code = this.sign(room.id, expiresAt, actor.id);
    const url = `${this.c.publicUrl.replace(/\/$/, '')}/call/${encodeURIComponent(toGlobalId('FacechatRoom', room.id))}?invite=${code}`;
    return { url, code, expiresAt };
  }

  /** Who made `code` when it is a genuine, unexpired invite to `roomId`; null otherwise (forged, expired, another room). */
  verify(code: string, roomId: string, now = Date.now()): { inviterId: string } | null {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(code)) return null;
    const bytes = Buffer.from(code, 'base64url');
    if (bytes.length !== 36 + MAC_BYTES) return null;
    const body = bytes.subarray(0, 36);
    if (!timingSafeEqual(bytes.subarray(36), this.mac(body))) return null;
    if (uuidOf(body.subarray(0, 16)) !== roomId.toLowerCase()) return null;
    if (body.readUInt32BE(16) * 1000 <= now) return null;
    return { inviterId: uuidOf(body.subarray(20, 36)) };
  }

  private sign(roomId: string, expiresAt: Date, inviterId: string): string {
    const expiry = Buffer.alloc(4);
    expiry.writeUInt32BE(expiresAt.getTime() / 1000);
    const body = Buffer.concat([uuidBytes(roomId), expiry, uuidBytes(inviterId)]);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}
