import { ApiProperty } from '@nestjs/swagger';
import { RuleFlagDto, FinalGrantBreakdownDto } from '../calculations/calculations.dto';

/**
 * The final-grant calculation of a proof of use as the proof-of-use lib computes and freezes it
 * (ComputedFinalGrant, finalGrantDoc): amounts are exact decimal strings (not rounded to cents).
 */

export class FinalGrantDocLineDto {
  @ApiProperty({ example: 'PERSONNEL', description: 'Kostenart' }) category!: string;
  @ApiProperty({ description: 'geplant' }) planned!: string;
  @ApiProperty({ description: 'Ist (nach Belegprüfung und Besserstellung)' }) actual!: string;
  @ApiProperty({ description: 'Obergrenze: Plan × (1 + Toleranz) oder Zustimmung, exakt' }) cap!: string;
  @ApiProperty({ type: String, nullable: true, description: 'durch Zustimmung angehobene Obergrenze' }) approvedCap!: string | null;
  @ApiProperty({ description: 'anerkannt' }) recognised!: string;
  @ApiProperty({ type: [RuleFlagDto] }) flags!: RuleFlagDto[];
}

export class FinalGrantAdjustmentDto {
  @ApiProperty({ example: 'PERSONNEL', description: 'Kostenart' }) category!: string;
  @ApiProperty({ description: 'im zahlenmäßigen Nachweis angegebenes Ist' }) reported!: string;
  @ApiProperty({ description: 'Kürzungen aus der Belegprüfung' }) receiptReductions!: string;
  @ApiProperty({ description: 'Gehalt über dem TV-L-Vergleichsbetrag (Besserstellungsverbot)' }) personnelExcess!: string;
  @ApiProperty({ description: 'anerkanntes Ist als Eingang der Berechnung' }) actual!: string;
}

export class FinalGrantParametersAppliedDto {
  @ApiProperty({ example: '20', description: 'Überschreitungstoleranz je Einzelansatz in Prozent' }) overrunTolerance!: string;
  @ApiProperty({ example: '500', description: 'Bagatellgrenze' }) deMinimisAmount!: string;
}

/** The frozen calculation of the Prüfvermerk and the Festsetzung. */
export class FinalGrantDocDto {
  @ApiProperty({ type: [FinalGrantDocLineDto] }) lines!: FinalGrantDocLineDto[];
  @ApiProperty() plannedCosts!: string;
  @ApiProperty({ description: 'A: anerkannte zuwendungsfähige Ausgaben' }) recognisedCosts!: string;
  @ApiProperty({ description: 'Z: festzusetzende Zuwendung' }) finalGrant!: string;
  @ApiProperty({ description: 'R = max(0, ausgezahlt − Z)' }) recovery!: string;
  @ApiProperty({ type: [RuleFlagDto] }) flags!: RuleFlagDto[];
  @ApiProperty({ type: FinalGrantBreakdownDto }) breakdown!: FinalGrantBreakdownDto;
  @ApiProperty({ type: FinalGrantParametersAppliedDto }) parametersUsed!: FinalGrantParametersAppliedDto;
  @ApiProperty({ type: [FinalGrantAdjustmentDto], description: 'Ist, Kürzungen aus der Belegprüfung und Besserstellung je Kostenart' }) adjustments!: FinalGrantAdjustmentDto[];
}
