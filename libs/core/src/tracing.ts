import { context, propagation, ROOT_CONTEXT, type Context, trace } from '@opentelemetry/api';
import { loadConfig } from './config';

/**
 * OpenTelemetry bootstrap (issue 17 item 5). `startTracing` must run before anything loads `http`,
 * `pg` or `ioredis` (the instrumentations patch them on load), so each app's main.ts
 * imports its `tracing.ts` first. Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is loaded: the
 * @opentelemetry/api calls below then hit its no-op implementation and cost nothing.
 */
interface StartedSdk {
  shutdown(): Promise<void>;
}

let sdk: StartedSdk | null = null;

/** Paths whose requests make no span: probes and scrapes would drown the traces. */
const UNTRACED_PATHS = /^\/(?:api\/v1\/health(?:\/|$|\?)|metrics(?:$|\?))/;

export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk) return true;
  let endpoint: string | null;
  try {
    endpoint = loadConfig(env).otelEndpoint;
  } catch {
    // main() loads the configuration again and reports what is wrong; tracing just stays off.
    return false;
  }
  if (!endpoint) return false;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on, so an
     api without a collector does not even parse the SDK */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } = require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const started = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME?.trim() || serviceName,
    // The exporter follows OTEL_EXPORTER_OTLP_ENDPOINT / _PROTOCOL / _HEADERS (SDK defaults).
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''),
        // Nest 12 loads Express as ESM, past the instrumentation-express hook; the matched route
        // pattern Express leaves on the request names the span instead (never the raw URL with ids).
        applyCustomAttributesOnSpan: (span, req) => {
          const route = (req as { route?: { path?: unknown } }).route?.path;
          if (typeof route === 'string' && !route.startsWith('*')) {
            span.setAttribute('http.route', route);
            span.updateName(`${(req as { method?: string }).method ?? 'HTTP'} ${route}`);
          }
        },
      }),
      // SQL text only (parameterised), never the bound values: they may carry IBANs or names.
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      // The command name only; arguments are job data and keys.
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
    ],
  });
  started.start();
  sdk = started;
  return true;
}

/** Flushes and stops the SDK (spans still buffered are sent); a no-op when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  await running?.shutdown().catch(() => undefined);
}

/** W3C trace context headers of the active span (`traceparent`, `tracestate`); empty when none or tracing is off. */
export function currentTraceCarrier(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The context a carrier written by `currentTraceCarrier` describes (root when it is empty). */
export function contextFromCarrier(carrier: Record<string, string> | undefined): Context {
  return carrier && Object.keys(carrier).length > 0 ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** trace_id/span_id of the active span for log lines, so a log line leads to its trace. */
export function activeTraceIds(): { trace_id: string; span_id: string } | Record<string, never> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
