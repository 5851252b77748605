import { ErrorCode, type ErrorCollector } from '../../kernel/errors.js';
import { normaliseTags } from '../tags/index.js';

/** A room's settings and their limits (createRoom, updateRoom; a call's room takes its title from the caller's name). */
export const MAX_TITLE = 60;
const MIN_CAPACITY = 2;
/** The most people in a room or a call (the `rooms_capacity_check` constraint says the same). */
export const MAX_CAPACITY = 16;
export const DEFAULT_CAPACITY = 8;

export function checkTitle(raw: string, errors: ErrorCollector): string {
  const title = String(raw ?? '')
    .normalize('NFC')
    .trim();
  const length = [...title].length;
  if (length < 1 || length > MAX_TITLE) errors.add(ErrorCode.INVALID, `The title must be 1–${MAX_TITLE} characters.`, ['input', 'title']);
  return title;
}

export function checkTags(raw: string[], errors: ErrorCollector): string[] {
  const { tags, error } = normaliseTags(raw);
  if (error) errors.add(ErrorCode.INVALID, error, ['input', 'tags']);
  return tags;
}

export function checkCapacity(capacity: number, errors: ErrorCollector): number {
  if (!Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
    errors.add(ErrorCode.INVALID, `A room holds ${MIN_CAPACITY}–${MAX_CAPACITY} people.`, ['input', 'capacity']);
  }
  return capacity;
}
