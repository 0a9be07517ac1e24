import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { StateFlowsService } from '@foerderfluss/payments';
import { CashPositionDto, toCashPositionDto } from './cash-position.dto';
import { KREIS_SIDE } from '../auth/role-groups';

/** Kassenlage je Quelle (Land/Kreis) eines Haushaltsjahres. */
@ApiTags('budget-years')
@ApiBearerAuth()
@Controller('budget-years')
export class CashPositionController {
  constructor(private readonly flows: StateFlowsService) {}

  @Get(':id/cash-position')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: CashPositionDto })
  async cash(@Param('id', uuidPipe) id: string): Promise<CashPositionDto> {
    return toCashPositionDto(await this.flows.cashPosition(id));
  }
}
