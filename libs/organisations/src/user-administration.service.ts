import { Injectable } from '@nestjs/common';
import { Role, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { NewUser, User, UsersService } from '@foerderfluss/identity';
import { OrganisationKind } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';
import { userOrganisationInvalid, userRolesInvalid } from './organisations.errors';

/**
 * Creating a user needs both identity and organisations (a PROVIDER belongs to exactly one
 * Träger), so the use case lives here, above both.
 */
@Injectable()
export class UserAdministrationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly organisations: OrganisationRepository,
  ) {}

  async createUser(scope: Scope, input: NewUser): Promise<User> {
    const roles = [...new Set(input.roles)];
    if (roles.length === 0) throw userRolesInvalid('Bitte mindestens eine Rolle angeben.');
    const isProvider = roles.includes(Role.PROVIDER);
    if (isProvider && roles.length > 1) {
      throw userRolesInvalid('Die Rolle PROVIDER (Träger) kann nicht mit anderen Rollen kombiniert werden.');
    }
    if (roles.includes(Role.AUDITOR) && roles.some((r) => r !== Role.AUDITOR)) {
      throw userRolesInvalid('Die Rolle AUDITOR (Prüfung, nur lesend) kann nicht mit anderen Rollen kombiniert werden.');
    }
    return this.tx.run(async (em) => {
      if (isProvider && !input.organisationId) {
        throw userOrganisationInvalid('Ein Träger-Konto muss genau einem Träger zugeordnet sein.');
      }
      if (input.organisationId) {
        const org = await this.organisations.find(scope, input.organisationId, { em });
        if (!org) throw userOrganisationInvalid('Die angegebene Organisation gibt es nicht.');
        if (isProvider && org.kind !== OrganisationKind.PROVIDER) {
          throw userOrganisationInvalid('Ein Träger-Konto kann nur einem Träger (Art PROVIDER) zugeordnet werden.');
        }
        if (!isProvider && org.kind === OrganisationKind.PROVIDER) {
          throw userOrganisationInvalid('Konten des Landratsamts und der Prüfung dürfen keinem Träger zugeordnet werden.');
        }
      }
      return this.users.createInTransaction(em, scope, { ...input, roles });
    });
  }
}
