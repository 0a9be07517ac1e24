import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { MailCatchAllService } from '@foerderfluss/notifications';
import { CurrentUser, Roles } from '../auth/decorators';
import { ListQueryDto } from '../common/dto';
import { uuidPipe } from '../common/uuid.pipe';
import { CaughtMailDetailDto, CaughtMailPageDto, toCaughtMailDetailDto, toCaughtMailDto } from './jobs-admin.dto';

/**
 * The local catch-all (issue 17 item 6): outside production without SMTP_HOST the worker delivers
 * mails here instead of by SMTP, and ADMIN reads them, so a demo shows its mails. In production
 * both routes answer 404. Reading changes nothing, so nothing is audited.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('admin/mail-catchall')
export class MailCatchAllController {
  constructor(private readonly caught: MailCatchAllService) {}

  /** Demo-Postfach: abgefangene E-Mails, neueste zuerst. */
  @Get()
  @ApiOkResponse({ type: CaughtMailPageDto })
  @ApiNotFoundResponse({ description: 'in Produktion' })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: ListQueryDto): Promise<CaughtMailPageDto> {
    const page = await this.caught.list(user, q);
    return { active: this.caught.active, items: page.items.map(toCaughtMailDto), nextCursor: page.nextCursor };
  }

  /** Eine abgefangene E-Mail mit ihrem Text. */
  @Get(':id')
  @ApiOkResponse({ type: CaughtMailDetailDto })
  @ApiNotFoundResponse({ description: 'unbekannt, oder in Produktion' })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CaughtMailDetailDto> {
    return toCaughtMailDetailDto(await this.caught.get(user, id));
  }
}
