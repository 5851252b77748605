// Moved to the kernel; kept while features migrate.
export { toGlobalId, parseGlobalId, fromGlobalId } from '../kernel/ids.js';
