import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FieldError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { Programme } from './programme.entity';
import { ProgrammeRepository } from './programme.repository';
import { ReferenceDataRepository } from './reference-data.repository';
import { CostCategory } from './cost-category.entity';
import { costCategoriesInvalid, programmeInvalid, programmeNotFound } from './programmes.errors';

export interface ProgrammeWithCategories {
  programme: Programme;
  /** Eligible Kostenarten in their display order. */
  eligibleCostCategories: CostCategory[];
}

/** A cost category code as a request names it, with the field path to report it under. */
export interface CostCategoryReference {
  path: string;
  code: string;
}

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly programmes: ProgrammeRepository,
    private readonly reference: ReferenceDataRepository,
  ) {}

  async list(): Promise<ProgrammeWithCategories[]> {
    const programmes = await this.programmes.all(this.tx.manager);
    return Promise.all(programmes.map(async (programme) => ({ programme, eligibleCostCategories: await this.eligibleCostCategories(programme.id) })));
  }

  /** By id or code; 404 when there is none. */
  async get(ref: string, em: EntityManager = this.tx.manager): Promise<ProgrammeWithCategories> {
    const programme = await this.find(ref, em);
    if (!programme) throw programmeNotFound();
    return { programme, eligibleCostCategories: await this.eligibleCostCategories(programme.id, em) };
  }

  /** The programme entity by id or code; 404 when there is none. */
  async getProgramme(ref: string, em: EntityManager = this.tx.manager): Promise<Programme> {
    const programme = await this.find(ref, em);
    if (!programme) throw programmeNotFound();
    return programme;
  }

  /**
   * The programme a request means: the one it names, or the only one there is. Answers 400 on
   * `path` (not 404) because the name is part of the request body, not of the address.
   */
  async resolve(code: string | undefined, path = 'programmeCode'): Promise<Programme> {
    if (code !== undefined) {
      const programme = await this.find(code);
      if (!programme) throw programmeInvalid(path, `Das Förderprogramm „${code}“ gibt es nicht.`);
      return programme;
    }
    const candidates = await this.programmes.all(this.tx.manager, 2);
    if (candidates.length === 1) return candidates[0]!;
    throw programmeInvalid(
      path,
      candidates.length === 0
        ? 'Es ist kein Förderprogramm angelegt.'
        : 'Es gibt mehrere Förderprogramme; bitte das Förderprogramm (programmeCode) angeben.',
    );
  }

  async eligibleCostCategories(programmeId: string, em: EntityManager = this.tx.manager): Promise<CostCategory[]> {
    return this.programmes.eligibleCostCategories(em, programmeId);
  }

  /** The Finanzierungsart must be one the programme allows towards Träger; 400 on `path`. */
  checkFinancingType(programme: Programme, financingType: string, path = 'financingType'): void {
    if (!(programme.eligibleFinancingTypes as string[]).includes(financingType)) {
      throw programmeInvalid(
        path,
        `Die Finanzierungsart ${financingType} ist im Förderprogramm „${programme.shortTitle}“ nicht vorgesehen; zulässig sind: ${programme.eligibleFinancingTypes.join(', ')}.`,
      );
    }
  }

  /**
   * Every named Kostenart must exist and be eligible under the programme (INVESTMENT exists but
   * the Sozialberatungsrichtlinie excludes it). Reports each offending field; 400.
   */
  async checkCostCategories(programme: Programme, references: CostCategoryReference[]): Promise<void> {
    if (references.length === 0) return;
    const [all, eligible] = await Promise.all([
      this.reference.costCategories(this.tx.manager),
      this.eligibleCostCategories(programme.id),
    ]);
    const known = new Map(all.map((c) => [c.code, c]));
    const allowed = new Set(eligible.map((c) => c.code));
    const allowedList = eligible.map((c) => c.code).join(', ');
    const errors: FieldError[] = [];
    for (const ref of references) {
      const category = known.get(ref.code);
      if (!category) {
        errors.push({ path: ref.path, message: `Unbekannte Kostenart „${ref.code}“; zulässig sind: ${allowedList}.` });
      } else if (!allowed.has(ref.code)) {
        errors.push({
          path: ref.path,
          message: `Die Kostenart ${ref.code} (${category.name}) ist im Förderprogramm „${programme.shortTitle}“ nicht zuwendungsfähig; zulässig sind: ${allowedList}.`,
        });
      }
    }
    if (errors.length > 0) throw costCategoriesInvalid(errors);
  }

  private find(ref: string, em: EntityManager = this.tx.manager): Promise<Programme | null> {
    return this.programmes.find(em, ref);
  }
}
