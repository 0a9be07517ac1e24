import { Injectable } from '@nestjs/common';
import { Role, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { NewUser, User, UsersService } from '@foerderfluss/identity';
import { OrganisationKind } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';
import { userOrganisationInvalid, userRolesInvalid } from './organisations.errors';

/**
 * Creating a user and changing its roles need both identity and organisations (a PROVIDER belongs
 * to exactly one Träger), so the use cases live here, above both.
 */
@Injectable()
export class UserAdministrationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly organisations: OrganisationRepository,
  ) {}

  async createUser(scope: Scope, input: NewUser): Promise<User> {
    const roles = checkedRoles(input.roles);
    const isProvider = roles.includes(Role.PROVIDER);
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
      // A Kreis ADMIN's new staff account belongs to its Kreis (issue 20): an account without an
      // organisation would be scoped to no Kreis at all and read every Kreis's records.
      const organisationId = input.organisationId ?? (scope.districtId && !isProvider ? scope.districtId : input.organisationId);
      return this.users.createInTransaction(em, scope, { ...input, organisationId, roles });
    });
  }

  /**
   * Gives a user other roles. The organisation stays: a Träger account stays with its Träger, a
   * Kreis account cannot become a Träger's. The user's tokens end (UsersService.setRoles), so the
   * new roles apply at the next login and nothing is done with the old ones meanwhile.
   */
  async changeRoles(scope: Scope, id: string, rolesInput: readonly Role[]): Promise<User> {
    const roles = checkedRoles(rolesInput);
    return this.tx.run(async (em) => {
      return this.users.setRoles(em, scope, id, roles, async (user) => {
        const org = user.organisationId ? await this.organisations.find(scope, user.organisationId, { em }) : null;
        const isProvider = roles.includes(Role.PROVIDER);
        if (isProvider && org?.kind !== OrganisationKind.PROVIDER) {
          throw userRolesInvalid('Die Rolle PROVIDER (Träger) setzt ein Konto voraus, das einem Träger zugeordnet ist. Bitte dafür ein neues Konto anlegen.');
        }
        if (!isProvider && org?.kind === OrganisationKind.PROVIDER) {
          throw userRolesInvalid('Ein Träger-Konto kann keine Rollen des Landratsamts oder der Prüfung erhalten. Bitte dafür ein neues Konto anlegen.');
        }
      });
    });
  }
}

/** Distinct roles, at least one; PROVIDER and AUDITOR each only alone. */
function checkedRoles(input: readonly Role[]): Role[] {
  const roles = [...new Set(input)];
  if (roles.length === 0) throw userRolesInvalid('Bitte mindestens eine Rolle angeben.');
  if (roles.includes(Role.PROVIDER) && roles.length > 1) {
    throw userRolesInvalid('Die Rolle PROVIDER (Träger) kann nicht mit anderen Rollen kombiniert werden.');
  }
  if (roles.includes(Role.AUDITOR) && roles.some((r) => r !== Role.AUDITOR)) {
    throw userRolesInvalid('Die Rolle AUDITOR (Prüfung, nur lesend) kann nicht mit anderen Rollen kombiniert werden.');
  }
  return roles;
}
