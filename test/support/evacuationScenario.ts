/**
 * A small autoscaling scenario for tests that need a Result with `autoscaling`: east is lost, the
 * global router sends everything to west (560/s × 50 ms = 28 busy slots, more than west's 6
 * instances × 4 slots), and west's autoscaler (when given) adds instances. `autoscaling` is the
 * service's autoscaling line (indented under `api`, or '' for none), `designs` the designs block.
 */
export function evacuationScenario(autoscaling: string, designs: string): string {
  return `
name: autoscaling-evacuation
seed: 5
replications: 2
horizon: 6m
timeline_bucket: 10s
slo: { success_ratio: 0.99, latency: 1s, window: 30s, sustained: 30s }
system:
  regions: { east: { zones: 2 }, west: { zones: 2 } }
  global_router: { mode: active_active, regions: [east, west] }
  services:
    api:
      instances: { east: 6, west: 6 }
      concurrency: 4
      queue: 20
      service_time: { exponential: { mean: 50ms } }
${autoscaling}
  clients:
    web: { rate: 560/s, timeout: 2s, retries: 0 }
fault: { kind: region_outage, region: east, at: 1m }
${designs}
`;
}

/** The autoscaling line both report and CLI tests use: a 68% utilisation target, 30 s lag. */
export const AUTOSCALING_LINE = '      autoscaling: { target: 0.68, max: 20, evaluation_period: 30s, provisioning: 30s, cooldown: 1m }';
