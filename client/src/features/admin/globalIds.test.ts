import { describe, expect, it } from 'vitest';
import { adminPageOf, globalIdType } from './globalIds';

const id = (text: string) => Buffer.from(text).toString('base64url');

describe('globalIdType', () => {
  it('reads the type inside a global id', () => {
    expect(globalIdType(id('Post:3f1c2a'))).toBe('Post');
    expect(globalIdType(id('FacechatRoom:42'))).toBe('FacechatRoom');
  });
  it('answers null for text that is not a global id', () => {
    expect(globalIdType('alice')).toBeNull();
    expect(globalIdType('not an id!')).toBeNull();
    expect(globalIdType(id('no-colon-here'))).toBeNull();
  });
});

describe('adminPageOf', () => {
  it('links people, posts and rooms to their console page, and nothing else', () => {
    expect(adminPageOf(id('User:1'))).toEqual({ name: 'admin-user', params: { id: id('User:1') } });
    expect(adminPageOf(id('FacechatRoom:9'))?.name).toBe('admin-room');
    expect(adminPageOf(id('Comment:1'))).toBeNull();
    expect(adminPageOf('garbage')).toBeNull();
  });
});
