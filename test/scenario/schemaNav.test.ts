/**
 * What the scenario schema says a field is, by path: the field's own description, or for a
 * record's entry (instances per region) the record's, never the generic value type's.
 */
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { fieldDescription } from '../../src/scenario/schemaNav.js';

const describeAt = (path: string) => fieldDescription(scenarioSchema, path.split('.'), undefined);

describe('field descriptions from the scenario schema', () => {
  it('a field says what it is, through optional and default wrappers', () => {
    expect(describeAt('system.clients.web.retries')).toMatch(/^Extra attempts after a failed or timed-out attempt/);
    expect(describeAt('system.services.api.concurrency')).toBe('Requests one instance serves at once');
    expect(describeAt('system.services.api.pools.db.max')).toBe('Maximum connections per instance to this database');
  });

  it('an entry of a record is what the record is', () => {
    expect(describeAt('system.services.api.instances.us-east')).toMatch(/^Instances per region/);
  });

  it('a path the schema does not have has no description', () => {
    expect(describeAt('system.services.api.no_such_field')).toBeNull();
  });
});
