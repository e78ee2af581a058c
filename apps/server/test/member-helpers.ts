import { type Client, lastMailTo, linkIn, signIn, type TestContext, uniqueEmail } from './helpers.js';

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

/** Invites the leaver and registers them with a password; returns their signed-in client. */
export async function registerLeaver(
  ctx: TestContext,
  admin: Client,
  over: Record<string, unknown> = {},
  consents = ['member_profile', 'job_offers', 'events', 'news'],
) {
  const leaver = await createLeaver(admin, over);
  const invite = await admin.post(`/api/alumni/${leaver.id}/invitation`);
  if (invite.statusCode !== 201) throw new Error(`invite: ${invite.statusCode} ${invite.body}`);
  const token = new URL(linkIn((await lastMailTo(ctx, leaver.email))!.text)).pathname.split('/').pop()!;
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
