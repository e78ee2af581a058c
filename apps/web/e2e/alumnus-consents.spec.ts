import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import {
  createAlumnus,
  mailedLink,
  type Size,
  setLanguage,
  settle,
  signInOncePerFile,
  sizes,
} from './helpers';

/**
 * The alumnus page for staff (issue 8): the member's current consents (purpose, date, notice
 * version; withdrawn ones as withdrawn), and inviting one leaver from their page, with the reason
 * when that is not possible.
 */

test.describe.configure({ timeout: 180_000 });

const open = signInOncePerFile('admin', 'operator', 'alumnus');
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screenshots';
const stamp = String(Date.now()).slice(-7);

/** The signed-in member's own record id. */
async function ownRecordId(member: Page) {
  const me = await member.request.get('/api/portal/me');
  expect(me.status()).toBe(200);
  return ((await me.json()) as { alumnusId: string }).alumnusId;
}

const row = (page: Page, purpose: string) =>
  page.getByTestId('consents-panel').locator(`[data-testid="consent-row"][data-purpose="${purpose}"]`);

test('staff see a member’s consents, a withdrawal included', async ({ browser }) => {
  // the demo member withdraws one purpose in the portal
  const member = await open(browser, 'alumnus', '/portal');
  const id = await ownRecordId(member);
  const me = (await (await member.request.get('/api/portal/me')).json()) as {
    consents: { purpose: string; granted: boolean }[];
    notice: { version: number };
  };
  const granted = me.consents.filter((c) => c.granted && c.purpose !== 'surveys').map((c) => c.purpose);
  const put = await member.request.put('/api/portal/consents', {
    data: { granted, noticeVersion: me.notice.version },
    headers: { Origin: new URL(member.url()).origin },
  });
  expect(put.status(), await put.text()).toBe(200);

  const admin = await open(browser, 'admin', `/alumni/${id}`);
  await settle(admin);
  const panel = admin.getByTestId('consents-panel');
  await expect(panel.getByRole('heading', { name: '会員登録と同意' })).toBeVisible();
  await expect(panel.getByTestId('consents-registered')).toContainText('会員登録');
  await expect(row(admin, 'member_profile')).toHaveAttribute('data-state', 'granted');
  await expect(row(admin, 'member_profile')).toContainText('同意');
  await expect(row(admin, 'member_profile')).toContainText(`第${me.notice.version}版`);
  await expect(row(admin, 'surveys')).toHaveAttribute('data-state', 'withdrawn');
  await expect(row(admin, 'surveys')).toContainText('撤回');
  // a member cannot be invited again, and the page says why
  await expect(admin.getByTestId('invite-open')).toBeDisabled();
  await expect(admin.getByTestId('invite-disabled-reason')).toHaveText('既に会員登録済みです。');

  // in English
  await setLanguage(admin, 'en');
  await admin.reload();
  await settle(admin);
  await expect(panel.getByRole('heading', { name: 'Membership and consents' })).toBeVisible();
  await expect(row(admin, 'surveys')).toContainText('Withdrawn');
  await expect(admin.getByTestId('invite-disabled-reason')).toHaveText('Already registered as a member.');
  await setLanguage(admin, 'ja');

  // pictures of the panel, phone and desktop, ja and en
  mkdirSync(SHOTS, { recursive: true });
  for (const size of Object.keys(sizes) as Size[]) {
    await admin.setViewportSize(sizes[size]);
    for (const lang of ['ja', 'en'] as const) {
      await setLanguage(admin, lang);
      await admin.reload();
      await settle(admin);
      expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        sizes[size].width,
      );
      if (size === 'phone') {
        await panel.scrollIntoViewIfNeeded();
        await admin.evaluate(() => window.scrollBy(0, -70)); // below the sticky header
      }
      await admin.waitForTimeout(400);
      await admin.screenshot({ path: `${SHOTS}/detail-${size}-${lang}.png` });
    }
  }
  await setLanguage(admin, 'ja');
  await admin.setViewportSize(sizes.desktop);

  // the member puts the purpose back
  const back = await member.request.put('/api/portal/consents', {
    data: { granted: [...granted, 'surveys'], noticeVersion: me.notice.version },
    headers: { Origin: new URL(member.url()).origin },
  });
  expect(back.status()).toBe(200);
});

