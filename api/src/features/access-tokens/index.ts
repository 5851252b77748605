// The access-tokens feature's public surface for the composition root and HTTP authentication.
export { TOKEN_PREFIX } from './access-tokens.service.js';
