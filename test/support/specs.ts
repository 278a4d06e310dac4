/**
 * Model specs for unit tests, parsed by the scenario schema itself: a test writes the fields as a
 * scenario author would (`{ connect_timeout: '5s' }`) and gets the validated spec, in seconds and
 * with every default filled in, that `buildSystem` would hand the model.
 */
import { scenarioSchema } from '../../src/scenario/schema.js';
import type {
  ClientSpec, DatabaseSpec, DependencyCallSpec, DependencySpec, FaultSpec, GlobalRouterSpec, HealthCheckSpec, OperatorSpec, PoolSpec, ServiceSpec, SloSpec,
} from '../../src/scenario/schema.js';

const system = scenarioSchema.shape.system.shape;
const service = system.services.valueType;

export const poolSpec = (input: Record<string, unknown> = {}): PoolSpec => service.shape.pools.unwrap().valueType.parse(input);
export const serviceSpec = (input: Record<string, unknown>): ServiceSpec => service.parse(input);
export const healthCheckSpec = (input: Record<string, unknown>): HealthCheckSpec => service.shape.health_check.unwrap().parse(input);
export const databaseSpec = (input: Record<string, unknown>): DatabaseSpec => system.databases.unwrap().valueType.parse(input);
export const globalRouterSpec = (input: Record<string, unknown>): GlobalRouterSpec => system.global_router.unwrap().parse(input);
export const dependencySpec = (input: Record<string, unknown>): DependencySpec => system.dependencies.unwrap().valueType.parse(input);
export const dependencyCallSpec = (input: Record<string, unknown>): DependencyCallSpec => service.shape.calls.unwrap().element.parse(input);
export const clientSpec = (input: Record<string, unknown>): ClientSpec => system.clients.valueType.parse(input);
export const operatorSpec = (input: Record<string, unknown>): OperatorSpec => system.operators.unwrap().valueType.parse(input);
export const faultSpec = (input: Record<string, unknown>): FaultSpec => scenarioSchema.shape.fault.parse(input) as FaultSpec;
export const sloSpec = (input: Record<string, unknown>): SloSpec => scenarioSchema.shape.slo.parse(input);
