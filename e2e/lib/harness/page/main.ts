/**
 * Minimal call page for the emotion-background browser tests: one page publishes
 * its camera through our processor, another subscribes and renders the remote
 * track so the test can sample its pixels. Real livekit-client against the real
 * LiveKit server, with tokens from the real API.
 */
import { Room, RoomEvent, Track, createLocalVideoTrack, type Participant } from 'livekit-client';
import {
  type ActiveFallback,
  type EffectMode,
  type EmotionBackgroundProcessor,
  createEmotionBackgroundProcessor,
  readEmotionAttribute,
} from '../../../../client/src/features/facechat/processor';
import type { Emotion } from '../../../../client/src/features/facechat/emotion/classify';
import { type PresetBackground, renderPreset } from '../../../../client/src/features/facechat/processor/presets';
import { meanLuma, patchMedian, sharpness, topCorners } from '../imageStats';

interface Access {
  url: string;
  token: string;
}

const state = {
  /** ms since publish() started. */
  localChanges: [] as { emotion: string; confidence: number; faceFound: boolean; atMs: number }[],
  localEmotion: null as string | null,
  /** When the first recognition result came back (the models were loaded and ran). */
  firstRecognitionAtMs: null as number | null,
  fallback: null as ActiveFallback,
  remoteEmotion: null as string | null,
  remoteEmotionAtMs: null as number | null,
  remoteVideo: false,
  /** When the remote video presented its frames (epoch ms, the newest 400). */
  remoteFrameTimes: [] as number[],
};

let startedAt = 0;
let processor: EmotionBackgroundProcessor | null = null;
const since = () => Math.round(performance.now() - startedAt);
const badge = (id: string, text: string) => (document.getElementById(id)!.textContent = text);

interface PublishOptions {
  mode: EffectMode;
  modelsBase?: string;
  frameBudgetMs?: number;
  mainThreadCompositing?: boolean;
  webglFrames?: 'hardware' | 'always';
  cpuFrames?: boolean;
}

async function publish(access: Access, options: PublishOptions): Promise<void> {
  startedAt = performance.now();
  processor = createEmotionBackgroundProcessor({
    mode: options.mode,
    modelsBase: options.modelsBase,
    frameBudgetMs: options.frameBudgetMs,
    mainThreadCompositing: options.mainThreadCompositing,
    webglFrames: options.webglFrames,
    cpuFrames: options.cpuFrames,
    onEmotion: (change) => {
      // Only a recognition result triggers this, so it also marks the recogniser running.
      state.firstRecognitionAtMs ??= since();
      state.localEmotion = change.emotion;
      state.localChanges.push({ ...change, atMs: since() });
      badge('local-badge', change.emotion);
    },
    onFallback: (fallback) => (state.fallback = fallback),
  });
  const watch = setInterval(() => {
    if (processor && processor.stats.recognitions > 0 && state.firstRecognitionAtMs === null) state.firstRecognitionAtMs = since();
    if (state.firstRecognitionAtMs !== null) clearInterval(watch);
  }, 25);
  const room = new Room();
  await room.connect(access.url, access.token);
  const track = await createLocalVideoTrack({ resolution: { width: 640, height: 480, frameRate: 20 } });
  await track.setProcessor(processor);
  await room.localParticipant.publishTrack(track, { simulcast: false, source: Track.Source.Camera });
}

async function subscribe(access: Access): Promise<void> {
  const room = new Room({ adaptiveStream: false, dynacast: false });
  const video = document.getElementById('remote') as HTMLVideoElement;
  const readAttribute = (participant: Participant) => {
    if (participant === room.localParticipant) return;
    const emotion = readEmotionAttribute(participant);
    if (emotion !== state.remoteEmotion) state.remoteEmotionAtMs = since();
    state.remoteEmotion = emotion;
    badge('remote-badge', emotion ?? '-');
  };
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== Track.Kind.Video) return;
    track.attach(video);
    state.remoteVideo = true;
    const presented = () => {
      state.remoteFrameTimes.push(performance.timeOrigin + performance.now());
      if (state.remoteFrameTimes.length > 400) state.remoteFrameTimes.shift();
      video.requestVideoFrameCallback(presented);
    };
    video.requestVideoFrameCallback(presented);
  });
  room.on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => readAttribute(participant));
  room.on(RoomEvent.ParticipantConnected, readAttribute);
  await room.connect(access.url, access.token);
  room.remoteParticipants.forEach(readAttribute);
}

/** Keeps this page's main thread busy for `ms` (a heavy page); the epoch ms it was busy from and to. */
function busy(ms: number): { from: number; to: number } {
  const from = Date.now();
  while (Date.now() - from < ms) {
    // spin
  }
  return { from, to: Date.now() };
}

function setMode(mode: EffectMode): void {
  processor?.setMode(mode);
}

/** A preset picture behind the person, drawn the way the app draws it. */
function setPreset(preset: PresetBackground): void {
  processor?.setBackgroundImage(renderPreset(preset, 1280, 720));
}

function setMood(mood: Emotion): void {
  processor?.setMood(mood);
}

/** What the remote video shows right now, measured on its decoded frame (scaled to width×height if given). */
function sampleRemote(size?: { width: number; height: number } | null) {
  const video = document.getElementById('remote') as HTMLVideoElement;
  if (!video.videoWidth) return null;
  const { width, height } = size ?? { width: video.videoWidth, height: video.videoHeight };
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return {
    width,
    height,
    videoWidth: video.videoWidth,
    videoHeight: video.videoHeight,
    corners: topCorners(data, width, height, 4),
    /** Where the face is in the test photos (centre, a little below the middle). */
    centre: patchMedian(data, width, 4, Math.round(width / 2 - 12), Math.round(height * 0.65), 24, 24),
    sharpness: sharpness(data, width, height, 4),
    meanLuma: meanLuma(data, width, height, 4),
    thumb: thumbnail(video),
    png: canvas.toDataURL('image/png'),
  };
}

/** The received frame at 64×48 RGBA, for region comparisons in the test (same size as e2e/lib/emotionCall.ts THUMB). */
function thumbnail(video: HTMLVideoElement): number[] {
  const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 48 });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, 64, 48);
  return Array.from(context.getImageData(0, 0, 64, 48).data);
}

function harnessState() {
  return { ...state, stats: processor?.stats ?? null };
}

Object.assign(window, { publish, subscribe, busy, setMode, setPreset, setMood, sampleRemote, harnessState, harnessReady: true });
