import { ConnectionException, DriverException } from '@mikro-orm/core';
import { JenkinsError, JenkinsErrorCode } from '@hydrator/jenkins';
import { isRetryable } from './runner-errors';

describe('isRetryable', () => {
  it('retries a PostgreSQL connection cut under a query (as the fault suite drops every connection)', () => {
    const cut = new DriverException(new Error('update deployment set status = 1 - Client has encountered a connection error and is not queryable'));
    expect(isRetryable(cut)).toBe(true);
    expect(isRetryable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetryable(new ConnectionException(new Error('connect ECONNREFUSED 127.0.0.1:5432')))).toBe(true);
    expect(isRetryable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('fails at once on what a retry cannot fix', () => {
    expect(isRetryable(new DriverException(Object.assign(new Error('relation "deployment" does not exist'), { code: '42P01' })))).toBe(false);
    expect(isRetryable(new JenkinsError(JenkinsErrorCode.NOT_FOUND, 'job deploy/api does not exist', 404))).toBe(false);
    expect(isRetryable(new TypeError('x is undefined'))).toBe(false);
  });
});
