/** The guide's stylesheet, served as `/docs/docs.css` (the CSP allows styles from 'self' only, never inline). */
export const DOCS_CSS = `:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #6b6b70; --line: #d9d9de; --accent: #3b5bdb; --code: #f3f3f6; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --bg: #16161a; --muted: #a0a0aa; --line: #33333b; --accent: #8da2ff; --code: #24242b; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); }
.top a { min-height: 44px; display: inline-flex; align-items: center; }
.top .brand { font-weight: 700; margin-right: auto; text-decoration: none; }
.layout { display: flex; gap: 2rem; max-width: 1200px; margin: 0 auto; padding: 1rem; }
.guide-nav { flex: 0 0 14rem; }
.guide-nav ul { list-style: none; margin: 0; padding: 0; position: sticky; top: 1rem; }
.guide-nav a { display: block; padding: 0.5rem 0.25rem; min-height: 44px; text-decoration: none; }
.guide-nav a[aria-current="page"] { font-weight: 700; }
main { flex: 1; min-width: 0; }
h1, h2, h3, p, li { overflow-wrap: anywhere; }
pre { background: var(--code); padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; }
code { background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; font-size: 0.92em; }
pre code { padding: 0; background: none; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
td p { margin: 0 0 0.4rem; }
section { border-top: 1px solid var(--line); margin-top: 2rem; }
h2 small, .type-index small { color: var(--muted); font-weight: 400; }
.type-index { columns: 3 12rem; padding-left: 1rem; }
.args { margin: 0.25rem 0 0; padding-left: 1.2rem; }
.deprecated { color: #b3541e; }
@media (max-width: 760px) { .layout { flex-direction: column; } .guide-nav { flex: none; } .guide-nav ul { position: static; display: flex; flex-wrap: wrap; gap: 0 1rem; } }
`;
