/**
 * The README's benchmark table from one run's JSON line: `npm run bench -- --markdown` prints it
 * after the goals (bench/index.ts), so the table pasted between the README's `bench:start` and
 * `bench:end` markers is generated from a run, never typed. One row per figure a reader compares:
 * per shipped scenario its attempts/s beside the kernel's, the ratio and its events per attempt;
 * per fleet point its marginal and whole attempts/s and build time; the CLI's wall times; the
 * capacity commands; memory; and each goal on the row of its figure with its verdict.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { QUESTIONS } from './capacity.js';
import { FLEET_ROUNDS } from './fleet.js';

type Sections = Record<string, Record<string, number>>;
interface GoalRow {
  section: string;
  figure: string;
  value: number;
  goal: string;
  verdict: string;
}

/** A figure as the table shows it: grouped integers, three significant digits otherwise. */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(3)));
}

/** The names after `prefix:` among the figure keys, in the order the section recorded them. */
function names(figures: Record<string, number>, prefix: string): string[] {
  return Object.keys(figures).filter((k) => k.startsWith(`${prefix}:`)).map((k) => k.slice(prefix.length + 1));
}

function wallRow(section: string, f: Record<string, number>): string[] {
  return [section, 'section wall time, load average before → after', `${fmt(f['wall_s']!)} s, ${fmt(f['load_average_before']!)} → ${fmt(f['load_average_after']!)}`, '', ''];
}

/** The Markdown table (header included) of a bench run: `sections` and `goals` as its JSON line holds them. */
export function readmeTable(sections: Sections, goals: GoalRow[]): string {
  const rows: string[][] = [];
  const goalOf = (section: string, start: string): GoalRow | undefined => goals.find((g) => g.section === section && g.figure.startsWith(start));
  const judged = (g: GoalRow | undefined): string[] => (g ? [g.goal, g.verdict] : ['', '']);

  const e = sections['engine'];
  if (e) rows.push(['engine', `bare M/M/8 kernel, customers/s (load ${fmt(e['load_average_before']!)})`, fmt(e['customers_per_s']!), '', '']);

  const a = sections['attempts'];
  if (a) {
    const scenarios = names(a, 'ratio_to_kernel');
    for (const s of scenarios) {
      rows.push(['attempts', `${s}: attempts/s, one thread (kernel beside it: customers/s)`, `${fmt(a[`attempts_per_s:${s}`]!)} (${fmt(a[`kernel_customers_per_s:${s}`]!)})`, '', '']);
      rows.push(['attempts', `${s}: ratio to the kernel`, fmt(a[`ratio_to_kernel:${s}`]!), '', '']);
      rows.push(['attempts', `${s}: kernel events per attempt; events/s over the kernel's`, `${fmt(a[`events_per_attempt:${s}`]!)}; ${fmt(a[`event_ratio_to_kernel:${s}`]!)}`, '', '']);
    }
    const g = goalOf('attempts', "heaviest scenario's");
    if (g) {
      const heaviest = /\(([^)]+)\)$/.exec(g.figure)?.[1] ?? '?';
      rows.push(['attempts', `heaviest scenario (${heaviest}): ratio to the kernel`, fmt(g.value), ...judged(g)]);
    }
    rows.push(wallRow('attempts', a));
  }

  const fl = sections['fleet'];
  if (fl) {
    for (const p of names(fl, 'ratio_to_kernel')) {
      rows.push(['fleet', `${p}: marginal attempts/s, best of ${FLEET_ROUNDS} (median ratio to kernel); whole replication attempts/s, best; build, quickest`,
        `${fmt(fl[`marginal_attempts_per_s:${p}`]!)} (${fmt(fl[`ratio_to_kernel:${p}`]!)}); ${fmt(fl[`attempts_per_s:${p}`]!)}; ${fmt(fl[`build_s:${p}`]!)} s`, '', '']);
    }
    rows.push(['fleet', "spread: fastest point's median ratio over slowest's", fmt(fl['spread']!), ...judged(goalOf('fleet', 'fleet sweep'))]);
    rows.push(wallRow('fleet', fl));
  }

  const c = sections['cli'];
  if (c) {
    const runs = names(c, 'run_wall_s');
    rows.push(['cli', `\`run --json\` wall seconds, all cores: ${runs.join(' · ')}`, runs.map((s) => fmt(c[`run_wall_s:${s}`]!)).join(' · '), '', '']);
    rows.push(['cli', `\`check\` of all shipped scenarios, wall seconds (exit ${c['check_exit_code']}); load average ${fmt(c['load_average_before']!)} → ${fmt(c['load_average_after']!)}`,
      fmt(c['check_wall_s']!), ...judged(goalOf('cli', 'check of every'))]);
  }

  const cap = sections['capacity'];
  if (cap) {
    const qs = QUESTIONS.map((q) => ({ ...q, name: q.scenario.replace(/^.*\//, '').replace(/\.yaml$/, '') })).filter((q) => `size_wall_s:${q.name}` in cap);
    rows.push(['capacity', `\`headroom\` static, wall seconds: ${qs.map((q) => q.name).join(' · ')}`, qs.map((q) => fmt(cap[`headroom_static_wall_s:${q.name}`]!)).join(' · '), '', '']);
    rows.push(['capacity', `\`headroom --simulate\`, wall seconds: ${qs.map((q) => q.name).join(' · ')}`, qs.map((q) => fmt(cap[`headroom_simulate_wall_s:${q.name}`]!)).join(' · '), '', '']);
    rows.push(['capacity', `\`size\`, wall seconds (points simulated, answer): ${qs.map((q) => `${q.name} ${q.question}`).join(' · ')}`,
      qs.map((q) => `${fmt(cap[`size_wall_s:${q.name}`]!)} (${fmt(cap[`size_points:${q.name}`]!)}, ${fmt(cap[`size_answer:${q.name}`]!)})`).join(' · '), '', '']);
  }

  const m = sections['memory'];
  if (m) {
    const small = m['peak_rss_mb_10k_replications']!, busy = m['peak_rss_mb_10k_replications_10x_events']!, many = m['peak_rss_mb_100k_replications']!;
    rows.push(['memory', `peak RSS of 10,000 replications, 10× the events over 1× (${Math.round(busy)} / ${Math.round(small)} MB)`, fmt(busy / small), ...judged(goalOf('memory', 'peak RSS of 10,000'))]);
    rows.push(['memory', `peak RSS at 100,000 replications over 10,000 (${Math.round(many)} / ${Math.round(small)} MB; bounded by replications, for information)`, fmt(many / small), '', '']);
  }

  const lines = ['| section | figure | value | goal | verdict |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`.replace(/ {2,}\|/g, ' |'));
  return lines.join('\n');
}

/** `node bench/.build/readmeTable.js <bench log>`: the table of a finished run (its log's last line, the JSON). */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: node bench/.build/readmeTable.js <log of npm run bench>');
  const last = readFileSync(file, 'utf8').trimEnd().split('\n').at(-1) ?? '';
  const run = JSON.parse(last) as { sections: Sections; goals: GoalRow[] };
  console.log(readmeTable(run.sections, run.goals));
}
