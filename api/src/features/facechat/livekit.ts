import { decodeJwt } from 'jose';
import { AccessToken, RoomServiceClient, TrackSource, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';

/** How long a join token is valid. A connected participant keeps going; a reconnect after that needs joinRoom again. */
export const TOKEN_TTL_SECONDS = 600;
/** Server API calls give up after this long, so a join answers UNAVAILABLE quickly instead of hanging. */
const REQUEST_TIMEOUT_SECONDS = 3;
/** LiveKit closes a room nobody joined after this long, and one everybody left after DEPARTURE_TIMEOUT. */
const EMPTY_TIMEOUT_SECONDS = 60;
const DEPARTURE_TIMEOUT_SECONDS = 15;

export interface RoomAccessGrant {
  token: string;
  url: string;
  roomName: string;
  expiresAt: Date;
}

/** What the token tells the other participants about a user (LiveKit participant `name` and `attributes`). */
export interface ParticipantProfile {
  /** Raw user id: the LiveKit identity. */
  userId: string;
  /** Global `User` id, as the GraphQL API shows it: the `userId` attribute. */
  globalId: string;
  username: string;
  displayName: string;
}

export class LivekitUnavailable extends Error {}

/** What a participant may do: camera and microphone, subscribe, data. */
const MEDIA = {
  canPublish: true,
  canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
  canSubscribe: true,
  canPublishData: true,
};
/** A participant's token grant; the emotion badge is an attribute each browser sets on itself. */
const PARTICIPANT = { ...MEDIA, canUpdateOwnMetadata: true };
/** The same as a permission update (promoting a ringing callee). */
const PARTICIPANT_PERMISSION = { ...MEDIA, canUpdateMetadata: true, hidden: false };
/**
 * A callee whose phone rings connects early, so that Accept only has to switch media on: hidden (nobody sees them, and
 * declining leaves no trace) and sending no data. Camera and microphone (open already for the ringing screen's preview)
 * may be published, with subscription allowed to nobody (the browser sets that first, LiveKit enforces it, and a hidden
 * participant's tracks are announced to nobody): on Accept they are opened to the call.
 * It may subscribe — the "hidden, subscribe-only participant" — so that LiveKit sets up its receiving connection
 * while it rings; the client subscribes to nothing until the user presses Accept (auto-subscribe off), and then at once,
 * without waiting for this promotion. Calls are between friends, who were called to see each other.
 */
const RINGING = {
  canPublish: true,
  canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
  canSubscribe: true,
  canPublishData: false,
  canUpdateOwnMetadata: false,
  hidden: true,
};

/**
 * The API's side of LiveKit: join tokens, the room service (create, remove, delete) and
 * webhook verification. The API secret stays here; clients only ever get room-scoped tokens.
 * `enabled` is false when no LiveKit server is configured: every call then throws LivekitUnavailable.
 */
export class LivekitGateway {
  private readonly rooms: RoomServiceClient | null;
  readonly receiver: WebhookReceiver | null;

  constructor(
    private readonly config: Config['livekit'],
    private readonly log: Logger,
  ) {
    this.rooms = config
      ? new RoomServiceClient(config.url.replace(/^ws/, 'http'), config.apiKey, config.apiSecret, {
          requestTimeout: REQUEST_TIMEOUT_SECONDS,
          failover: false,
        })
      : null;
    this.receiver = config ? new WebhookReceiver(config.apiKey, config.apiSecret) : null;
  }

  get enabled(): boolean {
    return this.config !== null;
  }

  /**
   * A token for exactly one room: join it, publish camera and microphone, subscribe, send data.
   * Identity = the raw user id; name = display name; attributes `userId` (global id) and `username`.
   */
  async token(roomName: string, who: ParticipantProfile, kind: 'participant' | 'ringing' = 'participant'): Promise<RoomAccessGrant> {
    const config = this.require();
    const at = new AccessToken(config.apiKey, config.apiSecret, {
      identity: who.userId,
      name: who.displayName,
      ttl: TOKEN_TTL_SECONDS,
      attributes: { userId: who.globalId, username: who.username },
    });
    at.addGrant(kind === 'ringing' ? { roomJoin: true, room: roomName, ...RINGING } : { roomJoin: true, room: roomName, ...PARTICIPANT });
    const token = await at.toJwt();
    const exp = decodeJwt(token).exp ?? Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS;
    return { token, url: config.publicUrl, roomName, expiresAt: new Date(exp * 1000) };
  }

  /**
   * A ringing callee who connected early (`token(…, 'ringing')`) becomes a full participant: visible, publishing,
   * subscribed. Returns the participant's session id, or null when they are not connected (they answer the slow way).
   */
  async promote(roomName: string, userId: string): Promise<string | null> {
    if (!this.rooms) return null;
    try {
      const info = await this.rooms.updateParticipant(roomName, userId, { permission: PARTICIPANT_PERMISSION });
      return info.sid;
    } catch (error) {
      if ((error as { status?: number })?.status !== 404) this.log.warn({ err: error, roomName }, 'LiveKit updateParticipant failed');
      return null;
    }
  }

  /** Creates the LiveKit room (or keeps the existing one) with the room's capacity. */
  async ensureRoom(roomName: string, capacity: number): Promise<void> {
    const rooms = this.requireRooms();
    try {
      await rooms.createRoom({
        name: roomName,
        maxParticipants: capacity,
        emptyTimeout: EMPTY_TIMEOUT_SECONDS,
        departureTimeout: DEPARTURE_TIMEOUT_SECONDS,
      });
    } catch (error) {
      this.log.warn({ err: error, roomName }, 'LiveKit createRoom failed');
      throw new LivekitUnavailable('The video server cannot be reached right now. Try again in a moment.');
    }
  }

  /** Disconnects one user from the room; nothing happens when they are not connected. Never throws. */
  async removeParticipant(roomName: string, userId: string): Promise<void> {
    if (!this.rooms) return;
    await this.rooms.removeParticipant(roomName, userId).catch((error: { status?: number }) => {
      if (error?.status !== 404) this.log.warn({ err: error, roomName }, 'LiveKit removeParticipant failed');
    });
  }

  /** Deletes the room in LiveKit, disconnecting everyone in it. Never throws. */
  async deleteRoom(roomName: string): Promise<void> {
    if (!this.rooms) return;
    await this.rooms.deleteRoom(roomName).catch((error: { status?: number }) => {
      if (error?.status !== 404) this.log.warn({ err: error, roomName }, 'LiveKit deleteRoom failed');
    });
  }

  /**
   * Who LiveKit has connected right now: room name → identity → participant sid.
   * Throws LivekitUnavailable when LiveKit is not configured or does not answer (3 s per request).
   */
  async listPresence(): Promise<Map<string, Map<string, string>>> {
    const rooms = this.requireRooms();
    try {
      const presence = new Map<string, Map<string, string>>();
      for (const room of await rooms.listRooms()) {
        const participants = await rooms.listParticipants(room.name).catch((error: { status?: number }) => {
          if (error?.status === 404) return []; // closed between the two calls
          throw error;
        });
        // Hidden ones are callees connected while their call rings: not present until they accept.
        presence.set(room.name, new Map(participants.filter((p) => !p.permission?.hidden).map((p) => [p.identity, p.sid])));
      }
      return presence;
    } catch (error) {
      throw new LivekitUnavailable(`LiveKit does not answer: ${(error as Error).message}`);
    }
  }

  /** Readiness: one cheap authenticated call with a short deadline. */
  async ping(): Promise<{ ok: boolean; state?: string; message?: string }> {
    if (!this.config) return { ok: false, state: 'disabled', message: 'LIVEKIT_URL is not set: calls are disabled.' };
    const probe = new RoomServiceClient(this.config.url.replace(/^ws/, 'http'), this.config.apiKey, this.config.apiSecret, {
      requestTimeout: 1.5,
      failover: false,
    });
    try {
      await probe.listRooms(['readyz-probe']);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: `LiveKit at ${this.config.url} does not answer: ${(error as Error).message}` };
    }
  }

  /** The event of a signed webhook body; throws when the Authorization header is missing, forged or stale. */
  async verifyWebhook(body: string, authorization: string | undefined): Promise<WebhookEvent> {
    if (!this.receiver) throw new LivekitUnavailable('LiveKit is not configured.');
    if (!authorization) throw new Error('authorization header is empty');
    return this.receiver.receive(body, authorization);
  }

  private require(): NonNullable<Config['livekit']> {
    if (!this.config) throw new LivekitUnavailable('Video calls are not available on this server.');
    return this.config;
  }

  private requireRooms(): RoomServiceClient {
    this.require();
    return this.rooms!;
  }
}
