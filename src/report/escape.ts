/**
 * Escaping for every string that reaches a report from a Result (scenario, design and event names,
 * verdicts, file paths): in HTML, in Markdown, in JSON embedded in a <script> element, and for
 * library code inlined into the page. A design called `<script>` or `a|b*c` renders as that text.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * Text for one line of Markdown (a paragraph, a heading, a list item or a table cell): line breaks
 * become spaces, and every character that CommonMark or GitHub gives a meaning inline (emphasis,
 * code, links, HTML, table cells, strike-through, math, entities, a heading's closing #s) is
 * backslash-escaped. Characters that mean something only at the start of a line (`-`, `+`, `1.`)
 * are left alone: the report never starts a line with an escaped string.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_[\]<>#|~&$]/g, (c) => `\\${c}`);
}

/**
 * JSON for a `<script type="application/json">` element or an inline script: `<`, `>`, `&` and the
 * JavaScript line separators are written as \u escapes, so no string in it can end the element.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Library JavaScript for an inline <script> element: `</script` cannot close the element early. */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}
