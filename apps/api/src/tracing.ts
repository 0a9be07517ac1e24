// Loaded by main.ts before anything else; a no-op without OTEL_EXPORTER_OTLP_ENDPOINT (libs/core tracing.ts).
import { startTracing } from '@foerderfluss/core';

startTracing('foerderfluss-api');
