import { practicalSchema } from '../../src/scenario/compareSchema.js';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { mergeShards, parseShard, parseShardSpec, runShard, shardIndices, shardJson, shardSize, type ShardFile } from '../../src/runner/shard.js';
import { MergeError } from '../../src/runner/errors.js';
import { resultJson } from '../../src/cli/io.js';

const TINY = 'test/fixtures/runner/tiny.yaml';

describe('shard and merge', () => {
  it('splits replications round-robin, every replication in exactly one shard', () => {
    expect([...shardIndices(7, { index: 1, count: 3 })]).toEqual([0, 3, 6]);
    expect([...shardIndices(7, { index: 3, count: 3 })]).toEqual([2, 5]);
    expect([...shardIndices(2, { index: 3, count: 3 })]).toEqual([]);
    for (const [n, index, count] of [[7, 1, 3], [7, 3, 3], [2, 3, 3], [9, 3, 3], [1, 1, 1]] as const) {
      expect(shardSize(n, { index, count }), `${index}/${count} of ${n}`).toBe([...shardIndices(n, { index, count })].length);
    }
    expect(parseShardSpec('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShardSpec('0/4')).toBeNull();
    expect(parseShardSpec('5/4')).toBeNull();
    expect(parseShardSpec('x')).toBeNull();
  });

  it('merges shards (any order, through their file text) into the exact single-machine JSON', async () => {
    const loaded = await loadScenario(TINY, { replications: 5 });
    const single = resultJson(simulateSequential(loaded));
    const shards: ShardFile[] = [];
    for (const index of [1, 2, 3]) shards.push(await runShard(loaded, { workers: 2 }, { index, count: 3 }));
    const reread = [2, 0, 1].map((i) => ({ source: `s${i}.json`, shard: parseShard(shardJson(shards[i]!), `s${i}.json`) }));
    expect(resultJson(mergeShards(reread))).toBe(single);
  });

  it('keeps NaN, Infinity and -0 through the shard file', () => {
    const s = { format: 'outagesim-shard', format_version: 1, x: [NaN, Infinity, -Infinity, -0, 1.5] } as unknown as ShardFile;
    const back = parseShard(shardJson(s), 'f') as unknown as { x: number[] };
    expect(back.x[0]).toBeNaN();
    expect(back.x.slice(1, 3)).toEqual([Infinity, -Infinity]);
    expect(Object.is(back.x[3], -0)).toBe(true);
  });

  describe('refuses shards that do not belong together', () => {
    const base = (): ShardFile => ({
      format: 'outagesim-shard', format_version: 1,
      tool: { name: 'outagesim', version: '0.1.0' },
      scenario: { name: 'tiny', file: 't.yaml', seed: 1, replications: 2, horizon_s: 60, practical: practicalSchema.parse({}) },
      grid: { bucketS: 30, startS: 0, buckets: 2 },
      fingerprint: 'abc', shard: { index: 1, count: 2 }, designs: [{ name: 'd', outcomes: [] }],
    });
    const other = (patch: (s: ShardFile) => void): ShardFile => {
      const s = base();
      s.shard = { index: 2, count: 2 };
      patch(s);
      return s;
    };
    const merge = (b: ShardFile) => () => mergeShards([{ source: 'a.json', shard: base() }, { source: 'b.json', shard: b }]);
    it.each([
      ['scenario', (s: ShardFile) => { s.scenario.name = 'other'; }, /b\.json has scenario "other" but a\.json has "tiny"/],
      ['seed', (s: ShardFile) => { s.scenario.seed = 2; }, /seed 2 but a\.json has 1/],
      ['replications', (s: ShardFile) => { s.scenario.replications = 4; }, /replications 4/],
      ['version', (s: ShardFile) => { s.tool.version = '0.2.0'; }, /tool version "outagesim 0\.2\.0"/],
      ['content', (s: ShardFile) => { s.fingerprint = 'def'; }, /scenario content/],
      ['duplicate shard', (s: ShardFile) => { s.shard.index = 1; }, /both shard 1\/2/],
    ])('different %s', (_what, patch, message) => {
      expect(merge(other(patch))).toThrow(MergeError);
      expect(merge(other(patch))).toThrow(message);
    });
    it('a missing shard', () => {
      expect(() => mergeShards([{ source: 'a.json', shard: base() }])).toThrow(/missing shard 2\/2/);
    });
    it('a file that is not a shard', () => {
      expect(() => parseShard('{"tool":{}}', 'result.json')).toThrow(/result\.json: not a shard file/);
    });
  });
});
