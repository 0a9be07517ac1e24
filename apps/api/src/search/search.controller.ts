import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { CurrentUser, Roles } from '../auth/decorators';
import { EVERYONE } from '../auth/role-groups';
import { SearchQueryDto, SearchResultDto } from './search.dto';
import { SearchService } from './search.service';

/** Default number of hits, per record type and in all. */
const DEFAULT_LIMIT = 20;

/**
 * Suche über Anträge, Bescheide, Mittelabrufe, Verwendungsnachweise, Festsetzungen,
 * Rückforderungen und Träger: nach Aktenzeichen, Antragsnummer, Titel oder Name des Trägers.
 * Ein Träger findet nur, was er auch öffnen darf.
 */
@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: SearchResultDto })
  async search(@CurrentUser() user: AuthenticatedUser, @Query() q: SearchQueryDto): Promise<SearchResultDto> {
    return { items: await this.searchService.search(user, q.q, q.limit ?? DEFAULT_LIMIT) };
  }
}
