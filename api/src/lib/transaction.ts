// Moved to the kernel; kept while features migrate.
export { inTransaction, type AfterCommit } from '../kernel/db.js';
