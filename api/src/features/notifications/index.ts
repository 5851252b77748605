// The notifications feature's public surface: other features import only this file.
export { Notification } from './notifications.entity.js';
export type { NotificationsService } from './notifications.service.js';
export { NotificationObject } from './notifications.types.js';
export type { NotifyInput } from './notifications.service.js';
