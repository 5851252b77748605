/**
 * The pure part of a thread's log (no Vue, no Apollo): messages, oldest first, become what the thread shows —
 * a time line where a pause starts, call events as centred system lines, and runs of one sender's messages as
 * a group (own on the right) — plus which of the viewer's messages carries "Seen" / "Seen by N".
 */
export type MessageKind = 'TEXT' | 'CALL_MISSED' | 'CALL_ENDED';

export interface LogMessage {
  id: string;
  kind: MessageKind;
  createdAt: string;
  author: { id: string };
}

export type LogEntry<M> =
  | { type: 'time'; key: string; at: string }
  | { type: 'call'; key: string; message: M }
  | { type: 'group'; key: string; authorId: string; mine: boolean; messages: M[] };

/** One sender's messages stay one group while less than this passes between them. */
export const GROUP_GAP_MS = 5 * 60_000;
/** A pause this long gets a time line above the next message. */
export const TIME_GAP_MS = 60 * 60_000;

export function buildLog<M extends LogMessage>(messages: readonly M[], viewerId: string | undefined): LogEntry<M>[] {
  const entries: LogEntry<M>[] = [];
  let group: Extract<LogEntry<M>, { type: 'group' }> | null = null;
  let previousAt = Number.NEGATIVE_INFINITY;
  for (const message of messages) {
    const at = Date.parse(message.createdAt);
    if (at - previousAt >= TIME_GAP_MS) {
      entries.push({ type: 'time', key: `time-${message.id}`, at: message.createdAt });
      group = null;
    }
    if (message.kind !== 'TEXT') {
      entries.push({ type: 'call', key: message.id, message });
      group = null;
    } else if (group && group.authorId === message.author.id && at - previousAt < GROUP_GAP_MS) {
      group.messages.push(message);
    } else {
      group = {
        type: 'group',
        key: `group-${message.id}`,
        authorId: message.author.id,
        mine: message.author.id === viewerId,
        messages: [message],
      };
      entries.push(group);
    }
    previousAt = at;
  }
  return entries;
}

export interface ReadMark {
  user: { id: string };
  lastReadMessageId?: string | null;
  lastReadAt?: string | null;
}

/** Whether `mark` covers messages[index]: by the read message's place when it is loaded, else by the time it was read. */
function hasRead(mark: ReadMark, messages: readonly LogMessage[], index: number): boolean {
  if (!mark.lastReadMessageId) return false;
  const readIndex = messages.findIndex((m) => m.id === mark.lastReadMessageId);
  if (readIndex >= 0) return readIndex >= index;
  return !!mark.lastReadAt && Date.parse(mark.lastReadAt) >= Date.parse(messages[index]!.createdAt);
}

/**
 * The viewer's last text message and how many of the others have read it (null when the viewer has written
 * nothing loaded, or nobody has read it). 1:1 shows "Seen", groups "Seen by N".
 */
export function seenMark(
  messages: readonly LogMessage[],
  viewerId: string | undefined,
  marks: readonly ReadMark[],
): { messageId: string; readers: number } | null {
  let index = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.author.id === viewerId && messages[i]!.kind === 'TEXT') {
      index = i;
      break;
    }
  }
  if (index < 0) return null;
  const readers = marks.filter((mark) => mark.user.id !== viewerId && hasRead(mark, messages, index)).length;
  return readers ? { messageId: messages[index]!.id, readers } : null;
}
