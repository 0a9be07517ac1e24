import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, FixedClock, shutdownTracing, SystemClock } from '@foerderfluss/core';

/** On SIGTERM, after the app's own hooks: the spans still buffered go to the collector (no-op without tracing). */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await shutdownTracing();
  }
}

/** Makes the validated AppConfig (`@Inject(APP_CONFIG)`) and the Clock injectable everywhere. */
@Global()
@Module({})
export class AppConfigModule {
  /** `clock` replaces the system clock (demo seeds replay 2025; tests stand on a fixed day). */
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock ?? (config.testClockNow ? new FixedClock(config.timezone, new Date(config.testClockNow)) : new SystemClock(config.timezone)) },
        TracingShutdown,
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
