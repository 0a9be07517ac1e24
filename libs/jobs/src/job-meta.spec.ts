import { runInRequestContext } from '@foerderfluss/core';
import { currentJobMeta, isJobMeta, splitJobData, withJobMeta } from './job-meta';
import { isIdsOnlyPayload, payloadViolations } from './payload-guard';

const id = '3f2b8c1e-9a4d-4e21-8f0a-2c6b9d1e7a55';

describe('job meta (request id and trace context beside the payload)', () => {
  it('carries the request id of the api request it is enqueued in, and nothing outside one', () => {
    expect(currentJobMeta()).toEqual({});
    expect(runInRequestContext({ requestId: 'req-0123456789' }, () => currentJobMeta())).toEqual({ requestId: 'req-0123456789' });
  });

  it('stores the meta beside the payload only when there is one, and splits it off again for the handler', () => {
    expect(withJobMeta({ exportId: id }, {})).toEqual({ exportId: id });
    const stored = withJobMeta({ exportId: id }, { requestId: 'req-0123456789', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(splitJobData(stored)).toEqual({ payload: { exportId: id }, meta: { requestId: 'req-0123456789', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    expect(splitJobData(undefined)).toEqual({ payload: {}, meta: {} });
  });

  it('the ids-only rule accepts the meta, but nothing else under its key', () => {
    expect(isIdsOnlyPayload(withJobMeta({ exportId: id }, { requestId: 'req-0123456789' }))).toBe(true);
    expect(payloadViolations({ exportId: id, _meta: { requestId: 'req-0123456789', iban: 'DE02120300000000202051' } })).toEqual(['_meta']);
    expect(payloadViolations({ _meta: { requestId: 'Herr Müller' } })).toEqual(['_meta']);
    expect(isJobMeta({ requestId: 42 })).toBe(false);
    // Meta that is not meta is left with the payload, so the guard and the admin view see it.
    expect(splitJobData({ _meta: 'x', outboxId: id })).toEqual({ payload: { _meta: 'x', outboxId: id }, meta: {} });
  });
});
