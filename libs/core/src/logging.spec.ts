import { Writable } from 'node:stream';
import { loadConfig } from './config';
import { createPinoLogger } from './logging';
import { runInRequestContext } from './request-context';

describe('createPinoLogger', () => {
  function capture(env: Record<string, string> = {}) {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    return { lines, logger: createPinoLogger(loadConfig({ NODE_ENV: 'test', ...env }), sink) };
  }

  it('a line written for a request names it; one outside a request does not', () => {
    const { lines, logger } = capture();
    runInRequestContext({ requestId: 'req-0123456789' }, () => logger.info('inside'));
    logger.info('outside');
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'inside', requestId: 'req-0123456789' });
    expect(JSON.parse(lines[1]).requestId).toBeUndefined();
  });

  it('redacts tokens, passwords and IBANs that a Logger call passes by hand', () => {
    const { lines, logger } = capture();
    logger.info(
      { password: 'Geheim-1', accessToken: 'eyJ.tok.en', req: { headers: { authorization: 'Bearer eyJ.a.b', cookie: 'sid=1' } }, organisation: { iban: 'DE02120300000000202051', name: 'Sozialwerk' } },
      'bank change',
    );
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: 'bank change',
      password: '[redacted]',
      accessToken: '[redacted]',
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      organisation: { iban: '[redacted]', name: 'Sozialwerk' },
    });
    expect(lines.join('')).not.toMatch(/Geheim-1|eyJ|DE0212|sid=1/);
  });

  it('maps LOG_LEVEL onto pino levels and is silent when asked', () => {
    const warnOnly = capture({ LOG_LEVEL: 'warn' });
    warnOnly.logger.info('not shown');
    warnOnly.logger.warn('shown');
    expect(warnOnly.lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown']);
    expect(createPinoLogger(loadConfig({ NODE_ENV: 'test' }), 'silent').isLevelEnabled('fatal')).toBe(false);
  });

  it('is JSON by default outside development and pretty only in development', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });
});