test('staff invite one leaver from their page; who cannot be invited says why', async ({ browser }) => {
  const admin = await open(browser, 'admin', '/alumni');
  const email = `invite-${stamp}@alumni.example`;
  const { id } = await createAlumnus(admin, {
    familyName: '招待',
    givenName: `花子${stamp}`,
    email,
    leftOn: '2024-03-31',
    leaveType: 'voluntary',
  });
  await admin.goto(`/alumni/${id}`);
  await settle(admin);
  await expect(admin.getByTestId('consents-registered')).toHaveText('未登録');
  await expect(admin.getByTestId('consents-none')).toBeVisible();
  await admin.getByTestId('invite-open').click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog).toContainText(email);
  await dialog.getByTestId('invite-confirm').click();
  await expect(admin.getByText(`${email} に招待メールを送りました。`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  // the page now offers to send it again, and the history shows the invitation
  await expect(admin.getByTestId('invite-open')).toHaveText('招待を再送');
  await expect(admin.getByTestId('consents-panel')).toContainText('最終招待');
  await expect(admin.getByTestId('timeline-entry').first()).toContainText('会員登録の案内');
  // the mail went out with a registration link
  const operator = await open(browser, 'operator', '/');
  expect(await mailedLink(operator, email, /https?:\/\/\S+\/join\/\S+/)).toMatch(/\/join\//);

  // without an e-mail, do-not-contact, anonymized: disabled with the reason
  const noEmail = await createAlumnus(admin, {
    familyName: '連絡先',
    givenName: `なし${stamp}`,
    leftOn: '2024-03-31',
    leaveType: 'voluntary',
  });
  await admin.goto(`/alumni/${noEmail.id}`);
  await expect(admin.getByTestId('invite-open')).toBeDisabled();
  await expect(admin.getByTestId('invite-disabled-reason')).toContainText('メールアドレスが登録されていない');

  const dnc = await createAlumnus(admin, {
    familyName: '連絡',
    givenName: `不可${stamp}`,
    email: `dnc-${stamp}@alumni.example`,
    leftOn: '2024-03-31',
    leaveType: 'voluntary',
    doNotContact: true,
    doNotContactReason: '本人の希望',
  });
  await admin.goto(`/alumni/${dnc.id}`);
  await expect(admin.getByTestId('invite-open')).toBeDisabled();
  await expect(admin.getByTestId('invite-disabled-reason')).toHaveText('連絡不可の方のため招待できません。');

  // the demo company does not count leavers at the retirement age as alumni
  const retiree = await createAlumnus(admin, {
    familyName: '定年',
    givenName: `退職${stamp}`,
    email: `retiree-${stamp}@alumni.example`,
    leftOn: '2024-03-31',
    leaveType: 'retirement',
  });
  await admin.goto(`/alumni/${retiree.id}`);
  await expect(admin.getByTestId('invite-open')).toBeDisabled();
  await expect(admin.getByTestId('invite-disabled-reason')).toContainText('アルムナイネットワーク設定');

  const erased = await createAlumnus(admin, {
    familyName: '匿名',
    givenName: `予定${stamp}`,
    email: `erase-${stamp}@alumni.example`,
    leftOn: '2024-03-31',
    leaveType: 'voluntary',
  });
  const anonymized = await admin.request.post(`/api/alumni/${erased.id}/anonymize`, {
    data: { reason: '電話での削除依頼', version: erased.version },
    headers: { Origin: new URL(admin.url()).origin },
  });
  expect(anonymized.status()).toBe(200);
  await admin.goto(`/alumni/${erased.id}`);
  await expect(admin.getByTestId('invite-open')).toBeDisabled();
  await expect(admin.getByTestId('invite-disabled-reason')).toHaveText(
    '匿名化された記録のため招待できません。',
  );
});
