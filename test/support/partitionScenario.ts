/**
 * A network partition scenario for tests that need a split brain: the API in both regions, the
 * database's primary in us-east with an async replica in eu-west, a 10-minute partition cutting
 * the regions apart. Designs: `automated` promotion (a split brain from the promotion to the heal,
 * PARTITION_S − DETECTION_S − PROMOTION_S seconds), `fencing` and `manual` (none).
 */
/** Seconds the partition lasts. */
export const PARTITION_S = 600;
/** Seconds the failover manager takes to detect the lost primary. */
export const DETECTION_S = 20;
/** Seconds the promotion takes once detected. */
export const PROMOTION_S = 10;

/** The scenario text (2 replications, 25-minute horizon). */
export const partitionScenario = `
name: partition
seed: 3
replications: 2
horizon: 25m
slo: { success_ratio: 0.99, latency: 1s, window: 1m, sustained: 2m }
system:
  regions: { us-east: {}, eu-west: {} }
  network: { rtt: { us-east~eu-west: 80ms } }
  services:
    api:
      instances: { us-east: 3, eu-west: 3 }
      concurrency: 8
      service_time: { exponential: { mean: 10ms } }
      database: orders
      write_ratio: 0.5
      pools: { orders: { max: 10, connect_timeout: 2s } }
  databases:
    orders:
      primary: us-east
      replicas: [{ region: eu-west, mode: async, lag: 100ms }]
      promotion: { mode: automated, detection: ${DETECTION_S}s, promotion: ${PROMOTION_S}s }
  clients:
    web: { rate: 20/s, timeout: 2s, retries: 0 }
fault: { kind: network_partition, regions: [us-east], at: 5m, duration: ${PARTITION_S / 60}m }
designs:
  automated: {}
  fencing:
    system.databases.orders.promotion: { mode: automated, detection: ${DETECTION_S}s, promotion: ${PROMOTION_S}s, fencing: true }
  manual:
    system.databases.orders.promotion: { mode: manual }
`;
