// The accounts feature's GraphQL surface for other features' resolvers and loaders.
export { userById, primeUser } from './accounts.loaders.js';
export { UserConnection, UserObject, UserPayload } from './accounts.types.js';
