// The posts feature's public surface: other features import only this file.
/** @deprecated import it from graphql/payloads.ts (kept until the integrator moves its users). */
export { DeletePayload } from '../../graphql/payloads.js';
