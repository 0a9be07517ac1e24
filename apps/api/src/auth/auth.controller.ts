import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthenticatedUser, AuthService } from '@foerderfluss/identity';
import { AnyRole, CurrentUser, Public } from './decorators';
import { AccessTokenDto, ChangePasswordDto, LoginDto, MeDto } from './auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Anmeldung mit E-Mail und Passwort; liefert ein kurzlebiges Zugriffstoken (JWT). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  login(@Body() body: LoginDto, @Req() req: Request & { id?: string }): Promise<AccessTokenDto> {
    return this.auth.login(body.email, body.password, {
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      requestId: req.id ? String(req.id) : null,
    });
  }

  @AnyRole()
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthenticatedUser): MeDto {
    return {
      id: user.userId,
      email: user.email ?? '',
      displayName: user.displayName,
      roles: [...user.roles],
      organisationId: user.organisationId,
    };
  }

  /** Abmelden: das verwendete Token ist sofort ungültig. */
  @AnyRole()
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.auth.logout(user);
  }

  /** Passwort ändern; alle vorher ausgestellten Tokens werden ungültig. */
  @AnyRole()
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
