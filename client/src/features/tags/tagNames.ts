/** The API's rules for tag names (tags.service.ts): letters of any script, marks, digits and _. */
export const MAX_TAGS = 30;
const MAX_TAG_LENGTH = 50;
const TAG_NAME = /^[\p{L}\p{M}\p{N}_]+$/u;

/** A tag as the API stores it: NFC, without '#', lower-case; '' when nothing is left. */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFC').trim().replace(/^#+/, '').trim().toLowerCase();
}

export function isValidTag(name: string): boolean {
  const length = [...name].length;
  return length >= 1 && length <= MAX_TAG_LENGTH && TAG_NAME.test(name);
}

/**
 * Adds what was typed (one or more tags split by spaces, commas or '#') to `tags`: new valid
 * names in order, no duplicates, at most MAX_TAGS. `rejected` lists what could not be a tag.
 */
export function addTags(tags: readonly string[], typed: string): { tags: string[]; rejected: string[] } {
  const next = [...tags];
  const rejected: string[] = [];
  for (const part of typed.split(/[\s,，、#]+/u)) {
    const name = normaliseTag(part);
    if (!name) continue;
    if (!isValidTag(name)) rejected.push(name);
    else if (!next.includes(name) && next.length < MAX_TAGS) next.push(name);
  }
  return { tags: next, rejected };
}

/** The word being typed, for autocomplete: '' when it cannot start a tag. */
export function tagQuery(typed: string): string {
  const name = normaliseTag(typed);
  return name && TAG_NAME.test(name) ? name : '';
}
