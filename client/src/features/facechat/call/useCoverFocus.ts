/**
 * Where a tile that fills its box (object-fit: cover, the phone's full-screen video) crops the frame: around the face
 * the participant shares (processor/facePoint.ts, a participant attribute), as close to the middle of what shows as
 * the frame allows; around the frame's centre while nobody shares one. A contain tile shows the whole frame: nothing
 * to do there.
 */
import type { Participant } from 'livekit-client';
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import { readFaceAttribute } from '../processor/attribute';
import type { FacePoint } from '../processor/facePoint';
import { useParticipantAttribute } from '../processor/useEmotionBackground';

export interface Size {
  width: number;
  height: number;
}

/** Where the face goes in what shows: across the middle, and a little above it, as a portrait is framed. */
const TARGET = { x: 0.5, y: 0.4 };

/**
 * The CSS object-position (percent on each axis) that shows `face` of a `video`-sized frame covering a `box`: with
 * cover, position p lines the frame's point p up with the box's point p, so the visible part starts at p·(1 − share).
 */
export function coverPosition(face: FacePoint, video: Size, box: Size): { x: number; y: number } {
  const scale = Math.max(box.width / video.width, box.height / video.height);
  const axis = (point: number, shown: number, target: number) => {
    if (shown >= 0.999) return 50;
    const start = (point - target * shown) / (1 - shown);
    return Math.round(Math.min(1, Math.max(0, start)) * 1000) / 10;
  };
  return {
    x: axis(face.x, box.width / (video.width * scale), TARGET.x),
    y: axis(face.y, box.height / (video.height * scale), TARGET.y),
  };
}

/**
 * The object-position style for `videoEl` while `cover()` holds and the participant shares a face; `mirrored`: the
 * element is flipped (our own view), so the face's x is too.
 */
export function useCoverFocus(
  participant: () => Participant,
  videoEl: Ref<HTMLVideoElement | null>,
  cover: () => boolean,
  mirrored: () => boolean,
) {
  // Only a real move of the face re-positions the crop, not another attribute's change.
  const face = useParticipantAttribute(participant, readFaceAttribute, (a, b) => a?.x === b?.x && a?.y === b?.y);
  const video = ref<Size | null>(null);
  const box = ref<Size | null>(null);
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => measure());
  function measure(): void {
    const element = videoEl.value;
    if (!element) return;
    video.value = element.videoWidth && element.videoHeight ? { width: element.videoWidth, height: element.videoHeight } : null;
    box.value = element.clientWidth && element.clientHeight ? { width: element.clientWidth, height: element.clientHeight } : null;
  }
  watch(
    videoEl,
    (element, _previous, onCleanup) => {
      if (!element) return;
      measure();
      observer?.observe(element);
      // A new stream or a layer of another size (adaptive stream) changes the frame's shape.
      element.addEventListener('resize', measure);
      element.addEventListener('loadedmetadata', measure);
      onCleanup(() => {
        observer?.unobserve(element);
        element.removeEventListener('resize', measure);
        element.removeEventListener('loadedmetadata', measure);
      });
    },
    { immediate: true },
  );
  onScopeDispose(() => observer?.disconnect());

  const style = computed(() => {
    if (!cover() || !face.value || !video.value || !box.value) return undefined;
    const point = mirrored() ? { x: 1 - face.value.x, y: face.value.y } : face.value;
    const { x, y } = coverPosition(point, video.value, box.value);
    return { objectPosition: `${x}% ${y}%` };
  });
  return { face, style };
}
