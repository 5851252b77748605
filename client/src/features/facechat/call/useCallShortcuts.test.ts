import { describe, expect, it } from 'vitest';
import { isTyping, shortcutOf } from './useCallShortcuts';

const press = (key: string, extra: Partial<KeyboardEvent> = {}) =>
  shortcutOf({ key, ctrlKey: false, metaKey: false, altKey: false, repeat: false, defaultPrevented: false, target: null, ...extra });

/** A stand-in for an element: what `closest` would find for the given selector parts. */
const element = (tag: string, editable = false) =>
  ({
    isContentEditable: editable,
    closest: (selector: string) => (selector.split(', ').includes(tag) ? {} : null),
  }) as unknown as EventTarget;

describe('call shortcuts', () => {
  it('maps M, V, E, F, C, P and ? in either case', () => {
    expect(['m', 'V', 'e', 'F', 'c', 'P', '?', 'x', 'Enter'].map((key) => press(key))).toEqual([
      'm',
      'v',
      'e',
      'f',
      'c',
      'p',
      '?',
      null,
      null,
    ]);
  });

  it('leaves browser shortcuts, repeats and handled keys alone', () => {
    expect(press('m', { ctrlKey: true })).toBeNull();
    expect(press('f', { metaKey: true })).toBeNull();
    expect(press('e', { altKey: true })).toBeNull();
    expect(press('m', { repeat: true })).toBeNull();
    expect(press('m', { defaultPrevented: true })).toBeNull();
  });

  it('is ignored while typing in a field', () => {
    expect(isTyping(element('input'))).toBe(true);
    expect(isTyping(element('textarea'))).toBe(true);
    expect(isTyping(element('div', true))).toBe(true);
    expect(isTyping(element('button'))).toBe(false);
    expect(press('m', { target: element('textarea') })).toBeNull();
    expect(press('m', { target: element('button') })).toBe('m');
  });
});
