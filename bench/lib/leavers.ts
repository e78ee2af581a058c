/**
 * Realistic Japanese leaver records (退職者), as an HR system exports them: kanji names with their
 * furigana (family names weighted roughly by how common they are, including the variant kanji
 * 髙 and 﨑 that only CP932 carries), e-mails, employee numbers, departments, positions, dates
 * written 2019/04/01, leave types and reasons as Japanese labels. A fixed seed makes every run
 * generate the same people.
 */
import {
  type AlumniInterest,
  type AlumnusInput,
  interestLabels,
  type LeaveReasonCategory,
  type LeaveType,
  leaveReasonLabels,
  leaveTypeLabels,
} from '@kizuna/contract';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

/** mulberry32: a small deterministic generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rng = () => number;

/** A weighted choice: `[value, weight]` pairs, drawn in proportion to the weights. */
function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return (rng) => {
    let r = rng() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
}
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

type Name = readonly [kanji: string, kana: string, romaji: string];

/** Family names with weights per 10,000 people (approximate national shares). */
const FAMILY: readonly (readonly [Name, number])[] = [
  [['佐藤', 'サトウ', 'sato'], 150],
  [['鈴木', 'スズキ', 'suzuki'], 143],
  [['高橋', 'タカハシ', 'takahashi'], 104],
  [['髙橋', 'タカハシ', 'takahashi'], 8],
  [['田中', 'タナカ', 'tanaka'], 107],
  [['伊藤', 'イトウ', 'ito'], 86],
  [['渡辺', 'ワタナベ', 'watanabe'], 78],
  [['渡邉', 'ワタナベ', 'watanabe'], 6],
  [['山本', 'ヤマモト', 'yamamoto'], 82],
  [['中村', 'ナカムラ', 'nakamura'], 81],
  [['小林', 'コバヤシ', 'kobayashi'], 80],
  [['加藤', 'カトウ', 'kato'], 71],
  [['吉田', 'ヨシダ', 'yoshida'], 66],
  [['山田', 'ヤマダ', 'yamada'], 64],
  [['佐々木', 'ササキ', 'sasaki'], 53],
  [['山口', 'ヤマグチ', 'yamaguchi'], 50],
  [['松本', 'マツモト', 'matsumoto'], 47],
  [['井上', 'イノウエ', 'inoue'], 46],
  [['木村', 'キムラ', 'kimura'], 45],
  [['林', 'ハヤシ', 'hayashi'], 42],
  [['斎藤', 'サイトウ', 'saito'], 30],
  [['齋藤', 'サイトウ', 'saito'], 6],
  [['斉藤', 'サイトウ', 'saito'], 10],
  [['清水', 'シミズ', 'shimizu'], 40],
  [['山崎', 'ヤマザキ', 'yamazaki'], 30],
  [['山﨑', 'ヤマザキ', 'yamazaki'], 6],
  [['宮崎', 'ミヤザキ', 'miyazaki'], 12],
  [['宮﨑', 'ミヤザキ', 'miyazaki'], 4],
  [['森', 'モリ', 'mori'], 36],
  [['池田', 'イケダ', 'ikeda'], 33],
  [['橋本', 'ハシモト', 'hashimoto'], 33],
  [['阿部', 'アベ', 'abe'], 33],
  [['石川', 'イシカワ', 'ishikawa'], 31],
  [['山下', 'ヤマシタ', 'yamashita'], 30],
  [['中島', 'ナカジマ', 'nakajima'], 30],
  [['石井', 'イシイ', 'ishii'], 29],
  [['小川', 'オガワ', 'ogawa'], 29],
  [['前田', 'マエダ', 'maeda'], 29],
  [['岡田', 'オカダ', 'okada'], 28],
  [['長谷川', 'ハセガワ', 'hasegawa'], 28],
  [['藤田', 'フジタ', 'fujita'], 28],
  [['後藤', 'ゴトウ', 'goto'], 28],
  [['近藤', 'コンドウ', 'kondo'], 27],
  [['村上', 'ムラカミ', 'murakami'], 26],
  [['田村', 'タムラ', 'tamura'], 20],
  [['中田', 'ナカタ', 'nakata'], 10],
  [['髙木', 'タカギ', 'takagi'], 4],
  [['高木', 'タカギ', 'takagi'], 16],
  [['柴﨑', 'シバザキ', 'shibazaki'], 2],
  [['田口', 'タグチ', 'taguchi'], 10],
];

