/**
 * The browser builds of vega, vega-lite and vega-embed, read from node_modules to be inlined into
 * the HTML report, so the report opens offline and makes no network request.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The three libraries' minified code, in the order a page must load them. */
export interface ChartLibraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

const require = createRequire(import.meta.url);

/** The file `file` next to package `pkg`'s main entry (its exports hide the browser build). */
function besideMain(pkg: string, file: string): string {
  return readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
}

/** Reads the minified browser builds (about 830 KB together). */
export function chartLibraries(): ChartLibraries {
  return {
    vega: besideMain('vega', 'vega.min.js'),
    vegaLite: besideMain('vega-lite', 'vega-lite.min.js'),
    vegaEmbed: besideMain('vega-embed', 'vega-embed.min.js'),
  };
}
