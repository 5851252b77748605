// What the app links in the text of posts and comments (the client's textLinks.ts reads text the same way):
// `@username` (accounts' rule: 3–30 of a–z, 0–9, _ and .) and `#tag` (tags' rule: letters of any script, marks,
// digits and _). Each starts the text or follows a character that cannot be part of a word, so an e-mail address
// or "C#" stays text.
const MENTION = /(^|[^\p{L}\p{M}\p{N}_.@#&])@([a-z0-9_.]{3,30})/giu;
const HASHTAG = /(^|[^\p{L}\p{M}\p{N}_.@#&])#([\p{L}\p{M}\p{N}_]{1,50})(?![\p{L}\p{M}\p{N}_])/gu;

/** The usernames `@mentioned` in a text, lower-case, in first-seen order. */
export function mentionedUsernames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const name = match[2].toLowerCase().replace(/\.+$/, ''); // a sentence's full stop is not part of the name
    if (name.length >= 3) names.add(name);
  }
  return [...names];
}

/** The `#tags` written in a text, without '#', in first-seen order (as typed: tags.service normalises them). */
export function hashtagsIn(text: string): string[] {
  return [...new Set([...text.matchAll(HASHTAG)].map((match) => match[2]))];
}
