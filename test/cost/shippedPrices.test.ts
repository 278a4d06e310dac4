/**
 * Every shipped scenario is priced: each of its designs has an inventory the scenario's table can
 * price line by line (so `run` prints a cost section), and a business block to weigh outages with.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monthlyLines } from '../../src/cost/monthly.js';
import { designPricing } from '../../src/runner/inventory.js';
import { loadScenario } from '../../src/scenario/load.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('shipped scenarios have prices', () => {
  it('there are shipped scenarios', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s: every design is priced by the scenario\'s table', async (file) => {
    const loaded = await loadScenario(`scenarios/${file}`);
    const table = loaded.scenario.prices;
    expect(table).toBeDefined();
    expect(loaded.designs.length).toBeGreaterThan(0);
    for (const d of loaded.designs) {
      const p = designPricing(loaded.scenario, d.scenario);
      expect(p).not.toBeNull();
      const lines = monthlyLines(p!.inventory, table!, p!.price_overrides);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => l.monthly_usd >= 0 && l.unit_price_usd > 0)).toBe(true);
      expect(p!.business.incidents_per_year).toBeGreaterThan(0);
    }
  });
});
