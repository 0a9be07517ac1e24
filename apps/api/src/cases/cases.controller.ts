import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { CASE_TYPES, CasesService, CaseType } from '@foerderfluss/cases';
import { CurrentUser, Roles } from '../auth/decorators';
import { EVERYONE, KREIS_SIDE } from '../auth/role-groups';
import { uuidPipe } from '../common/uuid.pipe';
import { AssignableUserDto, AssignmentBodyDto, CASE_TYPE_PARAM, CaseDto, FollowUpBodyDto, toAssignableUserDto, toCaseDto } from './cases.dto';
import { enumPipe } from './enum.pipe';

/**
 * Zuständigkeit und Wiedervorlage eines Vorgangs (Antrag, Bescheid/Vertrag, Verwendungsnachweis,
 * Rückforderung). Nur für das Landratsamt; die Prüfung liest mit. Träger erhalten 404: sie erfahren
 * nicht, wer ihre Vorgänge bearbeitet. One route set for all four types (`{type}`), so the web has
 * one panel for every case page.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Wer einen Vorgang übernehmen kann: aktive Personen des Landratsamts (Administration, Sachbearbeitung, Zeichnungsbefugnis), nach Namen. */
  @Get('assignees')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: [AssignableUserDto] })
  async assignees(@CurrentUser() user: AuthenticatedUser): Promise<AssignableUserDto[]> {
    return (await this.cases.assignableUsers(user)).map(toAssignableUserDto);
  }

  @Get(':type/:id')
  @Roles(...EVERYONE)
  @ApiParam(CASE_TYPE_PARAM)
  @ApiOkResponse({ type: CaseDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('type', enumPipe(CASE_TYPES)) type: CaseType, @Param('id', uuidPipe) id: string): Promise<CaseDto> {
    return toCaseDto(await this.cases.view(user, type, id));
  }

  /** Zuständig und Vertretung setzen (null: niemand). Die genannten Personen werden benachrichtigt. */
  @Put(':type/:id/assignment')
  @Roles(Role.ADMIN, Role.STAFF, Role.APPROVER, Role.PROVIDER)
  @ApiParam(CASE_TYPE_PARAM)
  @ApiOkResponse({ type: CaseDto })
  async assign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('type', enumPipe(CASE_TYPES)) type: CaseType,
    @Param('id', uuidPipe) id: string,
    @Body() body: AssignmentBodyDto,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.assign(user, type, id, { assigneeId: body.assigneeId, standInId: body.standInId }));
  }

  /** Wiedervorlage anlegen: Tag (frühestens heute) und Notiz. */
  @Post(':type/:id/follow-ups')
  @Roles(Role.ADMIN, Role.STAFF, Role.APPROVER, Role.PROVIDER)
  @ApiParam(CASE_TYPE_PARAM)
  @ApiCreatedResponse({ type: CaseDto })
  async addFollowUp(
    @CurrentUser() user: AuthenticatedUser,
    @Param('type', enumPipe(CASE_TYPES)) type: CaseType,
    @Param('id', uuidPipe) id: string,
    @Body() body: FollowUpBodyDto,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.addFollowUp(user, type, id, { dueDate: body.dueDate, note: body.note ?? null }));
  }
}

/** Wiedervorlagen für sich: als erledigt markieren. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly cases: CasesService) {}

  @Post(':id/done')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF, Role.APPROVER, Role.PROVIDER)
  @ApiOkResponse({ type: CaseDto, description: 'der Vorgang mit seinen Wiedervorlagen' })
  async done(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CaseDto> {
    return toCaseDto(await this.cases.completeFollowUp(user, id));
  }
}
