import { expect, test } from '@playwright/test';
import { invitedLeaver, mailedLink, screenshotAll, setLanguage, signInOncePerFile } from './helpers';

const open = signInOncePerFile('operator');

test('the links of a suspended company say so in words, and work again once it is reactivated', async ({
  browser,
}) => {
  // a company of its own, so that suspending it disturbs no other journey
  const operator = await open(browser, 'operator', '/companies');
  const headers = { origin: new URL(operator.url()).origin };
  const before = (await (await operator.request.get('/api/me')).json()) as {
    activeTenant: { id: string } | null;
  };
  const suffix = Date.now().toString(36);
  const created = await operator.request.post('/api/tenants', {
    data: { name: `停止確認商事 ${suffix}`, slug: `paused-${suffix}` },
    headers,
  });
  expect(created.ok()).toBe(true);
  const { id: tenantId } = (await created.json()) as { id: string };
  expect((await operator.request.put('/api/me/active-tenant', { data: { tenantId }, headers })).ok()).toBe(
    true,
  );

  // its links: a staff invitation, an alumni invitation and the rehire policy's share link
  const staffEmail = `paused-staff-${suffix}@example.test`;
  const invited = await operator.request.post('/api/invitations', {
    data: { email: staffEmail, role: 'company_staff' },
    headers,
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const staffLink = await mailedLink(operator, staffEmail, /https?:\/\/\S+\/invitations\/\S+/);
  const alumnusEmail = `paused-alumnus-${suffix}@example.test`;
  await invitedLeaver(operator, alumnusEmail, '停止', '確認');
  const joinLink = await mailedLink(operator, alumnusEmail, /https?:\/\/\S+\/join\/\S+/);
  const saved = await operator.request.put('/api/rehire-policy', {
    data: {
      version: 0,
      policy: { published: true, minTenureMonths: 12, explanation: '在籍1年以上の方が対象です。' },
    },
    headers,
  });
  expect(saved.ok(), await saved.text()).toBe(true);
  const { url: policyLink } = (await (
    await operator.request.post('/api/rehire-policy/share-link', { headers })
  ).json()) as { url: string };

  const setStatus = async (status: 'active' | 'suspended') =>
    expect(
      (await operator.request.patch(`/api/tenants/${tenantId}`, { data: { status }, headers })).ok(),
    ).toBe(true);
  await setStatus('suspended');

  const visitor = await open(browser, null, '/sign-in');
  for (const link of [staffLink, joinLink, policyLink]) {
    await visitor.goto(new URL(link).pathname);
    await expect(visitor.getByRole('heading', { name: 'この企業は現在ご利用いただけません' })).toBeVisible();
    await expect(visitor.getByTestId('tenant-suspended')).toContainText('利用が再開されると');
  }
  await setLanguage(visitor, 'en');
  await visitor.reload();
  await expect(
    visitor.getByRole('heading', { name: 'This company is not available at the moment' }),
  ).toBeVisible();
  await expect(visitor.getByTestId('tenant-suspended')).toContainText(
    'Nothing has been registered or changed',
  );
  await setLanguage(visitor, 'ja');
  await visitor.goto(new URL(staffLink).pathname);
  await screenshotAll(visitor, 'link-of-suspended-company');

  // reactivated, the same links open as usual
  await setStatus('active');
  await visitor.goto(new URL(staffLink).pathname);
  await expect(visitor.getByText(staffEmail)).toBeVisible();
  await expect(visitor.getByTestId('tenant-suspended')).toHaveCount(0);
  await visitor.goto(new URL(policyLink).pathname);
  await expect(visitor.getByText('在籍1年以上の方が対象です。')).toBeVisible();

  if (before.activeTenant)
    await operator.request.put('/api/me/active-tenant', {
      data: { tenantId: before.activeTenant.id },
      headers,
    });
});
