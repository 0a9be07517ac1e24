import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { NOTIFICATION_ENTITY_LIST } from './notification.entity';
import { RemindersService } from './reminders.service';
import { MailOutboxService } from './mail-outbox.service';
import { NotificationsService } from './notifications.service';
import { mailTransportProvider } from './mail-transport';

export const NOTIFICATION_ENTITIES = NOTIFICATION_ENTITY_LIST;

@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), OrganisationsModule, ProofOfUseModule],
  providers: [RemindersService, MailOutboxService, NotificationsService, mailTransportProvider],
  exports: [RemindersService, MailOutboxService, NotificationsService],
})
export class NotificationsModule {}
