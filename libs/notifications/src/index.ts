// Reminders, the user's notifications and the transactional mail outbox delivered by SMTP
// (issue 9 item 6), or outside production without SMTP_HOST to the local catch-all (issue 17).
// The worker runs the scan and the sender; the api shows the notifications.
export * from './notification.entity';
export * from './mail-outbox.entity';
export * from './mail-catchall.entity';
export * from './notification.repository';
export * from './mail-outbox.repository';
export * from './mail-catchall.repository';
export * from './notification-source.repository';
export * from './reminder-rules';
export * from './mail-texts';
export * from './notifications.errors';
export * from './mail-transport';
export * from './reminders.service';
export * from './notification-writer';
export * from './event-notifications.service';
export * from './mail-outbox.service';
export * from './mail-catchall.service';
export * from './notifications.service';
export * from './notifications.module';
