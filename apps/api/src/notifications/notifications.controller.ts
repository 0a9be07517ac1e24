import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { NotificationsService } from '@foerderfluss/notifications';
import { AnyRole, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { NotificationDto, NotificationPageDto, NotificationQueryDto, toNotificationDto } from './notifications.dto';

/** Each user's own notifications (Erinnerungen an Fristen, Freigaben, Rückforderungen). */
@ApiTags('notifications')
@ApiBearerAuth()
@AnyRole()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: NotificationQueryDto): Promise<NotificationPageDto> {
    const [page, unread] = await Promise.all([this.notifications.list(user, q), this.notifications.unreadCount(user)]);
    return { items: page.items.map(toNotificationDto), nextCursor: page.nextCursor, unread };
  }

  /** Als gelesen markieren (nur eigene; eine fremde Benachrichtigung gibt 404). */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  async markRead(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<NotificationDto> {
    return toNotificationDto(await this.notifications.markRead(user, id));
  }
}
