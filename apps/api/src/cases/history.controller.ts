import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { HISTORY_RECORD_TYPES, HistoryRecordType, HistoryService } from '@foerderfluss/cases';
import { CurrentUser, Roles } from '../auth/decorators';
import { EVERYONE } from '../auth/role-groups';
import { uuidPipe } from '../common/uuid.pipe';
import { HISTORY_TYPE_PARAM, HistoryPageDto, HistoryQueryDto, toHistoryEntryDto } from './cases.dto';
import { enumPipe } from './enum.pipe';

/**
 * Verlauf eines Vorgangs: die Protokolleinträge dieses Datensatzes und seiner Teile (Belege,
 * Anlagen, Fassungen, Schreiben), deutsch, neueste zuerst. Landratsamt und Prüfung; Träger 404.
 */
@ApiTags('history')
@ApiBearerAuth()
@Controller('history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get(':type/:id')
  @Roles(...EVERYONE)
  @ApiParam(HISTORY_TYPE_PARAM)
  @ApiOkResponse({ type: HistoryPageDto })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('type', enumPipe(HISTORY_RECORD_TYPES)) type: HistoryRecordType,
    @Param('id', uuidPipe) id: string,
    @Query() q: HistoryQueryDto,
  ): Promise<HistoryPageDto> {
    const page = await this.history.history(user, type, id, { limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(toHistoryEntryDto), nextCursor: page.nextCursor };
  }
}
