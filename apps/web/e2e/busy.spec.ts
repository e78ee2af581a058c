import { expect, test } from '@playwright/test';
import { screenshotAll, signIn, users } from './helpers';

/**
 * Issue 13: when the server sheds load it answers 503 busy; the page says so in words (after the
 * quiet retries a read gets) and loads as soon as the server answers again. The 503 here is
 * simulated with no body, as a proxy in front would send it: the words are the web's own.
 */
test('a busy server is explained in words, and the page loads once it answers again', async ({ page }) => {
  await signIn(page, users.admin);
  const busy = (route: import('@playwright/test').Route) =>
    route.fulfill({ status: 503, headers: { 'retry-after': '2' }, body: '' });
  await page.route('**/api/alumni?**', busy);
  await page.goto('/alumni');
  const alert = page.getByRole('alert').filter({ hasText: 'ただいま混み合っています' });
  await expect(alert).toContainText('数秒待ってから、もう一度お試しください。', { timeout: 20_000 });
  await screenshotAll(page, 'busy', async (p) => {
    await expect(p.getByRole('alert').filter({ hasText: /混み合っています|busy right now/ })).toBeVisible({
      timeout: 20_000,
    });
  });
  await page.reload();
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await page.unroute('**/api/alumni?**', busy);
  await alert.getByRole('button', { name: '再読み込み' }).click();
  await expect(page.getByTestId('alumnus-row').first()).toBeVisible();
  await expect(alert).toHaveCount(0);
});
