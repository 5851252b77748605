import MarkdownIt from 'markdown-it';

/** The URL of a guide page: `README` is the index at `/docs`, every other page `/docs/<name>`. */
export function pageUrl(slug: string): string {
  return slug === 'README' ? '/docs' : `/docs/${slug}`;
}

/** An anchor id from a heading's text: lower case, words joined by `-` (GitHub's rule, ASCII only). */
export function headingId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .trim()
    .replace(/ /g, '-');
}

/**
 * Where a link written for the Markdown files (as GitHub shows them) goes on the served site: `other.md#x` becomes
 * `/docs/other#x`, the schema file becomes the generated reference; anything else stays as written.
 */
export function rewriteHref(href: string): string {
  const match = /^(?:\.\/)?([\w-]+)\.md(#[\w-]*)?$/.exec(href);
  if (match) return pageUrl(match[1]!) + (match[2] ?? '');
  const schema = /^\.\.\/schema\/schema\.graphql(#[\w.-]*)?$/.exec(href);
  if (schema) return '/docs/reference' + (schema[1] ?? '');
  return href;
}

/** markdown-it (no raw HTML in the guide) with served links rewritten and an id on every heading. */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.core.ruler.push('pp_links_and_anchors', (state) => {
    state.tokens.forEach((token, index) => {
      if (token.type === 'heading_open') {
        const text = state.tokens[index + 1]?.content ?? '';
        token.attrSet('id', headingId(text));
      }
      for (const child of token.children ?? []) {
        if (child.type === 'link_open') child.attrSet('href', rewriteHref(child.attrGet('href') ?? ''));
      }
    });
  });
  return md;
}
