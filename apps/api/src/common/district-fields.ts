import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { from, Observable, switchMap } from 'rxjs';
import { OrganisationRepository } from '@foerderfluss/organisations';

/**
 * The Kreis of a Kreis record (issue 20), on every response of Antrag, Bescheid, Mittelabruf,
 * Auszahlung, VN, Rückforderung, Aufruf and Haushaltsjahr, so a Träger active in two Kreise (and
 * the Land) can tell its records apart. The mappers set `districtId` through `districtFields`; the
 * name is filled in by `DistrictNameInterceptor` (one query per response, whatever the page size).
 */
export class DistrictFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'Kreis (Organisation der Art DISTRICT), dem der Vorgang gehört' }) districtId!: string;
  @ApiProperty({ description: 'Name des Kreises', example: 'Landkreis Altenburger Land – Landratsamt' }) districtName!: string;
}

/** The list filter `districtId` (the Land's drill-down, a Träger's lists): only records of this Kreis. */
export class DistrictFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
}

/** `districtId` of a row for its DTO; `districtName` is completed by the interceptor before the response leaves. */
export function districtFields(row: { districtId: string }): DistrictFieldsDto {
  return { districtId: row.districtId, districtName: '' };
}

type WithDistrict = { districtId: string; districtName?: string } & Record<string, unknown>;

function hasDistrict(v: unknown): v is WithDistrict {
  return typeof v === 'object' && v !== null && typeof (v as { districtId?: unknown }).districtId === 'string' && 'districtName' in v;
}

function recordsOf(body: unknown): WithDistrict[] {
  if (Array.isArray(body)) return body.filter(hasDistrict);
  if (typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items)) return (body as { items: unknown[] }).items.filter(hasDistrict);
  return hasDistrict(body) ? [body] : [];
}

/**
 * Global: fills `districtName` of every record in a response (one record, a bare list or a
 * `{items}` page) that carries `districtId` and a `districtName` field (DistrictFieldsDto). Names of
 * Kreise are no secret; only the Kreise of records the caller was already allowed to see are named.
 */
@Injectable()
export class DistrictNameInterceptor implements NestInterceptor {
  constructor(private readonly organisations: OrganisationRepository) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(switchMap((body: unknown) => from(this.enrich(body))));
  }

  private async enrich(body: unknown): Promise<unknown> {
    const records = recordsOf(body);
    if (records.length === 0) return body;
    const names = await this.organisations.districtNames(records.map((r) => r.districtId));
    for (const r of records) r.districtName = names.get(r.districtId) ?? '';
    return body;
  }
}
