import type { Client } from 'pg';

export interface LandSizes {
  districts: number;
  providers: number;
  years: number;
  receiptsPerProof: number;
  /** 'bulk-checked' (default): ff_assign_district off for receipt and budget_ledger_entry inside the transaction, checked set-based; 'all': on everywhere. */
  triggers?: 'all' | 'bulk-checked';
}
export interface Generated {
  homeDistrictId: string;
  homeYears: { year: number; id: string }[];
  proofId: string;
  decisionId: string;
}
export const FULL: LandSizes;
export const FIRST_YEAR: number;
export function sizes(scale: number, districts?: number): LandSizes;
export function generate(client: Client, sizes: LandSizes, log?: (msg: string) => void): Promise<Generated>;
