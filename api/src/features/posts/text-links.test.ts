import { describe, expect, it } from 'vitest';
import { hashtagsIn, mentionedUsernames } from './text-links.js';

describe('links in post and comment text', () => {
  it('finds @usernames, lower-case, once each, without a trailing full stop', () => {
    expect(mentionedUsernames('@Mina and @mina, thanks @jo.kim. cc @ab')).toEqual(['mina', 'jo.kim']);
  });

  it('leaves e-mail addresses alone', () => {
    expect(mentionedUsernames('write to mina@example.com')).toEqual([]);
  });

  it('finds #tags of any script, once each, not in the middle of a word', () => {
    expect(hashtagsIn('#한강 at night #Seoul,#seoul C#sharp &#39; #')).toEqual(['한강', 'Seoul', 'seoul']);
  });

  it('skips a run longer than a tag can be', () => {
    expect(hashtagsIn(`#${'a'.repeat(51)} #ok`)).toEqual(['ok']);
  });
});
