import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_DETAILS_STORAGE_KEY,
  DEFAULT_BACKGROUND_DETAILS,
  DEFAULT_EFFECT_MODE,
  EFFECT_MODE_STORAGE_KEY,
  loadBackgroundDetails,
  loadEffectMode,
  saveBackgroundDetails,
  saveEffectMode,
} from './settings';

const memoryStorage = () => {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
};

describe('effect mode setting', () => {
  it('starts with emotion backgrounds', () => {
    expect(loadEffectMode(memoryStorage())).toBe('emotion');
    expect(DEFAULT_EFFECT_MODE).toBe('emotion');
  });

  it('remembers the choice', () => {
    const storage = memoryStorage();
    saveEffectMode('blur', storage);
    expect(storage.getItem(EFFECT_MODE_STORAGE_KEY)).toBe('blur');
    expect(loadEffectMode(storage)).toBe('blur');
    saveEffectMode('off', storage);
    expect(loadEffectMode(storage)).toBe('off');
  });

  it('ignores a value it does not know, and storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem(EFFECT_MODE_STORAGE_KEY, 'sparkles');
    expect(loadEffectMode(storage)).toBe('emotion');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadEffectMode(broken)).toBe('emotion');
    expect(() => saveEffectMode('blur', broken)).not.toThrow();
  });
});

describe('background details setting', () => {
  it('remembers the mood, the preset and an uploaded picture', () => {
    const storage = memoryStorage();
    expect(loadBackgroundDetails(storage)).toEqual(DEFAULT_BACKGROUND_DETAILS);
    saveEffectMode('mood', storage);
    expect(loadEffectMode(storage)).toBe('mood');
    saveBackgroundDetails({ mood: 'happy', image: 'upload', uploadUrl: '/media/abc.jpg' }, storage);
    expect(loadBackgroundDetails(storage)).toEqual({ mood: 'happy', image: 'upload', uploadUrl: '/media/abc.jpg' });
  });

  it('falls back field by field on values it does not know', () => {
    const storage = memoryStorage();
    storage.setItem(BACKGROUND_DETAILS_STORAGE_KEY, JSON.stringify({ mood: 'fearful', image: 'upload', uploadUrl: 'javascript:alert(1)' }));
    expect(loadBackgroundDetails(storage)).toEqual(DEFAULT_BACKGROUND_DETAILS);
    storage.setItem(BACKGROUND_DETAILS_STORAGE_KEY, '{not json');
    expect(loadBackgroundDetails(storage)).toEqual(DEFAULT_BACKGROUND_DETAILS);
  });
});
