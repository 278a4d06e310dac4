/**
 * Queues, outboxes, queue fallbacks and idempotency keys that cannot work are refused with a
 * located message.
 */
import { describe, expect, it } from 'vitest';
import { briefly, problemsOfText, twoRegions } from './helpers.js';

const queues = (lines: string[]) => twoRegions(['  dependencies: { hook: { latency: 10ms } }', '  queues:', ...lines]);

describe('queue problems', () => {
  it('names an unknown region, dependency and a consumer rate of zero', () => {
    expect(briefly(problemsOfText(queues(['    q: { consumers: { us-wst: 2 }, rate: 0, calls: [{ dependency: hok, timeout: 1s }] }'])))).toEqual([
      '12:23 system.queues.q.consumers.us-wst: unknown region "us-wst" (defined: us-east, us-west; did you mean "us-west"?)',
      '12:42 system.queues.q.rate: a consumer rate of 0 would process nothing: give items per second per consumer, e.g. 10/s',
      '12:67 system.queues.q.calls[0].dependency: unknown dependency "hok" (defined: hook; did you mean "hook"?)',
    ]);
  });

  it('refuses a queue that no region it is consumed from has consumers for', () => {
    expect(briefly(problemsOfText(queues(['    q: { consumers: { us-east: 0, us-west: 2 }, regions: [us-east], rate: 5/s }'])))).toEqual([
      '12:21 system.queues.q.consumers: no region the queue is consumed from (us-east) has a consumer: its items would never be processed',
    ]);
  });

  it('refuses a consumer call without a timeout', () => {
    expect(briefly(problemsOfText(queues(['    q: { consumers: { us-east: 2 }, rate: 5/s, calls: [{ dependency: hook }] }'])))).toEqual([
      expect.stringMatching(/^12:\d+ system\.queues\.q\.calls\[0\]\.timeout: a queue consumer's call needs a timeout/),
    ]);
  });

  it('refuses an outbox or a queue fallback naming an unknown queue, and an outbox or keys without a database', () => {
    const text = twoRegions([
      '  dependencies: { hook: { latency: 10ms } }',
      '  queues: { q: { consumers: { us-east: 1 }, rate: 5/s } }',
      '  databases: { db: { primary: us-east } }',
    ]).replace(
      '    api: { instances: { us-east: 4 }, service_time: 40ms }',
      '    api: { instances: { us-east: 4 }, service_time: 40ms, outbox: [q], idempotency: { enabled: true }, calls: [{ dependency: hook, fallback: { kind: queue, queue: qq } }] }\n' +
      '    app: { instances: { us-east: 1 }, service_time: 40ms, database: db, outbox: [nope] }',
    ).replace('    web: { rate: 200/s }', '    web: { rate: 200/s, service: api }');
    const found = briefly(problemsOfText(text));
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/system\.services\.api\.outbox\[0\]: an outbox enqueues on each committed write, but service api has no database/),
      expect.stringMatching(/system\.services\.api\.idempotency\.enabled: idempotency keys guard writes, but service api has no database/),
      expect.stringMatching(/system\.services\.api\.calls\[0\]\.fallback\.queue: unknown queue "qq" \(defined: q; did you mean "q"\?\)/),
      expect.stringMatching(/system\.services\.app\.outbox\[0\]: unknown queue "nope" \(defined: q\)/),
    ]));
    expect(found).toHaveLength(4);
  });
});
