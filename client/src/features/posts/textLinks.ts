/** A piece of a post's or comment's text: plain, a `#tag` (to its tag page) or an `@username` (to the profile). */
export type TextPart =
  { kind: 'text'; text: string } | { kind: 'tag'; text: string; tag: string } | { kind: 'mention'; text: string; username: string };

// The API's rules: tags are letters of any script, marks, digits and _ (tags.service.ts); usernames 3–30 of a–z 0–9 _ .
// (accounts.service.ts; mentions.service.ts finds them the same way). Each must start the text or follow a character
// that could not be part of a word, so "a#b" and "me@example.com" stay text.
const LINK = /(^|[^\p{L}\p{M}\p{N}_.@#&])(?:#([\p{L}\p{M}\p{N}_]{1,50})|@([A-Za-z0-9_.]{3,30}))/gu;

/** Splits text into plain parts and links, in order; joining every part's `text` gives the text back. */
export function linkifyText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plain = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, before, tag, name] = match;
    const start = match.index + before.length;
    let token = whole.slice(before.length);
    // A sentence's full stop after a name is not part of it.
    const username = name?.replace(/\.+$/, '');
    if (username !== undefined) {
      if (username.length < 3) continue;
      token = `@${username}`;
    }
    plain += text.slice(last, start);
    if (plain) parts.push({ kind: 'text', text: plain });
    plain = '';
    parts.push(
      username !== undefined
        ? { kind: 'mention', text: token, username: username.toLowerCase() }
        : { kind: 'tag', text: token, tag: tag.normalize('NFC').toLowerCase() },
    );
    last = start + token.length;
  }
  plain += text.slice(last);
  if (plain) parts.push({ kind: 'text', text: plain });
  return parts;
}
