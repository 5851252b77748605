// The change policy on small schemas: what findBreakingChanges reports is allowed only when deprecated first and
// outside the contract; and the CLI compares with the previous commit, passing when there is none.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyBreakingChanges, contractCoordinates } from './schema-breaking-rules.mjs';

const BEFORE = `
  type Query { post(id: ID!): Post, legacy: Old @deprecated(reason: "Use post. Removed after 2027-01-01") }
  type Post { id: ID!, title: String!, oldTitle: String @deprecated(reason: "Use title. Removed after 2027-01-01"), likes(first: Int): Int }
  type Old { id: ID! }
  enum Color { RED, GREEN, BLUE @deprecated(reason: "Removed after 2027-01-01") }
  input PostInput { title: String! }
`;
const edit = (from: string, to: string) => {
  expect(BEFORE).toContain(from);
  return BEFORE.replace(from, to);
};
const descriptions = (changes: { description: string }[]) => changes.map((c) => c.description);

describe('classifyBreakingChanges', () => {
  it('refuses removing a field that was not deprecated', () => {
    const result = classifyBreakingChanges(BEFORE, edit('title: String!, ', ''));
    expect(descriptions(result.refused)).toEqual(['Post.title was removed.']);
    expect(result.refused[0]!.why).toMatch(/not deprecated first/);
  });

  it('allows removing deprecated fields and enum values, and a type only deprecated fields used', () => {
    const after = edit(', legacy: Old @deprecated(reason: "Use post. Removed after 2027-01-01")', '')
      .replace(', oldTitle: String @deprecated(reason: "Use title. Removed after 2027-01-01")', '')
      .replace('type Old { id: ID! }', '')
      .replace(', BLUE @deprecated(reason: "Removed after 2027-01-01")', '');
    const result = classifyBreakingChanges(BEFORE, after);
    expect(result.refused).toEqual([]);
    expect(descriptions(result.allowed).sort()).toEqual(
      ['BLUE was removed from enum type Color.', 'Old was removed.', 'Post.oldTitle was removed.', 'Query.legacy was removed.'].sort(),
    );
  });

  it('refuses removing a non-deprecated enum value, an argument, a type change and a new required argument or input field', () => {
    const after = edit('RED, ', '')
      .replace('likes(first: Int): Int', 'likes: Int')
      .replace('id: ID!, title', 'id: String!, title')
      .replace('post(id: ID!)', 'post(id: ID!, lang: String!)')
      .replace('input PostInput { title: String! }', 'input PostInput { title: String!, body: String! }');
    expect(descriptions(classifyBreakingChanges(BEFORE, after).refused).sort()).toEqual(
      [
        'A required arg lang on Query.post was added.',
        'A required field body on input type PostInput was added.',
        'Post.id changed type from ID! to String!.',
        'Post.likes arg first was removed.',
        'RED was removed from enum type Color.',
      ].sort(),
    );
  });

  it('never allows breaking a contract item, deprecated or not; additions are no breaking change', () => {
    const contract = contractCoordinates(['type Post { oldTitle: String }', 'extend type Query { post(id: ID!): Post }']);
    expect([...contract]).toEqual(expect.arrayContaining(['Post', 'Post.oldTitle', 'Query.post', 'Query.post(id)']));
    const result = classifyBreakingChanges(
      BEFORE,
      edit(', oldTitle: String @deprecated(reason: "Use title. Removed after 2027-01-01")', ''),
      contract,
    );
    expect(result.refused).toMatchObject([{ description: 'Post.oldTitle was removed.', why: expect.stringMatching(/contract/) }]);
    expect(
      classifyBreakingChanges(BEFORE, edit('likes(first: Int): Int', 'likes(first: Int, after: String): Int\n  body: String')),
    ).toEqual({
      allowed: [],
      refused: [],
    });
  });
});

describe('npm run schema:breaking', () => {
  const repo = mkdtempSync(join(tmpdir(), 'schema-breaking-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
  const commit = (sdl: string) => {
    writeFileSync(join(repo, 'schema/schema.graphql'), sdl);
    git('add', '-A');
    git('commit', '-qm', 'schema');
  };
  const run = () =>
    spawnSync(process.execPath, [join(import.meta.dirname, 'schema-breaking.mjs'), '--repo', repo], {
      encoding: 'utf8',
      env: { ...process.env, CONTRACT_DIR: join(repo, 'no-contract') },
    });

  it('passes with no previous commit, then fails on a breaking change against the previous commit', () => {
    mkdirSync(join(repo, 'schema'));
    git('init', '-q');
    commit(BEFORE);
    const first = run();
    expect([first.status, first.stdout]).toEqual([0, expect.stringContaining('nothing to compare')]);
    commit(edit('title: String!, ', ''));
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('Post.title was removed. — not deprecated first');
    commit(edit('title: String!, ', 'title: String!, subtitle: String, '));
    // Put back and a field added: nothing breaks against the previous commit.
    expect(run().status).toBe(0);
  });
});
