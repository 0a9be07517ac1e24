import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MONITORING_GROUP_BY, type MonitoringGroupBy } from '@foerderfluss/monitoring';
import { FieldOfActionParam, ProviderIdParam, SocialAreaParam } from '../common/list-query';

/** Years the monitoring can be asked about at all (the same bounds as a Haushaltsjahr). */
const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/**
 * The filters of both monitoring questions. Defaults: to = this year, from = to − 2, by
 * Handlungsfeld; from ≤ to and at most 10 years are checked by the service (a German 400 naming `from` or `to`).
 */
export class MonitoringQueryDto {
  @ApiPropertyOptional({ description: 'Erstes Jahr (inklusive); Vorgabe: bis − 2', minimum: YEAR_MIN, maximum: YEAR_MAX, example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  from?: number;

  @ApiPropertyOptional({ description: 'Letztes Jahr (inklusive); Vorgabe: das laufende Jahr', minimum: YEAR_MIN, maximum: YEAR_MAX, example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  to?: number;

  @ApiPropertyOptional({ enum: MONITORING_GROUP_BY, enumName: 'MonitoringGroupBy', description: 'Gruppierung; Vorgabe: fieldOfAction' })
  @IsOptional()
  @IsIn(MONITORING_GROUP_BY)
  groupBy?: MonitoringGroupBy;

  @FieldOfActionParam() fieldOfAction?: string;
  @SocialAreaParam() socialArea?: string;
  /** For a Träger anything but its own id finds nothing (its figures stay its own; nobody else's are confirmed or denied). */
  @ProviderIdParam() providerId?: string;
}

export class IndicatorRowDto {
  @ApiProperty({ description: 'Handlungsfeld- oder Sozialraum-Code, Träger-ID oder Jahr ("2025")', example: 'LANGUAGE_EDUCATION' }) group!: string;
  @ApiProperty({ description: 'Deutscher Name der Gruppe', example: 'Sprache und Bildung' }) groupLabel!: string;
  @ApiProperty({ description: 'Code der Kennzahl', example: 'CONSULTATIONS' }) indicator!: string;
  @ApiProperty({ format: 'uuid' }) indicatorId!: string;
  @ApiProperty({ example: 'Beratungsgespräche' }) indicatorName!: string;
  @ApiProperty({ description: 'Handlungsfeld der Kennzahl', example: 'LANGUAGE_EDUCATION' }) fieldOfAction!: string;
  @ApiProperty({ example: 'Gespräche' }) unit!: string;
  @ApiProperty({ enum: ['SUM', 'AVERAGE'], enumName: 'IndicatorAggregation' }) aggregation!: 'SUM' | 'AVERAGE';
  @ApiProperty({ description: 'Ist: Summe der Werte (SUM) bzw. Mittelwert über die Berichte (AVERAGE, 2 Nachkommastellen)', example: 120 }) actual!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Soll (nur je Jahr und je Handlungsfeld; null ohne Soll)' }) target!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Ist − Soll; null ohne Soll' }) deviation!: number | null;
  @ApiProperty({ description: 'Anzahl der berichteten Werte (Sachberichte)', example: 3 }) reports!: number;
}

export class IndicatorReportDto {
  @ApiProperty({ example: 2024 }) from!: number;
  @ApiProperty({ example: 2026 }) to!: number;
  @ApiProperty({ enum: MONITORING_GROUP_BY, enumName: 'MonitoringGroupBy' }) groupBy!: MonitoringGroupBy;
  @ApiProperty({ type: [IndicatorRowDto] }) rows!: IndicatorRowDto[];
}

export class SourceSharesDto {
  @ApiProperty({ example: '80000.00', description: 'Landesanteil' }) state!: string;
  @ApiProperty({ example: '20000.00', description: 'Kreisanteil' }) district!: string;
}

export class FundingSharesDto {
  @ApiProperty({ type: SourceSharesDto }) committed!: SourceSharesDto;
  @ApiProperty({ type: SourceSharesDto }) paid!: SourceSharesDto;
  @ApiProperty({ type: SourceSharesDto }) proven!: SourceSharesDto;
  @ApiProperty({ type: SourceSharesDto }) recovered!: SourceSharesDto;
}

export class FundingRowDto {
  @ApiProperty({ description: 'Handlungsfeld- oder Sozialraum-Code, Träger-ID oder Jahr ("2025")' }) group!: string;
  @ApiProperty({ description: 'Deutscher Name der Gruppe' }) groupLabel!: string;
  @ApiProperty({ example: '100000.00', description: 'gebunden: Bindungen ± Änderungen − Freigaben' }) committed!: string;
  @ApiProperty({ example: '60000.00', description: 'ausgezahlt: in einer ausgeführten Zahlungsdatei gebucht' }) paid!: string;
  @ApiProperty({ example: '90000.00', description: 'nachgewiesen: festgesetzte Zuwendung freigegebener Festsetzungen' }) proven!: string;
  @ApiProperty({ example: '0.00', description: 'zurückerhalten: eingegangene Rückzahlungen' }) recovered!: string;
  @ApiProperty({ example: '0.00', description: 'zurückgefordert: festgesetzte Rückforderungen' }) recoveriesDue!: string;
  @ApiProperty({ example: 3, description: 'Anzahl der Bescheide/Verträge mit einer Bindung in der Gruppe' }) projects!: number;
  @ApiProperty({ type: FundingSharesDto, description: 'Land- und Kreisanteil' }) shares!: FundingSharesDto;
}

export class FundingReportDto {
  @ApiProperty({ example: 2024 }) from!: number;
  @ApiProperty({ example: 2026 }) to!: number;
  @ApiProperty({ enum: MONITORING_GROUP_BY, enumName: 'MonitoringGroupBy' }) groupBy!: MonitoringGroupBy;
  @ApiProperty({ type: [FundingRowDto] }) rows!: FundingRowDto[];
}
