/**
 * The emotion as a LiveKit participant attribute, so every tile in the call can
 * show a badge for every participant (and, below, where the face is, for tiles that crop). The value is an emotion name from
 * classifyEmotion ('happy', 'sad', …); an empty value (LiveKit deletes the key)
 * means "not recognising" (effects off, blur, or the models failed).
 *
 * The LiveKit token must grant canUpdateOwnMetadata, or the server refuses.
 */
import type { Participant, Room } from 'livekit-client';
import { EMOTIONS, type Emotion } from '../emotion/classify';
import type { FacePoint } from './facePoint';

const EMOTION_ATTRIBUTE = 'emotion';

export async function publishEmotionAttribute(room: Room, emotion: Emotion | ''): Promise<void> {
  const participant = room.localParticipant;
  if ((participant.attributes[EMOTION_ATTRIBUTE] ?? '') === emotion) return;
  // Not yet allowed (a callee connected while ringing): the next change, once answered, sends it.
  if (participant.permissions && !participant.permissions.canUpdateMetadata) return;
  try {
    await participant.setAttributes({ [EMOTION_ATTRIBUTE]: emotion });
  } catch (error) {
    // A missing grant or a dropped connection must not break the call; the badge just lags.
    console.warn('[emotion-background] could not publish the emotion attribute:', error instanceof Error ? error.message : error);
  }
}

/** The emotion a participant (local or remote) publishes, or null when none. */
export function readEmotionAttribute(participant: Pick<Participant, 'attributes'>): Emotion | null {
  const value = participant.attributes[EMOTION_ATTRIBUTE];
  return (EMOTIONS as readonly string[]).includes(value ?? '') ? (value as Emotion) : null;
}

/** Where the face is in the published video (facePoint.ts): "x,y", each 0–1 with two decimals. */
const FACE_ATTRIBUTE = 'face';

/** Whether the position could be sent: not while the connection may not update itself yet (a callee still ringing). */
export function publishFaceAttribute(room: Room, face: FacePoint): boolean {
  const participant = room.localParticipant;
  const value = `${face.x.toFixed(2)},${face.y.toFixed(2)}`;
  if (participant.attributes[FACE_ATTRIBUTE] === value) return true;
  if (participant.permissions && !participant.permissions.canUpdateMetadata) return false;
  participant.setAttributes({ [FACE_ATTRIBUTE]: value }).catch((error: unknown) => {
    // Tiles then crop around the centre, as without it.
    console.warn('[emotion-background] could not publish the face position:', error instanceof Error ? error.message : error);
  });
  return true;
}

/** The face position a participant publishes, or null when none (or malformed). */
export function readFaceAttribute(participant: Pick<Participant, 'attributes'>): FacePoint | null {
  const match = /^(0(?:\.\d+)?|1(?:\.0+)?),(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(participant.attributes[FACE_ATTRIBUTE] ?? '');
  return match ? { x: Number(match[1]), y: Number(match[2]) } : null;
}
