import {
  type AlumniInterest,
  type AlumnusInput,
  alumnusInputSchema,
  type ConsentPurpose,
  consentPurposes,
  type LeaveReasonCategory,
  type LeaveType,
} from '@kizuna/contract';
import { createAlumnus, findAlumnusRow } from '../modules/alumni/index.js';
import type { AuditActor } from '../modules/audit/index.js';
import { registerOnRecord } from '../modules/membership/index.js';
import { saveNetworkSettings } from '../modules/network/index.js';
import { saveRehirePolicy } from '../modules/rehire-policy/index.js';
import { saveSegment } from '../modules/segments/index.js';
import type { Database } from '../platform/db/database.js';

/**
 * Demo leaver records: enough variety that every list filter, the search, the rehire verdicts and
 * the portal show something real on first start. Deterministic (no randomness), so screenshots
 * and the operator guide can refer to the same people.
 */
type Person = [family: string, given: string, familyKana: string, givenKana: string];

const sakuraPeople: Person[] = [
  ['田中', '健太', 'タナカ', 'ケンタ'],
  ['渡辺', '直子', 'ワタナベ', 'ナオコ'],
  ['佐々木', '翼', 'ササキ', 'ツバサ'],
  ['髙橋', '誠', 'タカハシ', 'マコト'],
  ['高橋', '陽菜', 'タカハシ', 'ヒナ'],
  ['伊藤', '蓮', 'イトウ', 'レン'],
  ['山口', '葵', 'ヤマグチ', 'アオイ'],
  ['松本', '大翔', 'マツモト', 'ヒロト'],
  ['井上', '結衣', 'イノウエ', 'ユイ'],
  ['木村', '悠真', 'キムラ', 'ユウマ'],
  ['林', '美咲', 'ハヤシ', 'ミサキ'],
  ['清水', '湊', 'シミズ', 'ミナト'],
  ['山﨑', '凛', 'ヤマザキ', 'リン'],
  ['森', '颯太', 'モリ', 'ソウタ'],
  ['池田', '芽依', 'イケダ', 'メイ'],
  ['橋本', '樹', 'ハシモト', 'イツキ'],
  ['阿部', '紗希', 'アベ', 'サキ'],
  ['石川', '拓海', 'イシカワ', 'タクミ'],
  ['中田', '真央', 'ナカタ', 'マオ'],
  ['前田', '駿', 'マエダ', 'シュン'],
];
const midoriPeople: Person[] = [
  ['小林', '翔', 'コバヤシ', 'ショウ'],
  ['加藤', '優花', 'カトウ', 'ユウカ'],
  ['吉田', '海斗', 'ヨシダ', 'カイト'],
  ['山田', '七海', 'ヤマダ', 'ナナミ'],
  ['斎藤', '陸', 'サイトウ', 'リク'],
  ['岡田', '彩', 'オカダ', 'アヤ'],
  ['藤田', '隼人', 'フジタ', 'ハヤト'],
  ['後藤', '千尋', 'ゴトウ', 'チヒロ'],
];

const departments = ['営業部', '開発部', '人事部', 'マーケティング部', '経理部', 'カスタマーサクセス部'];
const positions = ['メンバー', '主任', '係長', '課長', 'マネージャー'];
const leaveTypes: LeaveType[] = ['voluntary', 'voluntary', 'voluntary', 'contract_end', 'company', 'other'];
const reasons: LeaveReasonCategory[] = [
  'career_growth',
  'compensation',
  'work_style',
  'family',
  'relocation',
  'further_education',
  'independence',
  'management',
];
const companies = [
  '株式会社ミライ',
  'グローバルテック株式会社',
  '合同会社ひかり',
  '東都銀行',
  'フリーランス',
];
const titles = ['プロダクトマネージャー', '営業部長', 'エンジニア', '代表', 'コンサルタント'];
const interestSets: AlumniInterest[][] = [
  ['rehire', 'events'],
  ['side_job', 'referral'],
  ['monitor'],
  ['business', 'events'],
  ['rehire', 'side_job', 'referral'],
  [],
];
const skillSets = [
  ['法人営業', '交渉'],
  ['TypeScript', 'AWS'],
  ['採用', '労務'],
  ['広告運用'],
  ['経理', '決算'],
  [],
];

