import {
  type Client,
  createCompany,
  lastMailTo,
  linkIn,
  loginAs,
  signIn,
  type TestContext,
  uniqueEmail,
} from './helpers.js';

let seq = 0;

/** A leaver record made by staff; returns its id and e-mail. */
export async function createLeaver(admin: Client, over: Record<string, unknown> = {}) {
  const email = uniqueEmail('leaver');
  const res = await admin.post('/api/alumni', {
    familyName: '田中',
    givenName: '健太',
    email,
    employeeNumber: `E${Date.now().toString(36)}${++seq}`,
    department: '営業部',
    leftOn: '2023-03-31',
    leaveType: 'voluntary',
    ...over,
  });
  if (res.statusCode !== 201) throw new Error(`leaver: ${res.statusCode} ${res.body}`);
  const a = res.json();
  return { id: a.id as string, email: a.email as string, employeeNumber: a.employeeNumber as string | null };
}

/** The token of a mailed link: the last path segment of the first link in the newest mail to `email`. */
export async function mailedToken(ctx: TestContext, email: string): Promise<string> {
  const mail = await lastMailTo(ctx, email);
  if (!mail) throw new Error(`no mail to ${email}`);
  return new URL(linkIn(mail.text ?? '')).pathname.split('/').pop()!;
}

/** A new leaver record, invited to register; returns it with the invitation's token. */
export async function inviteLeaver(ctx: TestContext, admin: Client, over: Record<string, unknown> = {}) {
  const leaver = await createLeaver(admin, over);
  const invite = await admin.post(`/api/alumni/${leaver.id}/invitation`);
  if (invite.statusCode !== 201) throw new Error(`invite: ${invite.statusCode} ${invite.body}`);
  return { ...leaver, token: await mailedToken(ctx, leaver.email) };
}

/**
 * The set-up of registration tests: a company whose public page is on, its admin signed in, and
 * the version of the privacy notice in force (what a registration consents to); `settings` adds
 * to the network settings saved.
 */
export async function createNetwork(
  ctx: TestContext,
  name = '株式会社さくら',
  settings: Record<string, unknown> = {},
) {
  const company = await createCompany(ctx, name);
  const { client: admin } = await loginAs(ctx, company.id, 'company_admin');
  const noticeVersion = (await admin.get('/api/privacy-notice')).json().version as number;
  const saved = await admin.put('/api/network-settings', { publicPageEnabled: true, ...settings });
  if (saved.statusCode !== 200) throw new Error(`network settings: ${saved.statusCode} ${saved.body}`);
  return { tenantId: company.id, slug: company.slug, admin, noticeVersion };
}

/** The public page's registration form, filled in as 佐藤 次郎 consenting to what is required only. */
export function selfRegistrationForm(email: string, noticeVersion: number) {
  return {
    email,
    familyName: '佐藤',
    givenName: '次郎',
    familyNameKana: null,
    givenNameKana: null,
    employeeNumber: null,
    leaveYear: 2022,
    department: null,
    interests: [],
    consents: ['member_profile'],
    noticeVersion,
  };
}

/** Invites the leaver and registers them with a password; returns their signed-in client. */
export async function registerLeaver(
  ctx: TestContext,
  admin: Client,
  over: Record<string, unknown> = {},
  consents = ['member_profile', 'job_offers', 'events', 'news'],
) {
  const { token, ...leaver } = await inviteLeaver(ctx, admin, over);
  const notice = (await admin.get('/api/privacy-notice')).json();
  const password = 'member-password-1';
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/public/alumni-invitations/${token}/register`,
    headers: { origin: ctx.config.baseUrl },
    payload: {
      familyName: (over.familyName as string) ?? '田中',
      givenName: (over.givenName as string) ?? '健太',
      interests: ['rehire'],
      consents,
      noticeVersion: notice.version,
      password,
    },
  });
  if (res.statusCode !== 200) throw new Error(`register: ${res.statusCode} ${res.body}`);
  const member = await signIn(ctx, leaver.email, password);
  return { ...leaver, member };
}
