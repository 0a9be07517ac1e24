import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { Notification } from './notification.entity';
import { MailOutbox } from './mail-outbox.entity';
import { MailCatchAll } from './mail-catchall.entity';
import { MailCatchAllRepository } from './mail-catchall.repository';
import { MailCatchAllService } from './mail-catchall.service';
import { RemindersService } from './reminders.service';
import { MailOutboxService } from './mail-outbox.service';
import { NotificationsService } from './notifications.service';
import { NotificationRepository } from './notification.repository';
import { MailOutboxRepository } from './mail-outbox.repository';
import { mailTransportProvider } from './mail-transport';
import { EventNotificationsService } from './event-notifications.service';
import { NotificationSourceRepository } from './notification-source.repository';

export const NOTIFICATION_ENTITY_LIST = [Notification, MailOutbox, MailCatchAll];
export const NOTIFICATION_ENTITIES = NOTIFICATION_ENTITY_LIST;

/**
 * Only the listener that writes the Träger's notifications with each state change: small enough
 * for any context that runs the services (api, worker, the demo replay), no SMTP needed.
 */
@Module({
  providers: [NotificationSourceRepository, EventNotificationsService],
  exports: [NotificationSourceRepository, EventNotificationsService],
})
export class NotificationEventsModule {}

@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), OrganisationsModule, ProofOfUseModule, NotificationEventsModule],
  providers: [
    NotificationRepository,
    MailOutboxRepository,
    MailCatchAllRepository,
    RemindersService,
    MailOutboxService,
    MailCatchAllService,
    NotificationsService,
    mailTransportProvider,
  ],
  exports: [NotificationRepository, MailOutboxRepository, RemindersService, MailOutboxService, MailCatchAllService, NotificationsService, NotificationEventsModule],
})
export class NotificationsModule {}
