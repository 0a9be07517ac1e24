import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { ParametersService, ProgrammesService } from '@foerderfluss/programmes';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import {
  AddParameterValueDto,
  CorrectParameterValueDto,
  ParameterListDto,
  ParameterListQueryDto,
  ParameterValueDto,
  ProgrammeDto,
  ProgrammePageDto,
  toParameterListDto,
  toParameterValueDto,
  toProgrammeDto,
} from './programmes.dto';
import { KREIS_SIDE } from '../auth/role-groups';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly parameters: ParametersService,
  ) {}

  /** Förderprogramme (Richtlinien) mit zuwendungsfähigen Kostenarten und Finanzierungsarten. */
  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: ProgrammePageDto })
  async list(): Promise<ProgrammePageDto> {
    return { items: (await this.programmes.list()).map(toProgrammeDto), nextCursor: null };
  }

  @Get(':programme')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: ProgrammeDto })
  async get(@Param('programme') programme: string): Promise<ProgrammeDto> {
    return toProgrammeDto(await this.programmes.get(programme));
  }

  /** Alle Parameter mit ihren datierten Werten und dem am Stichtag geltenden Wert. */
  @Get(':programme/parameters')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: ParameterListDto })
  async parameterList(
    @CurrentUser() user: AuthenticatedUser,
    @Param('programme') programme: string,
    @Query() q: ParameterListQueryDto,
  ): Promise<ParameterListDto> {
    return toParameterListDto(await this.parameters.list(user, programme, q.on, q.districtId));
  }

  /**
   * Neuer Wert ab einem Stichtag (z. B. geänderte Bagatellgrenze ab dem nächsten Jahr). Die Ebene
   * entscheidet der Server: das Land (oder der Kreis einer Installation ohne Land) ändert den Wert
   * des Programms, ein Kreis in einer landesweiten Installation legt seinen eigenen Wert fest, soweit
   * die Richtlinie ihm den Parameter überlässt (`districtChoice`), sonst 403.
   */
  @Post(':programme/parameters/:code/values')
  @Roles(Role.ADMIN)
  @ApiCreatedResponse({ type: ParameterValueDto })
  async addValue(
    @CurrentUser() user: AuthenticatedUser,
    @Param('programme') programme: string,
    @Param('code') code: string,
    @Body() body: AddParameterValueDto,
  ): Promise<ParameterValueDto> {
    return toParameterValueDto(await this.parameters.addValue(user, programme, code, body));
  }

  /** Korrektur eines gespeicherten Werts oder seines Stichtags. */
  @Patch(':programme/parameters/:code/values/:id')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: ParameterValueDto })
  async correctValue(
    @CurrentUser() user: AuthenticatedUser,
    @Param('programme') programme: string,
    @Param('code') code: string,
    @Param('id', uuidPipe) id: string,
    @Body() body: CorrectParameterValueDto,
  ): Promise<ParameterValueDto> {
    return toParameterValueDto(await this.parameters.correctValue(user, programme, code, id, body));
  }
}
