/**
 * The emotion as a LiveKit participant attribute, so every tile in the call can
 * show a badge for every participant. The value is an emotion name from
 * classifyEmotion ('happy', 'sad', …); an empty value (LiveKit deletes the key)
 * means "not recognising" (effects off, blur, or the models failed).
 *
 * The LiveKit token must grant canUpdateOwnMetadata, or the server refuses.
 */
import type { Participant, Room } from 'livekit-client';
import { EMOTIONS, type Emotion } from '../emotion/classify';

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
