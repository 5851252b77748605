// Every entity class, one line per feature: MikroORM discovers exactly these.
import { accountEntities } from '../features/accounts/accounts.entity.js';
import { notificationEntities } from '../features/notifications/notifications.entity.js';

export const entities = [...accountEntities, ...notificationEntities];
