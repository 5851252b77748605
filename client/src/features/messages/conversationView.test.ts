import { describe, expect, it } from 'vitest';
import { conversationName, othersOf, previewLine, typingLine } from './conversationView';

// The keys with their named values, so the tests read what would be said.
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}${JSON.stringify(named)}` : key);
const members = [
  { id: 'me', displayName: 'Me' },
  { id: 'b', displayName: 'Bob' },
  { id: 'c', displayName: 'Carol' },
];

describe('conversation names', () => {
  it('uses the group title, else the others’ names', () => {
    expect(conversationName({ title: ' Trip ', members }, 'me')).toBe('Trip');
    expect(conversationName({ title: null, members }, 'me')).toBe('Bob, Carol');
    expect(othersOf([members[0]!], 'me').map((m) => m.id)).toEqual(['me']);
  });
});

describe('previewLine', () => {
  it('says what kind of message it was', () => {
    expect(previewLine({ kind: 'TEXT', body: null, image: {}, author: { id: 'b' } }, 'me', t)).toBe('messages.kind.photo');
    expect(previewLine({ kind: 'CALL_MISSED', author: { id: 'b' } }, 'me', t)).toBe('messages.kind.missedCall');
    expect(previewLine({ kind: 'CALL_ENDED', callDurationSeconds: 192, author: { id: 'me' } }, 'me', t)).toBe(
      'messages.kind.call{"time":"3:12"}',
    );
  });

  it('puts “You:” before the viewer’s own text, on one line', () => {
    expect(previewLine({ kind: 'TEXT', body: 'hi\nthere', author: { id: 'me' } }, 'me', t)).toBe('messages.list.you{"text":"hi there"}');
    expect(previewLine({ kind: 'TEXT', body: 'hey', author: { id: 'b' } }, 'me', t)).toBe('hey');
    expect(previewLine(null, 'me', t)).toBe('messages.list.noMessagesYet');
  });
});

describe('typingLine', () => {
  it('names one or two, counts more', () => {
    expect(typingLine([], t)).toBe('');
    expect(typingLine(['Bob'], t)).toBe('messages.typing.one{"name":"Bob"}');
    expect(typingLine(['Bob', 'Carol'], t)).toBe('messages.typing.two{"a":"Bob","b":"Carol"}');
    expect(typingLine(['A', 'B', 'C'], t)).toBe('messages.typing.many{"n":3}');
  });
});
