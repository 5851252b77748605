// Imported first by bench/feed.ts: the app is measured as it runs in production. graphql-js
// reads NODE_ENV once, at load, to drop its development-only cross-realm instanceof checks.
process.env.NODE_ENV ??= 'production';
