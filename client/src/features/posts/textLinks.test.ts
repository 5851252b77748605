import { describe, expect, it } from 'vitest';
import { linkifyText } from './textLinks';

const join = (text: string) =>
  linkifyText(text)
    .map((p) => p.text)
    .join('');

describe('linkifyText', () => {
  it('links #tags and @usernames and keeps the rest as text', () => {
    expect(linkifyText('Sunset at #Hangang with @mina_k!')).toEqual([
      { kind: 'text', text: 'Sunset at ' },
      { kind: 'tag', text: '#Hangang', tag: 'hangang' },
      { kind: 'text', text: ' with ' },
      { kind: 'mention', text: '@mina_k', username: 'mina_k' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('reads Korean tags, tags at the start and several in a row', () => {
    expect(linkifyText('#한강 #야경,#night').filter((p) => p.kind === 'tag')).toEqual([
      { kind: 'tag', text: '#한강', tag: '한강' },
      { kind: 'tag', text: '#야경', tag: '야경' },
      { kind: 'tag', text: '#night', tag: 'night' },
    ]);
  });

  it('leaves e-mail addresses, mid-word # and too-short names as text', () => {
    for (const text of ['write to me@example.com', 'C#sharp', 'hi @ab', 'a lone # and @', 'x&#39;s']) {
      expect(linkifyText(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it("drops a sentence's full stop after a name but keeps dots inside one", () => {
    expect(linkifyText('Thanks @mina.k.')).toEqual([
      { kind: 'text', text: 'Thanks ' },
      { kind: 'mention', text: '@mina.k', username: 'mina.k' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('gives the text back unchanged when the parts are joined', () => {
    for (const text of ['', 'plain', '#a #b', '@Mina. and #태그!\nnext line @x_y_z', 'a@bcd #']) expect(join(text)).toBe(text);
  });
});
