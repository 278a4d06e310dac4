import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, inlineScript, scriptJson } from '../../src/report/escape.js';

const HOSTILE = '<script>alert("x")</script> a|b *c* _d_ `e` [f](g) ~~h~~ $i$ &amp; # j\nk\\';

describe('report escaping', () => {
  it('HTML: markup characters become entities, so a <script> name is text', () => {
    const html = escapeHtml(HOSTILE);
    expect(html).not.toMatch(/[<>"']/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp;amp;');
  });

  it('Markdown: the escaped text renders as exactly itself (one line), with no markup', () => {
    const md = new MarkdownIt({ html: true });
    const text = escapeMarkdown(HOSTILE);
    expect(text).not.toContain('\n');
    const tokens = md.parseInline(text, {})[0]!.children!;
    expect(tokens.map((t) => t.type)).toEqual(['text']);
    expect(tokens[0]!.content).toBe(HOSTILE.replace('\n', ' '));
  });

  it('Markdown: a table cell with | and newlines stays one cell', () => {
    const md = new MarkdownIt({ html: true });
    const cell = escapeMarkdown('x|y\n|z');
    const tokens = md.parse(`| a | b |\n| --- | --- |\n| ${cell} | 2 |\n`, {});
    expect(tokens.filter((t) => t.type === 'td_open').length).toBe(2);
    expect(tokens.find((t) => t.type === 'inline' && t.content.includes('x'))!.children!.map((c) => c.content).join('')).toBe('x|y |z');
  });

  it('JSON in a script element cannot close it, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script>', ls: '\u2028\u2029', amp: '&' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('inlined library code cannot close its script element, whatever the case', () => {
    const code = 'var a = "</script>"; var b = "</SCRIPT >";';
    const out = inlineScript(code);
    expect(out).not.toMatch(/<\/script/i);
    expect(new Function(`${out}; return [a, b];`)()).toEqual(['</script>', '</SCRIPT >']);
  });
});
