import { Router } from 'express';
import { DOCS_CSS } from './docs.style.js';
import { buildDocsSite } from './docs.site.js';
import { docsSources } from './docs.sources.js';

/** The developer guide at `/docs` and `/docs/<page>`: server-rendered HTML and one stylesheet (no script, fits the CSP). */
export function docsRoutes(): Router {
  const site = buildDocsSite(docsSources());
  const router = Router();
  router.get('/docs/docs.css', (_req, res) => void res.type('css').set('cache-control', 'no-cache').send(DOCS_CSS));
  router.get(['/docs', '/docs/:page'], (req, res) => {
    const slug = (req.params as { page?: string }).page ?? 'README';
    const html = site.page(slug);
    res.set('cache-control', 'no-cache');
    if (!html) return void res.status(404).type('html').send(site.notFound());
    res.type('html').send(html);
  });
  return router;
}
