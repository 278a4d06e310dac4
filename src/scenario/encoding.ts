/**
 * Scenario and model files are UTF-8. A file in another encoding (Latin-1, Windows-1252, UTF-16)
 * would otherwise be read with its bad bytes silently replaced by U+FFFD, and a name such as
 * "dépôt" would quietly become another name; instead it is refused at the first bad byte.
 */
import type { Problem } from './errors.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** Scenario and model files larger than this are refused before they are parsed (the shipped ones are a few KB). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/**
 * The text of a UTF-8 scenario or model file (a leading byte-order mark dropped), or the problem
 * locating its first bad byte; a file over MAX_SCENARIO_BYTES is refused unread.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  if (bytes.length > MAX_SCENARIO_BYTES) {
    return { problem: { file, line: 0, column: 0, path: '', message: `the file is ${(bytes.length / 1024).toFixed(0)} KB, over the ${MAX_SCENARIO_BYTES / 1024} KB limit for a scenario or model file` } };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { problem: { file, line: 1, column: 1, path: '', message: 'the file is UTF-16 encoded; scenario files must be UTF-8 (save it as UTF-8)' } };
  }
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    // Columns count characters as the YAML positions do (UTF-16 code units of the decoded line).
    const column = strict.decode(bytes.subarray(lineStart, bad)).length + 1;
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      problem: { file, line, column, path: '', message: `not valid UTF-8 (byte 0x${hex}); scenario files must be UTF-8: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)` },
    };
  }
}

/** Offset of the lead byte of the first ill-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