function isoDate(year: number, month: number, day: number) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function recordsFor(people: Person[], slug: string, numberPrefix: string): AlumnusInput[] {
  return people.map(([familyName, givenName, familyNameKana, givenNameKana], i) => {
    const leftYear = 2016 + (i % 10);
    const joinedYear = leftYear - 1 - (i % 7);
    const romaji = `${slug}-alumnus-${String(i + 1).padStart(2, '0')}`;
    return alumnusInputSchema.parse({
      familyName,
      givenName,
      familyNameKana,
      givenNameKana,
      email: `${romaji}@alumni.example`,
      phone: `090-${String(1000 + i * 37).padStart(4, '0')}-${String(2000 + i * 53).slice(-4)}`,
      employeeNumber: `${numberPrefix}${String(1001 + i)}`,
      department: departments[i % departments.length],
      position: positions[i % positions.length],
      joinedOn: isoDate(joinedYear, 4, 1),
      leftOn: isoDate(leftYear, 1 + ((i * 5) % 12), i % 2 ? 28 - (i % 3) : 15),
      leaveType: leaveTypes[i % leaveTypes.length],
      leaveReasonCategory: reasons[i % reasons.length],
      leaveReasonNote: i % 3 === 0 ? '新しい分野に挑戦したい。機会があれば戻りたい。' : null,
      currentCompany: i % 4 === 3 ? null : companies[i % companies.length],
      currentTitle: i % 4 === 3 ? null : titles[i % titles.length],
      hasDecisionAuthority: i % 5 === 3,
      skills: skillSets[i % skillSets.length],
      interests: interestSets[i % interestSets.length],
      returnConditions:
        i % 4 === 0 ? { workStyle: 'リモート中心', location: '東京', payExpectation: '現年収以上' } : {},
      tags: i % 3 === 1 ? ['ハイパフォーマー'] : i % 7 === 2 ? ['イベント登壇'] : [],
      doNotContact: i === 11,
      doNotContactReason: i === 11 ? '本人の希望により連絡しない' : null,
    });
  });
}

const seedActor: AuditActor = { userId: null, name: 'demo seed' };
const allPurposes = [...consentPurposes] as ConsentPurpose[];

/** The demo alumnus users' own leaver records: they registered with every consent. */
const members: Record<string, { email: string; person: number }[]> = {
  sakura: [
    { email: 'tanaka@alumni.example', person: 0 },
    { email: 'watanabe@alumni.example', person: 1 },
  ],
  midori: [{ email: 'kobayashi@alumni.example', person: 0 }],
};

export async function seedDemoAlumni(db: Database, tenantIds: Map<string, string>) {
  for (const [slug, people, prefix] of [
    ['sakura', sakuraPeople, 'S'],
    ['midori', midoriPeople, 'M'],
  ] as const) {
    const tenantId = tenantIds.get(slug)!;
    await db.withTenant(tenantId, async (tx) => {
      const records = recordsFor(people, slug, prefix);
      for (const m of members[slug] ?? []) records[m.person]!.email = m.email;
      const created = [];
      for (const input of records) created.push(await createAlumnus(tx, tenantId, seedActor, input));
      for (const m of members[slug] ?? []) {
        const row = await findAlumnusRow(tx, tenantId, created[m.person]!.id);
        await registerOnRecord(
          tx,
          tenantId,
          row!,
          {
            familyName: row!.familyName,
            givenName: row!.givenName,
            interests: row!.interests as AlumniInterest[],
            consents: allPurposes,
          },
          { ip: '127.0.0.1', via: 'invitation', actor: seedActor },
        );
      }
      await saveSegment(tx, tenantId, seedActor, {
        name: slug === 'sakura' ? '再雇用に関心のある方' : '副業・紹介に関心のある方',
        filter: { interest: slug === 'sakura' ? ['rehire'] : ['side_job', 'referral'] },
      });
      await saveRehirePolicy(tx, tenantId, seedActor, 0, {
        allowedLeaveTypes: ['voluntary', 'contract_end'],
        minTenureMonths: 12,
        minMonthsSinceLeaving: 6,
        excludedLeaveReasons: [],
        excludeDoNotContact: true,
        explanation:
          '退職された方の再入社（アルムナイ採用）を歓迎しています。\n自己都合または契約満了で退職し、在籍1年以上・退職から6か月以上経った方が対象です。\n紹介や相談は人事部までお気軽にどうぞ。',
        published: true,
      });
      await saveNetworkSettings(tx, tenantId, seedActor, {
        publicPageEnabled: slug === 'sakura',
        intro:
          slug === 'sakura'
            ? 'さくら商事アルムナイネットワークへようこそ。\n・再入社や副業のご案内\n・アルムナイ交流イベントへのご招待\n・会社の近況のお知らせ\nをお届けします。'
            : '',
        profileReviewMonths: 12,
        retireesAreAlumni: false,
      });
    });
  }
}
