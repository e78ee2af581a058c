import type { TenantRole } from '@kizuna/contract';
import { createUserWithRole, findUserByEmail } from '../modules/identity/index.js';
import { createTenant, unsafeCountTenants } from '../modules/tenants/index.js';
import type { Database } from '../platform/db/database.js';
import { seedDemoAlumni } from './demo-alumni.js';

const PASSWORD = 'kizuna-demo-2026';

const companies = [
  { slug: 'sakura', name: '株式会社さくら商事', operatingModel: 'broadcast' as const },
  { slug: 'midori', name: 'みどり技研株式会社', operatingModel: 'community' as const },
];

type DemoUser = { email: string; name: string; label: string } & (
  | { operatorRole: 'operator_admin' | 'interviewer' }
  | { tenant: string; role: TenantRole }
);

const users: DemoUser[] = [
  {
    email: 'operator@kizuna.example',
    name: '運営 太郎',
    label: 'operator admin / 運営管理者',
    operatorRole: 'operator_admin',
  },
  {
    email: 'interviewer@kizuna.example',
    name: '面談 花子',
    label: 'interviewer / 面談担当',
    operatorRole: 'interviewer',
  },
  {
    email: 'admin@sakura.example',
    name: '佐藤 恵子',
    label: 'company admin (さくら商事)',
    tenant: 'sakura',
    role: 'company_admin',
  },
  {
    email: 'staff@sakura.example',
    name: '鈴木 一郎',
    label: 'company staff (さくら商事)',
    tenant: 'sakura',
    role: 'company_staff',
  },
  {
    email: 'employee@sakura.example',
    name: '高橋 美咲',
    label: 'employee (さくら商事)',
    tenant: 'sakura',
    role: 'employee',
  },
  {
    email: 'tanaka@alumni.example',
    name: '田中 健太',
    label: 'alumnus (さくら商事)',
    tenant: 'sakura',
    role: 'alumnus',
  },
  {
    email: 'watanabe@alumni.example',
    name: '渡辺 直子',
    label: 'alumnus (さくら商事)',
    tenant: 'sakura',
    role: 'alumnus',
  },
  {
    email: 'admin@midori.example',
    name: '山本 大輔',
    label: 'company admin (みどり技研)',
    tenant: 'midori',
    role: 'company_admin',
  },
  {
    email: 'staff@midori.example',
    name: '中村 由美',
    label: 'company staff (みどり技研)',
    tenant: 'midori',
    role: 'company_staff',
  },
  {
    email: 'kobayashi@alumni.example',
    name: '小林 翔',
    label: 'alumnus (みどり技研)',
    tenant: 'midori',
    role: 'alumnus',
  },
];

export const demoSignIns = { password: PASSWORD, users: users.map(({ email, label }) => ({ email, label })) };

export type DemoSignIn = (typeof demoSignIns.users)[number];

/** The demo sign-ins whose accounts are in this database, in the order above: none without demo data. */
export async function presentDemoSignIns(db: Database): Promise<DemoSignIn[]> {
  const present: DemoSignIn[] = [];
  for (const signIn of demoSignIns.users)
    if (await findUserByEmail(db.unsafeOwner, signIn.email)) present.push(signIn);
  return present;
}

/** Columns a character takes in a terminal: two for kanji, kana and full-width forms. */
function columns(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

/** One line per sign-in, `label  e-mail`, the e-mails in one column even after Japanese labels. */
export function demoSignInLines(signIns: readonly DemoSignIn[]): string[] {
  const width = Math.max(0, ...signIns.map((s) => columns(s.label))) + 2;
  return signIns.map((s) => `  ${s.label}${' '.repeat(width - columns(s.label))}${s.email}`);
}

/** Adds the demo data once: does nothing when any company exists. Returns whether it seeded. */
export async function seedDemo(db: Database): Promise<boolean> {
  if ((await unsafeCountTenants(db)) > 0) return false;
  const tenantIds = new Map<string, string>();
  for (const c of companies) {
    const t = await createTenant(db, null, c);
    tenantIds.set(c.slug, t.id);
  }
  for (const u of users) {
    const base = { email: u.email, name: u.name, password: PASSWORD };
    await createUserWithRole(
      db,
      'operatorRole' in u
        ? { ...base, operatorRole: u.operatorRole }
        : { ...base, tenantId: tenantIds.get(u.tenant)!, role: u.role },
    );
  }
  await seedDemoAlumni(db, tenantIds);
  return true;
}
