import { mkdirSync } from 'node:fs';
import type { AlumnusInput } from '@kizuna/contract';
import { type Browser, type BrowserContext, type Cookie, expect, type Page, test } from '@playwright/test';

export const DEMO_PASSWORD = 'kizuna-demo-2026';
export const users = {
  operator: 'operator@kizuna.example',
  admin: 'admin@sakura.example',
  staff: 'staff@sakura.example',
  alumnus: 'tanaka@alumni.example',
  employee: 'employee@sakura.example',
} as const;

export const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type Size = keyof typeof sizes;
export type Lang = 'ja' | 'en';

const SCREENSHOTS = 'test-results/screenshots';

/** Chooses the UI language the way a returning visitor has it: remembered in localStorage. */
export async function setLanguage(page: Page, lang: Lang) {
  await page.evaluate((l) => localStorage.setItem('kizuna.language', l), lang);
}

/** Session cookies of the demo users signed in so far in this worker (the suite runs in one). */
const sessions = new Map<string, Cookie[]>();

/** Resumes a session signed in earlier in the run; false when there is none or it has ended. */
async function resumeSession(page: Page, email: string): Promise<boolean> {
  const cookies = sessions.get(email);
  if (!cookies) return false;
  await page.context().addCookies(cookies);
  await page.goto('/');
  const outcome = await Promise.race([
    page
      .getByRole('button', { name: /アカウントメニュー|Account menu/ })
      .waitFor({ timeout: 15_000 })
      .then(() => 'in' as const),
    page
      .waitForURL((url) => url.pathname.startsWith('/sign-in'), { timeout: 15_000 })
      .then(() => 'out' as const),
  ]);
  if (outcome === 'in') return true;
  sessions.delete(email);
  await page.context().clearCookies();
  return false;
}

/**
 * Signs in through the form, or resumes the session a demo user already signed in with in this
 * run. All tests come from one address, and better-auth allows 10 sign-ins a minute per address
 * (its count only restarts after a quiet minute): when the limit answers, wait and try again.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (password === DEMO_PASSWORD && (await resumeSession(page, email))) return;
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.goto('/sign-in');
    await page.locator('input[type="email"]').fill(email);
    await page.locator('input[type="password"]').fill(password);
    await page.locator('form button[type="submit"]').click();
    const outcome = await Promise.race([
      page
        .waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 })
        .then(() => 'in' as const),
      page
        .getByRole('alert')
        .filter({ hasText: /リクエストが多すぎます|Too many requests/ })
        .waitFor({ timeout: 15_000 })
        .then(() => 'limited' as const),
    ]);
    if (outcome === 'in') {
      if (password === DEMO_PASSWORD) sessions.set(email, await page.context().cookies());
      return;
    }
    await page.waitForTimeout(20_000);
  }
  throw new Error(`could not sign in as ${email}`);
}

/** Waits until nothing is loading: no spinners, no pending requests. */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
}

/** A leaver record added through the API as the signed-in user (as a form or an import would). */
export async function createAlumnus(
  page: Page,
  input: Partial<AlumnusInput> & Pick<AlumnusInput, 'familyName' | 'givenName' | 'leftOn' | 'leaveType'>,
): Promise<{ id: string; version: number }> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post('/api/alumni', { data: input, headers: { Origin: origin } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

/** The first link matching `pattern` in the newest e-mail to `to` (read as the operator admin). */
export async function mailedLink(operator: Page, to: string, pattern: RegExp): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const list = await operator.request.get(`/api/mail?to=${encodeURIComponent(to)}`);
        const { items } = (await list.json()) as { items: { id: string }[] };
        for (const item of items) {
          const mail = await operator.request.get(`/api/mail/${item.id}`);
          const { text } = (await mail.json()) as { text: string };
          const link = text.match(pattern)?.[0];
          if (link) {
            found = link;
            return true;
          }
        }
        return false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** A leaver record with an e-mail address, invited by the company admin (as the detail page does). */
export async function invitedLeaver(admin: Page, email: string, familyName: string, givenName: string) {
  const { id } = await createAlumnus(admin, {
    familyName,
    givenName,
    email,
    leftOn: '2024-03-31',
    leaveType: 'voluntary',
    department: '営業部',
  });
  const invited = await admin.request.post(`/api/alumni/${id}/invitation`, {
    headers: { Origin: new URL(admin.url()).origin },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  return id;
}

/**
 * Saves the page as it looks at desktop and phone sizes in Japanese and English. `prepare`
 * runs after each reload (e.g. to open a dialog) before the picture is taken; such pictures
 * show the window only, unless `fullPage` says otherwise.
 */
export async function screenshotAll(
  page: Page,
  name: string,
  prepare?: (page: Page, size: Size) => Promise<void>,
  options: { fullPage?: boolean } = {},
) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const size of Object.keys(sizes) as Size[]) {
    await page.setViewportSize(sizes[size]);
    for (const lang of ['ja', 'en'] as const) {
      await setLanguage(page, lang);
      await page.reload();
      await settle(page);
      if (prepare) await prepare(page, size);
      await page.waitForTimeout(250); // transitions
      await page.screenshot({
        path: `${SCREENSHOTS}/${name}-${size}-${lang}.png`,
        fullPage: options.fullPage ?? !prepare,
      });
    }
  }
  await setLanguage(page, 'ja');
  await page.setViewportSize(sizes.desktop);
}

export type Session = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs these demo users in once for the whole spec file (sign-ins are rate limited per address:
 * 10 a minute) and returns `open`, which opens a page as one of them (signed out with `null`) at a
 * path; the pages a test opened are closed after it.
 */
export function signInOncePerFile(...who: (keyof typeof users)[]) {
  const sessions = new Map<keyof typeof users, Session>();
  const contexts: BrowserContext[] = [];
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    for (const person of who) {
      const context = await browser.newContext();
      await signIn(await context.newPage(), users[person]);
      sessions.set(person, await context.storageState());
      await context.close();
    }
  });
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  return async function open(browser: Browser, as: keyof typeof users | null, path = '/'): Promise<Page> {
    const context = await browser.newContext(as ? { storageState: sessions.get(as) } : {});
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(path);
    return page;
  };
}
