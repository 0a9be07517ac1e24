import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BudgetFiguresService } from '@foerderfluss/funding';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { CashPositionDto, toCashPositionDto } from './cash-position.dto';
import { KREIS_SIDE } from '../auth/role-groups';

/** Kassenlage je Quelle (Land/Kreis) eines Haushaltsjahres: eine der Haushaltszahlen (BudgetFiguresService). */
@ApiTags('budget-years')
@ApiBearerAuth()
@Controller('budget-years')
export class CashPositionController {
  constructor(private readonly figures: BudgetFiguresService) {}

  @Get(':id/cash-position')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: CashPositionDto })
  async cash(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CashPositionDto> {
    return toCashPositionDto(await this.figures.cashPosition(user, id));
  }
}
