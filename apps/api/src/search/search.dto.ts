import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NoControlCharacters } from '../common/list-query';

/** The record types the search finds, each with its page in the web app. */
export const SEARCH_HIT_TYPES = ['APPLICATION', 'DECISION', 'PAYMENT_REQUEST', 'PROOF_OF_USE', 'SETTLEMENT', 'RECOVERY', 'ORGANISATION'] as const;
export type SearchHitType = (typeof SEARCH_HIT_TYPES)[number];

export const SEARCH_MAX_LIMIT = 50;

export class SearchQueryDto {
  @ApiProperty({ description: 'Aktenzeichen, Antragsnummer, Titel oder Name des Trägers (mindestens 2 Zeichen; % und _ gelten als Zeichen)', minLength: 2, maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsDefined()
  @IsString()
  @NoControlCharacters()
  @MinLength(2, { message: 'Bitte mindestens 2 Zeichen eingeben.' })
  @MaxLength(100)
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SEARCH_MAX_LIMIT, default: 20, description: 'höchstens so viele Treffer je Art und insgesamt' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SEARCH_MAX_LIMIT)
  limit?: number;
}

export class SearchHitDto {
  @ApiProperty({ enum: SEARCH_HIT_TYPES, enumName: 'SearchHitType' }) type!: SearchHitType;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Aktenzeichen, Antragsnummer, Abruf- oder Nachweisnummer; beim Träger sein Kürzel' }) reference!: string;
  @ApiProperty({ description: 'Titel des Vorhabens; beim Träger sein Name' }) title!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Name des Trägers' }) organisationName!: string | null;
  @ApiProperty({ description: 'Status-Code der jeweiligen Art (beim Träger ACTIVE oder INACTIVE)' }) status!: string;
}

export class SearchResultDto {
  @ApiProperty({ type: [SearchHitDto] }) items!: SearchHitDto[];
}
