import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import { Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { StateFlowsService } from '@foerderfluss/payments';
import { CashPositionDto, toCashPositionDto } from './cash-position.dto';

const KREIS_READERS = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR];

/** Kassenlage je Quelle (Land/Kreis) eines Haushaltsjahres. */
@ApiTags('budget-years')
@ApiBearerAuth()
@Controller('budget-years')
export class CashPositionController {
  constructor(private readonly flows: StateFlowsService) {}

  @Get(':id/cash-position')
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: CashPositionDto })
  async cash(@Param('id', uuidPipe) id: string): Promise<CashPositionDto> {
    return toCashPositionDto(await this.flows.cashPosition(id));
  }
}
