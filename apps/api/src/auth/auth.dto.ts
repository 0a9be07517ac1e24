import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from '@foerderfluss/identity';

export class LoginDto {
  @ApiProperty({ example: 'sachbearbeitung@demo.foerderfluss.de' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Demo-Passwort-2026' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(1024)
  newPassword!: string;
}

export class AccessTokenDto {
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Lebensdauer des Tokens in Sekunden' })
  expiresIn!: number;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ['ADMIN', 'STAFF', 'APPROVER', 'PROVIDER', 'AUDITOR'], isArray: true })
  roles!: string[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organisationId!: string | null;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Der Landkreis, auf den die Person beschränkt ist (Sachbearbeitung, Zeichnung, Verwaltung, Prüfung eines Kreises); null für das Land und für Träger.',
  })
  districtId!: string | null;
}


/** The password was right; a second factor is needed before a session is handed out. */
export class MfaChallengeDto {
  @ApiProperty({ enum: [true], description: 'Immer true: die Anmeldung braucht noch den zweiten Faktor.' })
  mfaRequired!: true;

  @ApiProperty({
    description:
      'true: für die Rolle ist ein zweiter Faktor vorgeschrieben, aber noch keiner eingerichtet. Das mfaToken öffnet dann nur die Einrichtung (/auth/mfa/enrolment…, als Bearer-Token).',
  })
  enrolmentRequired!: boolean;

  @ApiProperty({ description: 'Kurzlebig und nur für diesen Schritt; kein Zugriffstoken.' })
  mfaToken!: string;

  @ApiProperty({ description: 'Lebensdauer des mfaToken in Sekunden' })
  expiresIn!: number;
}

export class MfaVerifyDto {
  @ApiProperty()
  @IsString()
  @MaxLength(4096)
  mfaToken!: string;

  @ApiProperty({ description: 'Sechsstelliger Code der Authenticator-App oder ein unbenutzter Wiederherstellungscode', example: '123456' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code!: string;
}

export class MfaCodeDto {
  @ApiProperty({ description: 'Sechsstelliger Code der Authenticator-App (beim Entfernen auch ein Wiederherstellungscode)', example: '123456' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code!: string;
}

export class MfaStatusDto {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ description: 'Für eine Rolle des Kontos vorgeschrieben (MFA_REQUIRED_ROLES)' })
  required!: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  enabledAt!: string | null;

  @ApiProperty()
  recoveryCodesLeft!: number;
}

export class MfaEnrolmentDto {
  @ApiProperty({ description: 'Base32-Schlüssel zum Abtippen; nur während der Einrichtung sichtbar' })
  secret!: string;

  @ApiProperty()
  otpauthUri!: string;

  @ApiProperty({ description: 'QR-Code des otpauth-URI als Daten-URL (SVG)' })
  qrCode!: string;
}

export class MfaEnrolmentConfirmedDto {
  @ApiProperty({ type: [String], description: 'Nur dieses eine Mal im Klartext' })
  recoveryCodes!: string[];

  @ApiProperty({ type: AccessTokenDto, nullable: true, description: 'Die Sitzung, wenn die Einrichtung eine Anmeldung abschließt (eingeschränktes Token); sonst null' })
  session!: AccessTokenDto | null;
}