const GIVEN: readonly Name[] = [
  ['翔太', 'ショウタ', 'shota'],
  ['大輔', 'ダイスケ', 'daisuke'],
  ['健太', 'ケンタ', 'kenta'],
  ['拓也', 'タクヤ', 'takuya'],
  ['直樹', 'ナオキ', 'naoki'],
  ['誠', 'マコト', 'makoto'],
  ['大樹', 'ダイキ', 'daiki'],
  ['翔', 'ショウ', 'sho'],
  ['亮', 'リョウ', 'ryo'],
  ['一郎', 'イチロウ', 'ichiro'],
  ['健一', 'ケンイチ', 'kenichi'],
  ['達也', 'タツヤ', 'tatsuya'],
  ['和也', 'カズヤ', 'kazuya'],
  ['蓮', 'レン', 'ren'],
  ['悠真', 'ユウマ', 'yuma'],
  ['陽翔', 'ハルト', 'haruto'],
  ['浩二', 'コウジ', 'koji'],
  ['隆', 'タカシ', 'takashi'],
  ['修', 'オサム', 'osamu'],
  ['誠一', 'セイイチ', 'seiichi'],
  ['美咲', 'ミサキ', 'misaki'],
  ['陽子', 'ヨウコ', 'yoko'],
  ['恵子', 'ケイコ', 'keiko'],
  ['由美', 'ユミ', 'yumi'],
  ['直子', 'ナオコ', 'naoko'],
  ['花子', 'ハナコ', 'hanako'],
  ['愛', 'アイ', 'ai'],
  ['彩', 'アヤ', 'aya'],
  ['結衣', 'ユイ', 'yui'],
  ['さくら', 'サクラ', 'sakura'],
  ['真由美', 'マユミ', 'mayumi'],
  ['裕子', 'ユウコ', 'yuko'],
  ['智子', 'トモコ', 'tomoko'],
  ['美穂', 'ミホ', 'miho'],
  ['麻衣', 'マイ', 'mai'],
  ['陽菜', 'ヒナ', 'hina'],
  ['葵', 'アオイ', 'aoi'],
  ['千尋', 'チヒロ', 'chihiro'],
  ['明美', 'アケミ', 'akemi'],
  ['奈々', 'ナナ', 'nana'],
];

export const DEPARTMENTS = [
  '営業部',
  '第一営業部',
  '第二営業部',
  '営業企画部',
  '開発部',
  '研究開発部',
  '情報システム部',
  '人事部',
  '総務部',
  '経理部',
  '法務部',
  'マーケティング部',
  'カスタマーサクセス部',
  '製造部',
  '品質保証部',
  '購買部',
  '経営企画部',
  '広報部',
  '物流部',
  '海外事業部',
] as const;
const department = weighted(DEPARTMENTS.map((d, i) => [d, i < 4 ? 10 : i < 8 ? 6 : 3] as const));
const position = weighted([
  ['', 30],
  ['一般', 25],
  ['主任', 15],
  ['係長', 10],
  ['課長代理', 6],
  ['課長', 8],
  ['部長', 4],
  ['マネージャー', 2],
] as const);
const leaveType = weighted<LeaveType>([
  ['voluntary', 75],
  ['contract_end', 12],
  ['company', 8],
  ['other', 5],
]);
const reason = weighted<LeaveReasonCategory | null>([
  ['career_growth', 25],
  ['compensation', 12],
  ['work_style', 10],
  ['relationships', 6],
  ['management', 5],
  ['job_content', 8],
  ['family', 8],
  ['health', 3],
  ['relocation', 4],
  ['further_education', 2],
  ['independence', 4],
  [null, 13],
]);
/** Free text HR wrote instead of a category: imported as category "other" with the text as note. */
const FREE_REASONS = [
  '家業を継ぐため',
  '配偶者の転勤に伴い',
  '留学のため（～2年程度）',
  '地元へのUターン',
  '介護に専念するため',
];
const CURRENT = ['株式会社みらい', '合同会社アオバ', '株式会社ひかりテック', '東都銀行', '自営', '未定'];
const DOMAINS = ['example.jp', 'example.com', 'example.ne.jp', 'example.co.jp'];

