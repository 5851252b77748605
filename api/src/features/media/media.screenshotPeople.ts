import { invalid } from '../../kernel/errors.js';
import { fromGlobalId, isUuid } from '../../kernel/ids.js';
import type { ScreenshotPersonRow } from './media.entity.js';

/** A call room holds at most 16 people; more entries than that cannot be a real capture. */
const MAX_PEOPLE = 16;
const FIELD = ['screenshotPeople'];

const refuse = (message: string) => invalid(FIELD, message);

const isUnit = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

/**
 * The `screenshotPeople` form field of a screenshot upload — JSON `[{ userId, x, y }]`, the user's global (or raw)
 * id and the face point 0–1 — checked and turned into rows with raw ids. Anything malformed is refused (INVALID).
 */
export function parseScreenshotPeople(text: string): ScreenshotPersonRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse('`screenshotPeople` must be JSON: a list of { userId, x, y }.');
  }
  if (!Array.isArray(value)) throw refuse('`screenshotPeople` must be a list of { userId, x, y }.');
  if (value.length > MAX_PEOPLE) throw refuse(`\`screenshotPeople\` can name at most ${MAX_PEOPLE} people.`);
  const rows: ScreenshotPersonRow[] = [];
  for (const entry of value as unknown[]) {
    if (!entry || typeof entry !== 'object') throw refuse('Each of `screenshotPeople` must be { userId, x, y }.');
    const { userId, x, y } = entry as Record<string, unknown>;
    const raw = typeof userId === 'string' ? (isUuid(userId) ? userId.toLowerCase() : fromGlobalId(userId, 'User')) : null;
    if (!raw) throw refuse('Each of `screenshotPeople` needs the `userId` of a user.');
    if (!isUnit(x) || !isUnit(y)) throw refuse('A face position in `screenshotPeople` is `x` and `y` between 0 and 1.');
    if (rows.some((row) => row.userId === raw)) throw refuse('`screenshotPeople` names someone twice.');
    rows.push({ userId: raw, x: Math.round(x * 10_000) / 10_000, y: Math.round(y * 10_000) / 10_000 });
  }
  return rows;
}
