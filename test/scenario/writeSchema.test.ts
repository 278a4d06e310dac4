import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/writeSchema.js';

describe('the published JSON Schema', () => {
  it('is exactly what the zod schema generates (run `npm run schema` after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  const schema = scenarioJsonSchema() as {
    $schema: string; $id: string; title: string;
    properties: Record<string, { type?: string; items?: unknown; additionalProperties?: { additionalProperties?: unknown } }>;
    required: string[]; definitions: Record<string, unknown>;
  };

  it('is a draft-07 schema with an id and a title, which every editor plugin reads', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe('urn:outagesim:scenario');
    expect(schema.title).toBe('outagesim scenario');
  });

  it('allows $schema, include and free-form design overrides at the top level', () => {
    expect(schema.properties.$schema).toEqual({ type: 'string' });
    expect(schema.properties.include).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(schema.properties.designs!.additionalProperties!.additionalProperties).toEqual({});
    expect(schema.required).toEqual(['name', 'horizon', 'slo', 'system', 'fault']);
  });

  it('names its shared definitions and never puts keywords beside a $ref', () => {
    expect(Object.keys(schema.definitions).sort()).toEqual(['check_amount', 'count', 'design_name', 'distribution', 'duration', 'duration_or_none', 'name', 'positive_count', 'price', 'rate', 'share', 'size']);
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/"\$ref":"[^"]*","/);
    expect(text).not.toMatch(/,"\$ref":/);
  });
});
