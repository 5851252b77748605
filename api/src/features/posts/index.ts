// The posts feature's public surface: other features import only this file.
export { DeletePayload } from './posts.types.js';
