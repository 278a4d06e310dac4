/**
 * The published JSON Schema for scenario files (`schema/scenario.schema.json`), generated from
 * the zod schema so the two never disagree. Editors use it to complete and check scenarios:
 * start a scenario with `# yaml-language-server: $schema=../schema/scenario.schema.json`.
 *
 * Run `npm run schema` to rewrite the file after changing schema.ts or units.ts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** Where the generated schema is committed, relative to the repository root. */
export const SCHEMA_PATH = fileURLToPath(new URL('../../schema/scenario.schema.json', import.meta.url));

/**
 * The JSON Schema of a scenario file as users write it (durations as text, defaults omitted).
 * Draft-07, the version every YAML/JSON editor plugin understands. It describes one scenario
 * file; a model file meant for `include:` holds only part of one and will not satisfy `required`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const { $schema, ...rest } = refsAlone(generated) as Record<string, unknown>;
  return {
    $schema,
    $id: 'urn:outagesim:scenario',
    title: 'outagesim scenario',
    description:
      'A multi-region outage scenario: a base system, a fault, an SLO and named designs that override the base. ' +
      'Durations are written with units (250ms, 30s, 5m, 2h), rates as 200/s.',
    ...rest,
  };
}

/**
 * Draft-07 ignores every keyword beside a `$ref`, so a field's description written next to one
 * would be lost: move such a `$ref` into an `allOf` of its own.
 */
function refsAlone(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(refsAlone);
  if (typeof node !== 'object' || node === null) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, refsAlone(v)]));
  if (typeof out.$ref !== 'string' || Object.keys(out).length === 1) return out;
  const { $ref, ...siblings } = out;
  return { ...siblings, allOf: [{ $ref }, ...((siblings.allOf as unknown[] | undefined) ?? [])] };
}

/** The schema file's exact text: pretty JSON with a trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_PATH, scenarioJsonSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
