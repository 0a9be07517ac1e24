import { FieldError, Money, Rate, validationError } from '@foerderfluss/core';

/**
 * Collects field errors of one rule call so a caller sees all of them at once, then throws one
 * VALIDATION_FAILED (400). Paths mirror the calculator request bodies (`plan.costLines[1].amount`)
 * so the api can pass them through unchanged.
 */
export class InputProblems {
  private readonly errors: FieldError[] = [];

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  nonNegative(path: string, amount: Money | undefined, label = 'Der Betrag'): void {
    if (amount !== undefined && amount.isNegative()) this.add(path, `${label} darf nicht negativ sein.`);
  }

  /** 0 % ≤ rate ≤ 100 %. */
  percentInRange(path: string, rate: Rate | undefined, label = 'Der Prozentsatz'): void {
    if (rate !== undefined && !rate.isWithinZeroToHundredPercent()) {
      this.add(path, `${label} muss zwischen 0 und 100 liegen.`);
    }
  }

  nonNegativeInteger(path: string, value: number, label: string): void {
    if (!Number.isInteger(value) || value < 0) this.add(path, `${label} muss eine ganze Zahl ≥ 0 sein.`);
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw validationError([...this.errors]);
  }
}
