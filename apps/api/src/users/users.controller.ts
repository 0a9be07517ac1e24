import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import { AuthenticatedUser, MfaService, toUserView, UsersService } from '@foerderfluss/identity';
import { UserAdministrationService } from '@foerderfluss/organisations';
import { CurrentUser, Roles } from '../auth/decorators';
import { ChangeRolesDto, CreateUserDto, UserDto, UserPageDto, UserQueryDto } from './users.dto';
import { uuidPipe } from '../common/uuid.pipe';

@ApiTags('users')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdministrationService,
    private readonly mfa: MfaService,
  ) {}

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: UserQueryDto): Promise<UserPageDto> {
    const page = await this.users.list(user, q);
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<UserDto> {
    return toUserView(await this.users.get(user, id));
  }

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateUserDto): Promise<UserDto> {
    const created = await this.admin.createUser(user, {
      email: body.email,
      displayName: body.displayName,
      password: body.password,
      roles: body.roles,
      organisationId: body.organisationId ?? null,
    });
    return toUserView(created);
  }

  /** Rollen ändern: alle bisher ausgestellten Tokens des Kontos sind sofort ungültig (neue Anmeldung nötig). */
  @Put(':id/roles')
  @ApiOkResponse({ type: UserDto })
  async changeRoles(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ChangeRolesDto): Promise<UserDto> {
    return toUserView(await this.admin.changeRoles(user, id, body.roles));
  }

  /** Deaktivieren: laufende Tokens des Kontos sind sofort ungültig, auch nach einer Reaktivierung. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  async deactivate(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<UserDto> {
    return toUserView(await this.users.setActive(user, id, false));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  async activate(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<UserDto> {
    return toUserView(await this.users.setActive(user, id, true));
  }

  /** Zweiten Faktor zurücksetzen (Gerät und Wiederherstellungscodes verloren); die nächste Anmeldung verlangt, wo vorgeschrieben, eine neue Einrichtung. */
  @Post(':id/mfa/reset')
  @HttpCode(204)
  async resetMfa(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.mfa.reset(user, id);
  }
}
