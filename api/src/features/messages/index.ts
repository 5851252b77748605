// The messages feature's public surface for services and repositories (server/compose.ts composes its SQL fragments).
export { conversationMediaSql, directMessageMediaSql } from './messages.repository.js';
