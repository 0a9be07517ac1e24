import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '@foerderfluss/core';

/** Query flags arrive as strings; only the exact words true/false count. */
export const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor der vorigen Seite' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/**
 * A list whose sort keys are not (yet) declared as an enum: `sort=field,-field` is handed to the
 * repository as it is, which answers an unknown field with 400. Lists with exported sort keys use
 * `SortParam` of `list-query.ts` instead, which declares them in OpenAPI.
 */
export class SortedListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description:
      'Sortierung: Feldnamen mit Komma getrennt, „-“ davor absteigend, z. B. „-createdAt,reference“. Ein unbekanntes Feld wird mit 400 und den möglichen Feldern abgelehnt.',
    example: '-createdAt,reference',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;
}

export class IdParam {
  @IsUUID()
  id!: string;
}

/** A list page as the api returns it. */
export interface PageDto<T> {
  items: T[];
  nextCursor: string | null;
}
