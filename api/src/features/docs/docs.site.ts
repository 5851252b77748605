import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdown, pageUrl } from './docs.markdown.js';
import { escapeHtml, SchemaReference } from './docs.reference.js';
import type { DocsSources } from './docs.sources.js';

/** The guide's reading order in the nav; pages not named here follow alphabetically. */
const ORDER = ['README', 'tokens', 'ids', 'pagination', 'errors', 'uploads', 'subscriptions', 'calls', 'limits', 'changes'];

export interface DocsPage {
  slug: string;
  title: string;
  html: string;
}

/** The rendered guide: every page's HTML in the site's layout, built once when the app starts. */
export interface DocsSite {
  page(slug: string): string | null;
  slugs(): string[];
  notFound(): string;
}

function titleOf(markdown: string, slug: string): string {
  return /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? slug;
}

function layout(title: string, nav: { slug: string; title: string }[], current: string, main: string): string {
  const links = nav
    .map(
      (page) =>
        `<li><a href="${pageUrl(page.slug)}"${page.slug === current ? ' aria-current="page"' : ''}>${escapeHtml(page.title)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)} · PP-ENTER developers</title>
<link rel="stylesheet" href="/docs/docs.css" />
</head>
<body>
<header class="top"><a class="brand" href="/docs">PP-ENTER developers</a><a href="/graphql">GraphiQL</a><a href="/">Back to the app</a></header>
<div class="layout">
<nav class="guide-nav" aria-label="Developer guide"><ul>${links}</ul></nav>
<main id="content">
${main}
</main>
</div>
</body>
</html>`;
}

export function buildDocsSite(sources: DocsSources): DocsSite {
  const md = createMarkdown();
  const files = existsSync(sources.guideDir) ? readdirSync(sources.guideDir).filter((file) => file.endsWith('.md')) : [];
  const pages: DocsPage[] = files.map((file) => {
    const slug = file.slice(0, -3);
    const markdown = readFileSync(join(sources.guideDir, file), 'utf8');
    return { slug, title: titleOf(markdown, slug), html: md.render(markdown) };
  });
  const rank = (slug: string) => (ORDER.includes(slug) ? ORDER.indexOf(slug) : ORDER.length);
  pages.sort((a, b) => rank(a.slug) - rank(b.slug) || a.slug.localeCompare(b.slug));
  const reference: DocsPage = {
    slug: 'reference',
    title: 'Schema reference',
    html: new SchemaReference(readFileSync(sources.schemaFile, 'utf8'), md).html(),
  };
  const all = [...pages, reference];
  const nav = all.map(({ slug, title }) => ({ slug, title }));
  const rendered = new Map(all.map((page) => [page.slug, layout(page.title, nav, page.slug, page.html)]));
  return {
    page: (slug) => rendered.get(slug) ?? null,
    slugs: () => [...rendered.keys()],
    notFound: () => layout('Not found', nav, '', '<h1>Not found</h1><p>No such page in the developer guide.</p>'),
  };
}
