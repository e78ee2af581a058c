import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layout's rules, checked over the real import graph of apps/server/src:
 * - platform/ imports no module;
 * - a module uses another only through its index.ts (its use cases), never its files or tables;
 *   the one exception is tables.ts → tables.ts, for foreign keys;
 * - an index.ts does not hand out its tables;
 * - code outside modules/ (app, CLI, seed) also goes through index.ts; src/schema.ts lists tables;
 * - the graph has no cycles, between modules or between files.
 */

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** File → the local files it imports (relative to src, .ts). */
export function importGraph(files: Record<string, string>): Graph {
  const graph: Graph = new Map();
  for (const [file, text] of Object.entries(files)) {
    const targets: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (!spec?.startsWith('.')) continue;
      targets.push(join(dirname(file), spec).replace(/\.js$/, '.ts'));
    }
    graph.set(file, targets);
  }
  return graph;
}

const moduleOf = (file: string) => /^modules\/([^/]+)\//.exec(file)?.[1];

export function boundaryViolations(graph: Graph, files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    const from = moduleOf(file);
    for (const target of targets) {
      const to = moduleOf(target);
      if (!to || to === from) continue;
      if (file.startsWith('platform/')) problems.push(`${file} → ${target}: platform imports no module`);
      else if (file === 'schema.ts') continue;
      else if (from && file.endsWith('/tables.ts') && target.endsWith('/tables.ts')) continue;
      else if (target !== `modules/${to}/index.ts`)
        problems.push(`${file} → ${target}: use modules/${to}/index.ts (its use cases)`);
    }
    if (file.endsWith('/index.ts') && moduleOf(file)) {
      // a row's type may be shared; the table itself may not
      for (const match of (files[file] ?? '').matchAll(/export\s+(?!type\b)[^;]*?from\s+'\.\/tables\.js'/g))
        problems.push(`${file}: an index hands out use cases, not its tables (${match[0]})`);
    }
  }
  return problems;
}

/** Every cycle found by a depth-first walk, as a path that returns to its start. */
export function cycles(graph: Graph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

function moduleGraph(graph: Graph): Graph {
  const modules: Graph = new Map();
  for (const [file, targets] of graph) {
    const from = moduleOf(file);
    if (!from || file.endsWith('/tables.ts')) continue;
    const edges = modules.get(from) ?? [];
    for (const target of targets) {
      const to = moduleOf(target);
      if (to && to !== from && !edges.includes(to)) edges.push(to);
    }
    modules.set(from, edges);
  }
  return modules;
}

const files = Object.fromEntries(
  sourceFiles(src).map((path) => [relative(src, path), readFileSync(path, 'utf8')]),
);
const graph = importGraph(files);

describe('the server layout', () => {
  it('finds the project’s modules and their imports (the check reads the real tree)', () => {
    const modules = new Set([...graph.keys()].map(moduleOf).filter(Boolean));
    expect(modules).toEqual(new Set(readdirSync(join(src, 'modules'))));
    for (const name of ['alumni', 'alumni-import', 'membership', 'network', 'rehire-policy', 'segments'])
      expect(modules).toContain(name);
    expect(graph.get('app.ts')).toContain('modules/alumni/index.ts');
  });

  it('keeps platform free of modules, and modules talking through each other’s index.ts', () => {
    expect(boundaryViolations(graph, files)).toEqual([]);
  });

  it('has no import cycles, between modules or between files', () => {
    expect(cycles(moduleGraph(graph))).toEqual([]);
    expect(cycles(graph)).toEqual([]);
  });

  it('would catch each kind of breach (the checks are not vacuous)', () => {
    const breach = {
      'platform/auth.ts': "import { authUser } from '../modules/identity/tables.js';",
      'modules/alumni/records.ts': "import { auditLog } from '../audit/tables.js';",
      'modules/segments/segments.ts': "import { readAlumnus } from '../alumni/records.js';",
      'modules/alumni/index.ts':
        "export { alumni } from './tables.js';\nexport type { AlumnusRow } from './tables.js';",
      'modules/membership/tables.ts': "import { alumni } from '../alumni/tables.js';",
      'modules/membership/profile.ts': "import { a } from './membership.js';",
      'modules/membership/membership.ts': "import { b } from './profile.js';",
    };
    const g = importGraph(breach);
    expect(boundaryViolations(g, breach)).toEqual([
      'platform/auth.ts → modules/identity/tables.ts: platform imports no module',
      'modules/alumni/records.ts → modules/audit/tables.ts: use modules/audit/index.ts (its use cases)',
      'modules/segments/segments.ts → modules/alumni/records.ts: use modules/alumni/index.ts (its use cases)',
      "modules/alumni/index.ts: an index hands out use cases, not its tables (export { alumni } from './tables.js')",
    ]);
    expect(cycles(g)).toEqual([
      ['modules/membership/profile.ts', 'modules/membership/membership.ts', 'modules/membership/profile.ts'],
    ]);
  });
});
