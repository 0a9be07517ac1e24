import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { OrganisationsService } from '@foerderfluss/organisations';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import {
  BankAccountDto,
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQueryDto,
  toOrganisationDto,
  UpdateContactDto,
  UpdateOrganisationDto,
} from './organisations.dto';
import { EVERYONE } from '../auth/role-groups';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  /** Träger sehen nur ihre eigene Organisation. */
  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: OrganisationPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: OrganisationQueryDto): Promise<OrganisationPageDto> {
    const page = await this.organisations.list(user, q);
    return { items: page.items.map(toOrganisationDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: OrganisationDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.get(user, id));
  }

  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: OrganisationDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    const org = await this.organisations.create(user, {
      kind: body.kind,
      code: body.code ?? null,
      name: body.name,
      legalForm: body.legalForm ?? null,
      street: body.street ?? null,
      postalCode: body.postalCode ?? null,
      city: body.city ?? null,
      contactName: body.contactName ?? null,
      contactEmail: body.contactEmail ?? null,
      contactPhone: body.contactPhone ?? null,
      nonProfit: body.nonProfit ?? false,
      nonProfitNoticeDate: body.nonProfitNoticeDate ?? null,
      vatDeductible: body.vatDeductible ?? false,
      active: body.active ?? true,
      bankAccount: body.bankAccount
        ? { iban: body.bankAccount.iban, bic: body.bankAccount.bic ?? null, accountHolder: body.bankAccount.accountHolder }
        : null,
    });
    return toOrganisationDto(org);
  }

  /** Stammdaten (Landratsamt). */
  @Patch(':id')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: OrganisationDto })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.updateMasterData(user, id, body));
  }

  /** Ansprechperson; ein Träger darf seine eigenen Kontaktdaten ändern. */
  @Patch(':id/contact')
  @Roles(Role.ADMIN, Role.STAFF, Role.PROVIDER)
  @ApiOkResponse({ type: OrganisationDto })
  async updateContact(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateContactDto,
  ): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.updateContact(user, id, body));
  }

  /** Bankverbindung ändern: bis zur Bestätigung durch eine zweite Person keine Auszahlung. */
  @Put(':id/bank-account')
  @Roles(Role.ADMIN, Role.STAFF, Role.PROVIDER)
  @ApiOkResponse({ type: OrganisationDto })
  async changeBankAccount(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: BankAccountDto,
  ): Promise<OrganisationDto> {
    return toOrganisationDto(
      await this.organisations.changeBankAccount(user, id, {
        iban: body.iban,
        bic: body.bic ?? null,
        accountHolder: body.accountHolder,
      }),
    );
  }

  /** Bestätigung der geänderten Bankverbindung (nicht durch die Person, die sie geändert hat). */
  @Post(':id/bank-account/confirm')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF, Role.APPROVER)
  @ApiOkResponse({ type: OrganisationDto })
  async confirmBankAccount(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
  ): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.confirmBankAccount(user, id));
  }
}
