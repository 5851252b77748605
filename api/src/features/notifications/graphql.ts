// The notifications feature's GraphQL surface: features add fields pointing at their objects.
export { NotificationObject } from './notifications.types.js';
