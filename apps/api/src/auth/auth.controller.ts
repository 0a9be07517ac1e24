import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthenticatedUser, AuthService, LoginContext, MfaService } from '@foerderfluss/identity';
import { AnyRole, CurrentUser, MfaEnrolmentAllowed, Public } from './decorators';
import {
  AccessTokenDto,
  ChangePasswordDto,
  LoginDto,
  MeDto,
  MfaChallengeDto,
  MfaCodeDto,
  MfaEnrolmentConfirmedDto,
  MfaEnrolmentDto,
  MfaStatusDto,
  MfaVerifyDto,
} from './auth.dto';

function loginContext(req: Request & { id?: string }): LoginContext {
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', requestId: req.id ? String(req.id) : null };
}

@ApiTags('auth')
@ApiExtraModels(AccessTokenDto, MfaChallengeDto)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
  ) {}

  /**
   * Anmeldung mit E-Mail und Passwort. Liefert ein kurzlebiges Zugriffstoken (JWT) oder, wenn ein
   * zweiter Faktor nötig ist, `{mfaRequired: true, mfaToken}`: dann folgt POST /auth/mfa (oder,
   * bei `enrolmentRequired`, die Einrichtung des zweiten Faktors).
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(AccessTokenDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] } })
  login(@Body() body: LoginDto, @Req() req: Request & { id?: string }): Promise<AccessTokenDto | MfaChallengeDto> {
    return this.auth.login(body.email, body.password, loginContext(req));
  }

  /** Zweiter Schritt der Anmeldung: mfaToken aus /auth/login und der Code (TOTP oder Wiederherstellungscode). */
  @Public()
  @Post('mfa')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  verifyMfa(@Body() body: MfaVerifyDto, @Req() req: Request & { id?: string }): Promise<AccessTokenDto> {
    return this.auth.completeMfa(body.mfaToken, body.code, loginContext(req));
  }

  /** Stand des eigenen zweiten Faktors. */
  @AnyRole()
  @MfaEnrolmentAllowed()
  @ApiBearerAuth()
  @Get('mfa')
  @ApiOkResponse({ type: MfaStatusDto })
  mfaStatus(@CurrentUser() user: AuthenticatedUser): Promise<MfaStatusDto> {
    return this.mfa.status(user);
  }

  /** Einrichtung beginnen: neuer Schlüssel mit QR-Code (ersetzt eine nicht abgeschlossene Einrichtung). */
  @AnyRole()
  @MfaEnrolmentAllowed()
  @ApiBearerAuth()
  @Post('mfa/enrolment')
  @HttpCode(200)
  @ApiOkResponse({ type: MfaEnrolmentDto })
  startMfaEnrolment(@CurrentUser() user: AuthenticatedUser): Promise<MfaEnrolmentDto> {
    return this.mfa.startEnrolment(user);
  }

  /** Einrichtung mit dem ersten Code bestätigen; liefert die Wiederherstellungscodes (nur dieses eine Mal). */
  @AnyRole()
  @MfaEnrolmentAllowed()
  @ApiBearerAuth()
  @Post('mfa/enrolment/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: MfaEnrolmentConfirmedDto })
  confirmMfaEnrolment(@CurrentUser() user: AuthenticatedUser, @Body() body: MfaCodeDto, @Req() req: Request & { id?: string }): Promise<MfaEnrolmentConfirmedDto> {
    return this.auth.confirmMfaEnrolment(user, body.code, loginContext(req));
  }

  /** Den eigenen zweiten Faktor entfernen (mit einem aktuellen Code oder Wiederherstellungscode). */
  @AnyRole()
  @ApiBearerAuth()
  @Post('mfa/disable')
  @HttpCode(204)
  async disableMfa(@CurrentUser() user: AuthenticatedUser, @Body() body: MfaCodeDto, @Req() req: Request & { id?: string }): Promise<void> {
    await this.auth.disableMfa(user, body.code, loginContext(req));
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
      districtId: user.districtId ?? null,
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
