import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Role } from '@foerderfluss/core';
import { PASSWORD_MIN_LENGTH } from '@foerderfluss/identity';
import { ListQueryDto, ToBoolean } from '../common/dto';

export class CreateUserDto {
  @ApiProperty({ example: 'k.mueller@altenburgerland.de' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Katrin Müller' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: 'Erstpasswort; bitte nach der ersten Anmeldung ändern.' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ enum: Role, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsEnum(Role, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Pflicht für PROVIDER: der Träger.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}

export class ChangeRolesDto {
  @ApiProperty({ enum: Role, isArray: true, description: 'Die neuen Rollen; PROVIDER und AUDITOR nur allein. Alle bisherigen Tokens des Kontos werden ungültig.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsEnum(Role, { each: true })
  roles!: Role[];
}

export class UserQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Suche in E-Mail und Name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deactivatedAt!: string | null;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