export interface Leaver {
  employeeNumber: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string | null;
  phone: string | null;
  department: string;
  position: string;
  /** YYYY-MM-DD */
  joinedOn: string;
  /** YYYY-MM-DD */
  leftOn: string;
  leaveType: LeaveType;
  leaveReasonCategory: LeaveReasonCategory | null;
  /** Free text instead of a category (then the category is "other"). */
  leaveReasonNote: string | null;
  interests: AlumniInterest[];
  currentCompany: string | null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const DAY = 86_400_000;
const LEFT_FROM = Date.UTC(2012, 0, 1);
const LEFT_UNTIL = Date.UTC(2025, 11, 31);

/**
 * `count` leavers of one company. `numberPrefix` keeps employee numbers (and so e-mails) unique
 * per company; every employee number and e-mail is unique within the call.
 */
export function generateLeavers(count: number, seed: number, numberPrefix = ''): Leaver[] {
  const rng = random(seed);
  const family = weighted(FAMILY);
  const out: Leaver[] = [];
  for (let i = 0; i < count; i++) {
    const [fk, fkana, fr] = family(rng);
    const [gk, gkana, gr] = pick(rng, GIVEN);
    // leaving mostly at month ends, joining mostly on April 1st (新卒) after 1–20 years
    const left = new Date(LEFT_FROM + Math.floor(rng() * ((LEFT_UNTIL - LEFT_FROM) / DAY)) * DAY);
    const leftOn =
      rng() < 0.7 ? iso(new Date(Date.UTC(left.getUTCFullYear(), left.getUTCMonth() + 1, 0))) : iso(left);
    const joinYear = left.getUTCFullYear() - 1 - Math.floor(rng() * 20);
    const joinedOn =
      rng() < 0.6
        ? `${joinYear}-04-01`
        : iso(new Date(Date.UTC(joinYear, Math.floor(rng() * 12), 1 + Math.floor(rng() * 28))));
    const category = reason(rng);
    const free = category === null && rng() < 0.6;
    const interests = (Object.keys(interestLabels) as AlumniInterest[]).filter(
      (_, k) => rng() < [0.3, 0.2, 0.15, 0.08, 0.25, 0.05][k]!,
    );
    out.push({
      employeeNumber: `${numberPrefix}${pad(100000 + i, 7)}`,
      familyName: fk,
      givenName: gk,
      familyNameKana: fkana,
      givenNameKana: gkana,
      email: rng() < 0.9 ? `${gr}.${fr}${i}@${pick(rng, DOMAINS)}` : null,
      phone:
        rng() < 0.6
          ? `0${pick(rng, ['80', '90', '70'])}-${pad(i % 10000, 4)}-${pad((i * 7) % 10000, 4)}`
          : null,
      department: department(rng),
      position: position(rng),
      joinedOn,
      leftOn,
      leaveType: leaveType(rng),
      leaveReasonCategory: free ? 'other' : category,
      leaveReasonNote: free ? pick(rng, FREE_REASONS) : null,
      interests,
      currentCompany: rng() < 0.4 ? pick(rng, CURRENT) : null,
    });
  }
  return out;
}

/** The columns of the file, with the header names a Japanese HR export uses. */
const CSV_HEADER = [
  '社員番号',
  '姓',
  '名',
  'セイ',
  'メイ',
  'メールアドレス',
  '電話番号',
  '部署',
  '役職',
  '入社年月日',
  '退職年月日',
  '退職区分',
  '退職理由',
  '関心事項',
  '現在の勤務先',
];

/** 2019-04-01 → 2019/04/01 (as HR systems and Excel write dates). */
const slashDate = (isoDate: string) => isoDate.replaceAll('-', '/');

/** The CSV text of a file of leavers: CRLF lines, Japanese labels, dates as 2019/04/01. */
export function leaversCsv(leavers: Leaver[]): string {
  const rows = leavers.map((l) => [
    l.employeeNumber,
    l.familyName,
    l.givenName,
    l.familyNameKana,
    l.givenNameKana,
    l.email ?? '',
    l.phone ?? '',
    l.department,
    l.position,
    slashDate(l.joinedOn),
    slashDate(l.leftOn),
    leaveTypeLabels[l.leaveType].ja,
    l.leaveReasonNote ?? (l.leaveReasonCategory ? leaveReasonLabels[l.leaveReasonCategory].ja : ''),
    l.interests.map((k) => interestLabels[k].ja).join('、'),
    l.currentCompany ?? '',
  ]);
  return stringify([CSV_HEADER, ...rows], { record_delimiter: '\r\n' });
}

/** The file as Excel in Japan saves it: CP932 (Windows-31J). Checks that nothing was lost. */
export function cp932Csv(leavers: Leaver[]): Buffer {
  const text = leaversCsv(leavers);
  const bytes = iconv.encode(text, 'cp932');
  if (iconv.decode(bytes, 'cp932') !== text)
    throw new Error('a generated value is not representable in CP932');
  return bytes;
}

/**
 * The leaver as the API's validated input (`AlumnusInput`), with the schema's defaults: what the
 * app would store for them. Generated values are already in the schema's normal form (furigana in
 * full-width katakana, e-mails in lower case, no surrounding spaces), so validating changes nothing;
 * the search benchmark checks that on a sample instead of validating 200,000 rows.
 */
export function leaverInput(l: Leaver): AlumnusInput {
  return {
    familyName: l.familyName,
    givenName: l.givenName,
    familyNameKana: l.familyNameKana,
    givenNameKana: l.givenNameKana,
    email: l.email,
    phone: l.phone,
    employeeNumber: l.employeeNumber,
    department: l.department,
    position: l.position || null,
    joinedOn: l.joinedOn,
    leftOn: l.leftOn,
    leaveType: l.leaveType,
    leaveReasonCategory: l.leaveReasonCategory,
    leaveReasonNote: l.leaveReasonNote,
    currentCompany: l.currentCompany,
    currentTitle: null,
    hasDecisionAuthority: false,
    skills: [],
    interests: l.interests,
    returnConditions: {},
    tags: [],
    internalNotes: null,
    doNotContact: false,
    doNotContactReason: null,
  };
}
