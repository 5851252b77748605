import { describe, expect, it } from 'vitest';
import { buildLog, seenMark, type LogMessage } from './threadLog';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 2, 12, 0) + minutes * 60_000).toISOString();
const msg = (id: string, author: string, minutes: number, kind: LogMessage['kind'] = 'TEXT'): LogMessage => ({
  id,
  kind,
  createdAt: at(minutes),
  author: { id: author },
});

describe('buildLog', () => {
  it('groups one sender’s consecutive messages, own ones marked, with a time line first', () => {
    const log = buildLog([msg('1', 'bob', 0), msg('2', 'bob', 1), msg('3', 'me', 2), msg('4', 'me', 3), msg('5', 'bob', 4)], 'me');
    expect(log.map((e) => e.type)).toEqual(['time', 'group', 'group', 'group']);
    const groups = log.filter((e) => e.type === 'group');
    expect(groups.map((g) => [g.authorId, g.mine, g.messages.map((m) => m.id)])).toEqual([
      ['bob', false, ['1', '2']],
      ['me', true, ['3', '4']],
      ['bob', false, ['5']],
    ]);
  });

  it('starts a new group after a pause, and a time line after a long one', () => {
    const log = buildLog([msg('1', 'bob', 0), msg('2', 'bob', 10), msg('3', 'bob', 80)], 'me');
    expect(log.map((e) => (e.type === 'group' ? e.messages.map((m) => m.id).join() : e.type))).toEqual(['time', '1', '2', 'time', '3']);
  });

  it('shows call events as their own lines, breaking the groups around them', () => {
    const log = buildLog([msg('1', 'me', 0), msg('2', 'me', 1, 'CALL_MISSED'), msg('3', 'me', 2)], 'me');
    expect(log.map((e) => e.type)).toEqual(['time', 'group', 'call', 'group']);
  });

  it('has nothing for no messages', () => {
    expect(buildLog([], 'me')).toEqual([]);
  });
});

describe('seenMark', () => {
  const thread = [msg('1', 'me', 0), msg('2', 'bob', 1), msg('3', 'me', 2), msg('4', 'me', 3, 'CALL_ENDED')];

  it('marks the viewer’s last text message once the other has read up to it', () => {
    expect(seenMark(thread, 'me', [{ user: { id: 'bob' }, lastReadMessageId: '3', lastReadAt: at(5) }])).toEqual({
      messageId: '3',
      readers: 1,
    });
    expect(seenMark(thread, 'me', [{ user: { id: 'bob' }, lastReadMessageId: '2', lastReadAt: at(5) }])).toBeNull();
  });

  it('counts the readers in a group and ignores the viewer’s own mark', () => {
    const marks = [
      { user: { id: 'me' }, lastReadMessageId: '4', lastReadAt: at(5) },
      { user: { id: 'bob' }, lastReadMessageId: '4', lastReadAt: at(5) },
      { user: { id: 'carol' }, lastReadMessageId: '3', lastReadAt: at(5) },
      { user: { id: 'dan' }, lastReadMessageId: null, lastReadAt: null },
    ];
    expect(seenMark(thread, 'me', marks)).toEqual({ messageId: '3', readers: 2 });
  });

  it('falls back to the read time when the read message is not loaded', () => {
    expect(seenMark(thread, 'me', [{ user: { id: 'bob' }, lastReadMessageId: 'newer', lastReadAt: at(4) }])?.readers).toBe(1);
    expect(seenMark(thread, 'me', [{ user: { id: 'bob' }, lastReadMessageId: 'older', lastReadAt: at(1) }])).toBeNull();
  });

  it('is null when the viewer has written nothing', () => {
    expect(seenMark([msg('2', 'bob', 1)], 'me', [{ user: { id: 'bob' }, lastReadMessageId: '2', lastReadAt: at(2) }])).toBeNull();
  });
});
