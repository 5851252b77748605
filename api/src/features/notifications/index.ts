// The notifications feature's public surface: other features import only this file.
export { Notification, type NotificationKind } from './notifications.entity.js';
export type { NotificationsService, NotifyInput } from './notifications.service.js';
export { NotificationObject } from './notifications.types.js';
