/**
 * `node --trace-migration --import tsx test/support/migrations.ts <scenario> <design>` runs one
 * replication of one design of a scenario and prints its client attempts as `attempts <n>` on stderr;
 * V8 prints a `[migrating]` line for every object it moves off a deprecated map (see
 * test/models/types.test.ts).
 */
import { loadScenario } from '../../src/scenario/load.js';
import { runReplication } from '../../src/runner/replication.js';

const [file, design] = process.argv.slice(2);
const loaded = await loadScenario(file!);
const d = loaded.designs.find((x) => x.name === design);
if (!d) throw new Error(`no design ${design} in ${file}`);
let attempts = 0;
for (const c of runReplication(d.scenario, 0).classes) attempts += c.attempts;
console.error(`attempts ${attempts}`);
