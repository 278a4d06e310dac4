/**
 * The piscina worker: simulates one replication of one design. `runReplication` is a pure
 * function of (scenario, replication), so any thread gives the same outcome.
 */
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { Scenario } from '../scenario/schema.js';
import { runReplication } from './replication.js';

/** One unit of work for a worker. */
export interface ReplicationTask {
  scenario: Scenario;
  replication: number;
}

export default function simulateTask(task: ReplicationTask): ReplicationOutcome {
  return runReplication(task.scenario, task.replication);
}
