/**
 * Ringing sounds made with WebAudio (no audio files): the incoming ringtone (two tones,
 * rising, twice a second for a beat, then a pause) and the caller's softer ringback
 * (one 440+480 Hz tone, 2 s on, 4 s off). `start` returns the function that stops it.
 * Browsers may keep the AudioContext suspended until the user interacts: then it stays
 * silent, and the dialog still shows.
 */
export type ToneKind = 'ringtone' | 'ringback';

interface Beep {
  at: number;
  freqs: number[];
  length: number;
}

const PATTERNS: Record<ToneKind, { period: number; beeps: Beep[]; volume: number }> = {
  ringtone: {
    period: 3,
    volume: 0.18,
    beeps: [0, 0.5].flatMap((start) => [
      { at: start, freqs: [659.25, 1318.5], length: 0.18 },
      { at: start + 0.2, freqs: [783.99, 1568], length: 0.22 },
    ]),
  },
  ringback: { period: 6, volume: 0.08, beeps: [{ at: 0, freqs: [440, 480], length: 2 }] },
};

type AudioContextClass = typeof AudioContext;

export function startTone(kind: ToneKind): () => void {
  const Ctx: AudioContextClass | undefined =
    globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Ctx) return () => {};
  let context: AudioContext;
  try {
    context = new Ctx();
  } catch {
    return () => {};
  }
  const pattern = PATTERNS[kind];
  const master = context.createGain();
  master.gain.value = pattern.volume;
  master.connect(context.destination);
  let nextCycle = context.currentTime + 0.05;
  let stopped = false;

  // Schedules whole cycles a little ahead, so timer jitter never cuts a beep.
  const schedule = () => {
    while (nextCycle < context.currentTime + pattern.period) {
      for (const beep of pattern.beeps) {
        const start = nextCycle + beep.at;
        const envelope = context.createGain();
        envelope.gain.setValueAtTime(0, start);
        envelope.gain.linearRampToValueAtTime(1, start + 0.02);
        envelope.gain.setValueAtTime(1, start + beep.length - 0.03);
        envelope.gain.linearRampToValueAtTime(0, start + beep.length);
        envelope.connect(master);
        for (const freq of beep.freqs) {
          const oscillator = context.createOscillator();
          oscillator.type = 'sine';
          oscillator.frequency.value = freq;
          oscillator.connect(envelope);
          oscillator.start(start);
          oscillator.stop(start + beep.length + 0.01);
        }
      }
      nextCycle += pattern.period;
    }
  };
  void context.resume().catch(() => {});
  schedule();
  const timer = setInterval(schedule, 1000);

  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    master.gain.setTargetAtTime(0, context.currentTime, 0.02);
    setTimeout(() => void context.close().catch(() => {}), 150);
  };
}
