import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { parseDuration } from '../../src/engine/duration.js';
import { MAX_RANGE_STEPS, parseRange, sweepPointsOf } from '../../src/runner/sweep.js';

const TINY = 'test/fixtures/runner/tiny.yaml';
const PARAM = ['--param', 'fault.duration', '--values', '1m,2m,4m', '--replications', '3', '--workers', '1', '--quiet'];

describe('sweep', () => {
  it('parses ranges with units into seconds, inclusive of the end', () => {
    expect(parseRange('1m:5m:2m', parseDuration)).toEqual(['60s', '180s', '300s']);
    expect(parseRange('1:3:0.5', parseDuration)).toEqual(['1', '1.5', '2', '2.5', '3']);
    expect(parseRange('5:1:1', parseDuration)).toBeNull();
    expect(parseRange('1:5:0', parseDuration)).toBeNull();
    expect(parseRange('1:5', parseDuration)).toBeNull();
    // At most MAX_RANGE_STEPS steps: 10,001 values pass, one step more is refused.
    expect(parseRange(`0:${MAX_RANGE_STEPS}:1`, parseDuration)).toHaveLength(MAX_RANGE_STEPS + 1);
    expect(parseRange(`0:${MAX_RANGE_STEPS + 1}:1`, parseDuration)).toBeNull();
  });

  it('shards take points p with p mod n = i - 1', () => {
    expect(sweepPointsOf(5, { index: 2, count: 2 })).toEqual([1, 3]);
    expect(sweepPointsOf(2, { index: 3, count: 3 })).toEqual([]);
  });

  it('simulates every point with common random numbers: the fault starts at the same time at every point', async () => {
    const { code, stdout } = await cli(['sweep', TINY, ...PARAM, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.points.map((p: { value: string }) => p.value)).toEqual(['1m', '2m', '4m']);
    // What the parameter is, from the scenario schema, for the report's axis.
    expect(doc.sweep.description).toMatch(/^How long the fault lasts/);
    const starts = doc.points.map((p: { designs: Array<{ replications: Array<{ fault_start_s: number }> }> }) => p.designs[0]!.replications.map((r) => r.fault_start_s));
    expect(starts[0]).toHaveLength(3);
    expect(starts[1]).toEqual(starts[0]);
    expect(starts[2]).toEqual(starts[0]);
    // A longer outage keeps users down longer: RTO rises with the fault's duration in every replication.
    const rto = (i: number) => doc.points[i].designs[0].replications.map((r: { rto_s: number }) => r.rto_s);
    for (let k = 0; k < 3; k++) expect(rto(2)[k]).toBeGreaterThan(rto(0)[k] + 100);
  });

  it('sharded and merged is byte-identical to the unsharded sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-sweep-'));
    const whole = join(dir, 'whole.json');
    expect((await cli(['sweep', TINY, ...PARAM, '--out', whole])).code).toBe(0);
    for (const i of [1, 2]) expect((await cli(['sweep', TINY, ...PARAM, '--shard', `${i}/2`, '--out', join(dir, `s${i}.json`)])).code).toBe(0);
    const merged = await cli(['merge', join(dir, 's2.json'), join(dir, 's1.json')]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(readFileSync(whole, 'utf8'));
    const missing = await cli(['merge', join(dir, 's1.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing shard 2/2');
  });

  it('bad input exits 2 and writes nothing: an unknown path, a value the field refuses, both or neither of --values/--range', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-sweep-bad-'));
    const out = join(dir, 'x.json');
    const unknown = await cli(['sweep', TINY, '--param', 'system.services.apii.concurrency', '--values', '1,2', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no such service.*did you mean "api"/);
    const refused = await cli(['sweep', TINY, '--param', 'system.services.api.concurrency', '--values', '4,-1', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--param system.services.api.concurrency=-1');
    expect((await cli(['sweep', TINY, '--param', 'fault.duration', '--out', out])).code).toBe(2);
    expect((await cli(['sweep', TINY, '--param', 'fault.duration', '--values', '1m', '--range', '1m:2m:1m', '--out', out])).code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
