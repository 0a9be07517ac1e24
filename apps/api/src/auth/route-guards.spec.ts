import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { loadConfig, Role } from '@foerderfluss/core';
import { AppModule } from '../app.module';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';

/**
 * Every route states who may call it. The RolesGuard refuses routes without @Roles anyway
 * (fail closed); this test catches the omission before it reaches anyone as a 403.
 */
describe('route authorisation metadata', () => {
  const controllers = (AppModule.register(loadConfig({ NODE_ENV: 'test' })).controllers ?? []) as (new (...args: never[]) => object)[];
  const routes = controllers.flatMap((ctrl) =>
    Object.getOwnPropertyNames(ctrl.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => ({ ctrl, name, handler: (ctrl.prototype as Record<string, unknown>)[name] as object }))
      .filter((r) => Reflect.getMetadata(PATH_METADATA, r.handler) !== undefined && Reflect.getMetadata(METHOD_METADATA, r.handler) !== undefined),
  );

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it.each(routes.map((r) => [`${r.ctrl.name}.${r.name}`, r] as const))('%s declares @Public or @Roles', (_, r) => {
    const isPublic = Reflect.getMetadata(PUBLIC_KEY, r.handler) ?? Reflect.getMetadata(PUBLIC_KEY, r.ctrl);
    const roles = (Reflect.getMetadata(ROLES_KEY, r.handler) ?? Reflect.getMetadata(ROLES_KEY, r.ctrl)) as Role[] | undefined;
    expect(isPublic === true || (Array.isArray(roles) && roles.length > 0)).toBe(true);
  });

  it('only login (both steps), health, metrics (own token rule) and the 360Giving open data (404 until the Kreis switches it on) are public', () => {
    const publicRoutes = routes
      .filter((r) => (Reflect.getMetadata(PUBLIC_KEY, r.handler) ?? Reflect.getMetadata(PUBLIC_KEY, r.ctrl)) === true)
      .map((r) => `${r.ctrl.name}.${r.name}`)
      .sort();
    expect(publicRoutes).toEqual(['AuthController.login', 'AuthController.verifyMfa', 'HealthController.check', 'HealthController.live', 'HealthController.ready', 'MetricsController.scrape', 'OpenDataController.csv', 'OpenDataController.json']);
  });

  it('AUDITOR never reaches a state-changing route', () => {
    const writes = routes.filter((r) => Reflect.getMetadata(METHOD_METADATA, r.handler) !== 0 /* RequestMethod.GET */);
    for (const r of writes) {
      const roles = (Reflect.getMetadata(ROLES_KEY, r.handler) ?? Reflect.getMetadata(ROLES_KEY, r.ctrl)) as Role[] | undefined;
      const name = `${r.ctrl.name}.${r.name}`;
      // Own session (logout, password, second factor), read-only POSTs (calculators), asking for a chain
      // verification and requesting an export change no business record; an auditor may do them.
      const allowed = ['AuthController.logout', 'AuthController.changePassword', 'AuthController.verifyMfa', 'AuthController.startMfaEnrolment', 'AuthController.confirmMfaEnrolment', 'AuthController.disableMfa', 'AuthController.login', 'AuditController.requestVerification', 'PaymentRequestsController.preview', 'ExportsController.create', 'NotificationsController.markRead'];
      if (allowed.includes(name) || r.ctrl.name === 'CalculationsController') continue;
      expect({ name, auditor: roles?.includes(Role.AUDITOR) ?? false }).toEqual({ name, auditor: false });
    }
  });
});
