// The developer guide: its examples run against the real schema, it names every error code and subscription and the
// real limits, and the app serves it at /docs with working links and a reference made from schema/schema.graphql.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, extendSchema, Kind, parse, validate, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config.js';
import { MAX_PAGE } from '../../kernel/pagination.js';
import { ErrorCode } from '../../kernel/errors.js';
import { MAX_ALIASES, MAX_DEPTH, MAX_FRAGMENTS, MAX_SELECTIONS, MAX_SAME_FIELD, QUERY_COST, COUNT_COST } from '../../graphql/validation.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { rewriteHref } from './docs.markdown.js';
import { buildDocsSite } from './docs.site.js';
import { docsSources } from './docs.sources.js';

const DOCS = join(PROJECT_ROOT, 'docs');
const schema = buildSchema(readFileSync(join(PROJECT_ROOT, 'schema/schema.graphql'), 'utf8'));
const guide = readdirSync(DOCS)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ file, text: readFileSync(join(DOCS, file), 'utf8') }));
const read = (file: string) => guide.find((page) => page.file === file)!.text;

/** Every ```graphql block of the guide, with where it is. */
const graphqlBlocks = guide.flatMap(({ file, text }) =>
  [...text.matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map((match, index) => ({ where: `${file} block ${index + 1}`, source: match[1]! })),
);
const isExecutable = (doc: DocumentNode) =>
  doc.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION);

describe('the guide', () => {
  it('has GraphQL examples, each valid against schema/schema.graphql (operations validated, SDL extending it)', () => {
    expect(graphqlBlocks.length).toBeGreaterThan(15);
    const problems = graphqlBlocks.flatMap(({ where, source }) => {
      try {
        const doc = parse(source);
        if (!isExecutable(doc)) return (extendSchema(schema, doc), []);
        return validate(schema, doc).map((error) => `${where}: ${error.message}`);
      } catch (error) {
        return [`${where}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it('explains every error code of kernel/errors.ts', () => {
    const rows = new Set([...read('errors.md').matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]));
    expect([...rows].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('shows every subscription of the schema with an example', () => {
    const text = read('subscriptions.md');
    const sections = [...text.matchAll(/^## (\w+)$/gm)].map((m) => m[1]);
    const fields = Object.keys(schema.getSubscriptionType()!.getFields());
    expect(sections.sort()).toEqual([...fields].sort());
    for (const field of fields) expect(text, field).toMatch(new RegExp(`subscription \\w+[^{]*\\{\\s*${field}\\b`));
  });

  it('states the limits the code enforces', () => {
    const text = read('limits.md').replace(/,(?=\d{3})/g, '');
    for (const [name, value] of Object.entries({
      MAX_DEPTH,
      MAX_FRAGMENTS,
      MAX_ALIASES,
      MAX_SELECTIONS,
      MAX_SAME_FIELD,
      MAX_PAGE,
      QUERY_COST,
      COUNT_COST,
    })) {
      expect(text, name).toMatch(new RegExp(`\\b${value}\\b`));
    }
    expect(text).toMatch(/\b20000\b/); // the cost limit
  });

  it('rewrites links between pages for the served site', () => {
    expect(rewriteHref('tokens.md')).toBe('/docs/tokens');
    expect(rewriteHref('./errors.md#error-codes')).toBe('/docs/errors#error-codes');
    expect(rewriteHref('README.md')).toBe('/docs');
    expect(rewriteHref('../schema/schema.graphql#Post')).toBe('/docs/reference#Post');
    expect(rewriteHref('https://livekit.io')).toBe('https://livekit.io');
  });

  it('every link between pages and every anchor of the rendered site exists', () => {
    const site = buildDocsSite(docsSources());
    const pages = new Map(site.slugs().map((slug) => [slug === 'README' ? '/docs' : `/docs/${slug}`, site.page(slug)!]));
    const broken: string[] = [];
    for (const [url, html] of pages) {
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
        if (!href!.startsWith('/docs') && !href!.startsWith('#')) continue;
        if (href === '/docs/docs.css') continue;
        const [path, anchor] = href!.startsWith('#') ? [url, href!.slice(1)] : href!.split('#');
        const target = pages.get(path!);
        if (!target) broken.push(`${url} → ${href}`);
        else if (anchor && !target.includes(`id="${anchor}"`)) broken.push(`${url} → ${href} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('GET /docs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it('serves the index, each page and the reference as HTML under the app CSP, and 404s unknown pages', async () => {
    const index = await fetch(`${stack.baseUrl}/docs`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    expect(html).toContain('<h1 id="pp-enter-developer-guide">PP-ENTER developer guide</h1>');
    expect(html).not.toMatch(/<script|style="/);
    expect(html).toContain('href="/docs/tokens"');

    const reference = await (await fetch(`${stack.baseUrl}/docs/reference`)).text();
    expect(reference).toContain('<section id="Post">');
    expect(reference).toContain('id="Post.viewerHasLiked"');
    expect(reference).toContain('id="NotificationType.LIKE"');

    const css = await fetch(`${stack.baseUrl}/docs/docs.css`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/css')]);
    expect((await fetch(`${stack.baseUrl}/docs/nothing-here`)).status).toBe(404);
  });
});
