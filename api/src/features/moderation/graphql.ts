// The moderation feature's GraphQL surface for other features' resolvers.
export { ModerationPayload, ModerationActionObject, Role, AccountStatus, roleToGraphql, roleFromGraphql } from './moderation.types.js';
export { moderationActionById } from './moderation.loaders.js';
