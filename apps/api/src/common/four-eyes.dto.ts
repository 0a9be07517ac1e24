import { ApiProperty } from '@nestjs/swagger';
import { CHECK_RESULTS, CheckResult, LabelledChecklistEntry, Money } from '@foerderfluss/core';

/**
 * Response shapes of "four eyes with context" (issue 16), shared by Bescheide, Festsetzungen and
 * Mittelabrufe: a person by display name, a checklist point with its label and Vermerk, the
 * effect on the budget.
 */

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' }) displayName!: string;
}

export class LabelledChecklistEntryDto {
  @ApiProperty({ example: 'FORMAL_COMPLETE', description: 'Prüfpunkt (Code)' }) code!: string;
  @ApiProperty({ example: 'Antrag vollständig', description: 'Prüfpunkt (Bezeichnung)' }) label!: string;
  @ApiProperty({ enum: CHECK_RESULTS, enumName: 'CheckResult' }) result!: CheckResult;
  @ApiProperty({ nullable: true, type: String, description: 'Vermerk' }) note!: string | null;
}

export class BudgetEffectYearDto {
  @ApiProperty({ example: 2026 }) budgetYear!: number;
  @ApiProperty({ example: '120000.00', description: 'Landesmittel frei (zugewiesen − gebunden) vor der Entscheidung' }) stateFreeBefore!: string;
  @ApiProperty({ description: 'Landesmittel frei nach der Freigabe' }) stateFreeAfter!: string;
  @ApiProperty({ description: 'Kreismittel frei vor der Entscheidung' }) districtFreeBefore!: string;
  @ApiProperty({ description: 'Kreismittel frei nach der Freigabe' }) districtFreeAfter!: string;
}

export class BudgetEffectDto {
  @ApiProperty({ type: [BudgetEffectYearDto] }) years!: BudgetEffectYearDto[];
}

export const toChecklistDto = (c: LabelledChecklistEntry[] | null): LabelledChecklistEntryDto[] | null =>
  c ? c.map(({ code, label, result, note }) => ({ code, label, result, note })) : null;

export function toBudgetEffectDto(
  e: { years: { budgetYear: number; stateFreeBefore: Money; stateFreeAfter: Money; districtFreeBefore: Money; districtFreeAfter: Money }[] } | null,
): BudgetEffectDto | null {
  if (!e) return null;
  return {
    years: e.years.map((y) => ({
      budgetYear: y.budgetYear,
      stateFreeBefore: y.stateFreeBefore.toApiString(),
      stateFreeAfter: y.stateFreeAfter.toApiString(),
      districtFreeBefore: y.districtFreeBefore.toApiString(),
      districtFreeAfter: y.districtFreeAfter.toApiString(),
    })),
  };
}
