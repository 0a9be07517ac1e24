import { readFileSync } from 'node:fs';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, systemScope } from '@foerderfluss/core';
import { AppConfigModule, DatabaseModule } from '@foerderfluss/database';
import { AuditModule } from '@foerderfluss/audit';
import { IdentityModule } from '@foerderfluss/identity';
import { DistrictOnboardingModule, type DistrictOnboardingResult, DistrictOnboardingService } from '@foerderfluss/programmes';

@Module({})
class DistrictCreateModule {
  static register(config: AppConfig): DynamicModule {
    return { module: DistrictCreateModule, imports: [AppConfigModule.forRoot(config), DatabaseModule.forRoot(), AuditModule, IdentityModule, DistrictOnboardingModule] };
  }
}

export interface DistrictCreateArgs {
  name: string;
  code: string;
  prefix?: string;
  socialAreasFile?: string;
  adminEmail?: string;
  adminName?: string;
  street?: string;
  postalCode?: string;
  city?: string;
}

/**
 * `npm run district:create -- --name … --code … [--prefix GRZ] [--social-areas file.csv]
 * [--admin-email … --admin-name …]`: onboards a Kreis as the system (DistrictOnboardingService) and
 * reports what it did; the first ADMIN's one-time password is printed once. A second run with the
 * same code says the Kreis exists and changes nothing.
 */
export async function runDistrictCreate(config: AppConfig, args: DistrictCreateArgs, log: (line: string) => void): Promise<DistrictOnboardingResult> {
  const csv = args.socialAreasFile ? readFileSync(args.socialAreasFile, 'utf8') : null;
  const app = await NestFactory.createApplicationContext(DistrictCreateModule.register(config), { logger: false });
  try {
    const result = await app.get(DistrictOnboardingService).onboard(systemScope('cli:district:create'), {
      code: args.code,
      name: args.name,
      street: args.street ?? null,
      postalCode: args.postalCode ?? null,
      city: args.city ?? null,
      referencePrefix: args.prefix ?? null,
      socialAreasCsv: csv,
      admin: args.adminEmail ? { email: args.adminEmail, displayName: args.adminName ?? args.adminEmail } : null,
    });
    if (!result.created) {
      log(`Landkreis ${result.district.code} („${result.district.name}“) besteht bereits (${result.district.id}); nichts geändert.`);
      return result;
    }
    log(`Landkreis angelegt: ${result.district.name} (${result.district.code}, ${result.district.id}).`);
    log(`Sozialräume: ${result.socialAreas.length ? result.socialAreas.map((a) => a.code).join(', ') : 'keine'}.`);
    if (result.admin) {
      log(`Administration: ${result.admin.displayName} <${result.admin.email}>`);
      log(`Einmalpasswort (wird nur jetzt angezeigt, bitte sicher übergeben und nach der ersten Anmeldung ändern): ${result.admin.initialPassword}`);
    }
    return result;
  } finally {
    await app.close();
  }
}
