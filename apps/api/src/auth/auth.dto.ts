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
}

