import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/tokens.js';
import {
  anonymous,
  BASE_URL,
  clientFor,
  cookiesOf,
  createMember,
  createTestContext,
  lastMailTo,
  linkIn,
  nextIp,
  PASSWORD,
  signIn,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { createLeaver, createNetwork, selfRegistrationForm } from './member-helpers.js';
import { startSmtpSink } from './smtp-sink.js';

// Issue 9: a database read reveals no usable mailed link. Each kind of link is made through HTTP
// with SMTP configured (as in production: the outbox keeps no body), its token is taken from the
// mail the SMTP server received (or, for the rehire policy's share link, from the answer that
// shows it), and every text, varchar, char, json, jsonb and array column of every table is then
// searched for it on the owner connection, which row-level security does not hide rows from.
// Each case also finds the stored form where it belongs, so the search demonstrably reaches it,
// and follows the link afterwards: hashing does not break it.

/** The decoded bodies of a received message (nodemailer writes quoted-printable or base64). */
function bodiesOf(raw: string): string {
  const parts = [
    ...raw.matchAll(
      /Content-Transfer-Encoding: ([\w-]+)\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?=\r?\n--|$)/gi,
    ),
  ];
  return parts
    .map(([, encoding, body]) => {
      const e = encoding!.toLowerCase();
      if (e === 'base64') return Buffer.from(body!.replace(/\s/g, ''), 'base64').toString('utf8');
      if (e === 'quoted-printable')
        return Buffer.from(
          body!
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          'latin1',
        ).toString('utf8');
      return body!;
    })
    .join('\n');
}

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ctx: TestContext;
beforeAll(async () => {
  sink = await startSmtpSink();
  ctx = await createTestContext({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}` } });
});
afterAll(async () => {
  await ctx?.close();
  await sink?.close();
});

/** The link of the newest message the SMTP server received for `email`. */
function mailedLink(email: string): URL {
  const message = sink.received.findLast((m) => m.to.includes(email));
  if (!message) throw new Error(`no mail to ${email}`);
  const links = [...bodiesOf(message.raw).matchAll(/https?:\/\/[^\s"<>]+/g)].map((m) => new URL(m[0]));
  const link = links.find((l) => l.origin === BASE_URL);
  if (!link) throw new Error(`no link in the mail to ${email}`);
  return link;
}
const lastSegment = (url: URL) => url.pathname.split('/').pop()!;

/** Every column that can hold text, in every table of the database. */
async function textColumns(on: TestContext) {
  const r = await on.db.unsafeOwner.execute(sql`
    select c.table_schema as s, c.table_name as t, c.column_name as c
    from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where t.table_type = 'BASE TABLE'
      and c.table_schema not in ('pg_catalog', 'information_schema')
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
    order by 1, 2, 3`);
  return (r as unknown as { rows: { s: string; t: string; c: string }[] }).rows;
}

/** Where `needle` is stored: `table.column` of every column holding it somewhere (strpos: no wildcards). */
async function placesHolding(needle: string, on: TestContext = ctx): Promise<string[]> {
  const columns = await textColumns(on);
  expect(columns.length).toBeGreaterThan(40); // the catalogue query found the schema, not nothing
  const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const found: string[] = [];
  for (const { s, t, c } of columns) {
    const r = await on.db.unsafeOwner.execute(
      sql`select 1 as hit from ${sql.raw(`${id(s)}.${id(t)}`)} where strpos(${sql.raw(id(c))}::text, ${needle}) > 0 limit 1`,
    );
    if ((r as unknown as { rows: unknown[] }).rows.length)
      found.push(s === 'public' ? `${t}.${c}` : `${s}.${t}.${c}`);
  }
  return found;
}

/** The form better-auth's magic-link plugin stores with `storeToken: 'hashed'`. */
const betterAuthHash = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('the search for a token in the database', () => {
  it('finds a value planted in a text, varchar, jsonb or text[] column, and only there', async () => {
    const planted = randomBytes(32).toString('base64url');
    await ctx.db.unsafeOwner.execute(
      sql`create table tokens_hashed_probe (t text, v varchar(200), j jsonb, a text[], other text)`,
    );
    try {
      await ctx.db.unsafeOwner.execute(sql`insert into tokens_hashed_probe (t, v, j, a, other)
        values (${`link /x/${planted}`}, ${planted}, ${JSON.stringify({ url: `/y?token=${planted}` })}::jsonb,
                array['a', ${planted}], 'nothing')`);
      expect(await placesHolding(planted)).toEqual([
        'tokens_hashed_probe.a',
        'tokens_hashed_probe.j',
        'tokens_hashed_probe.t',
        'tokens_hashed_probe.v',
      ]);
      // a LIKE wildcard in the needle matches nothing it should not
      expect(await placesHolding(`${planted.slice(0, 10)}_%`)).toEqual([]);
    } finally {
      await ctx.db.unsafeOwner.execute(sql`drop table tokens_hashed_probe`);
    }
  });
});

describe('a mailed link’s token is stored only as its hash, and the link works', () => {
  it('a staff invitation', async () => {
    const network = await createNetwork(ctx, '株式会社ハッシュ招待');
    const email = uniqueEmail('hashed-invitee');
    const res = await network.admin.post('/api/invitations', { email, role: 'company_staff' });
    expect(res.statusCode).toBe(201);
    expect(res.json().mailSent).toBe(true);
    const link = mailedLink(email);
    expect(link.pathname).toMatch(/^\/invitations\//);
    const token = lastSegment(link);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits

    expect(await placesHolding(token)).toEqual([]);
    expect(await placesHolding(hashToken(token))).toEqual(['invitations.token_hash']);

    expect((await anonymous(ctx).get(`/api/public/invitations/${token}`)).json()).toMatchObject({ email });
    const accept = await anonymous(ctx).post(`/api/public/invitations/${token}/accept`, {
      name: '招待 花子',
      password: PASSWORD,
    });
    expect(accept.statusCode).toBe(200);
    expect((await signIn(ctx, email)).cookie).toContain('session_token');
    expect(await placesHolding(token)).toEqual([]);
  });

  it('an alumni invitation', async () => {
    const network = await createNetwork(ctx, '株式会社ハッシュ同窓');
    const leaver = await createLeaver(network.admin);
    expect((await network.admin.post(`/api/alumni/${leaver.id}/invitation`)).statusCode).toBe(201);
    const link = mailedLink(leaver.email);
    expect(link.pathname).toMatch(/^\/join\//);
    const token = lastSegment(link);

    expect(await placesHolding(token)).toEqual([]);
    expect(await placesHolding(hashToken(token))).toEqual(['alumni_invitations.token_hash']);

    expect((await anonymous(ctx).get(`/api/public/alumni-invitations/${token}`)).statusCode).toBe(200);
    const registered = await anonymous(ctx).post(`/api/public/alumni-invitations/${token}/register`, {
      familyName: '田中',
      givenName: '健太',
      interests: ['rehire'],
      consents: ['member_profile'],
      noticeVersion: network.noticeVersion,
      password: 'member-password-1',
    });
    expect(registered.statusCode).toBeLessThan(300);
    expect(await placesHolding(token)).toEqual([]);
  });

  it('a self-registration’s confirmation link', async () => {
    const network = await createNetwork(ctx, '株式会社ハッシュ登録');
    const email = uniqueEmail('hashed-self');
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: `/api/public/networks/${network.slug}/registrations`,
      remoteAddress: nextIp(),
      headers: { origin: BASE_URL },
      payload: selfRegistrationForm(email, network.noticeVersion),
    });
    expect(submitted.statusCode).toBe(202);
    const link = mailedLink(email);
    expect(link.pathname).toMatch(/^\/network\/verify\//);
    const token = lastSegment(link);

    expect(await placesHolding(token)).toEqual([]);
    expect(await placesHolding(hashToken(token))).toEqual(['alumni_registration_requests.token_hash']);

    const url = `/api/public/registration-verifications/${token}`;
    expect((await anonymous(ctx).get(url)).json()).toMatchObject({ email });
    const confirmed = await anonymous(ctx).post(url, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('queued'); // no leaver record has this address
    expect(await placesHolding(token)).toEqual([]);
  });

  it('the rehire policy’s share link', async () => {
    const network = await createNetwork(ctx, '株式会社ハッシュ方針');
    const saved = await network.admin.put('/api/rehire-policy', {
      version: 0,
      policy: { published: true, minTenureMonths: 12, explanation: '在籍1年以上の方が対象です。' },
    });
    expect(saved.statusCode).toBe(200);
    const shared = await network.admin.post('/api/rehire-policy/share-link');
    expect(shared.statusCode).toBeLessThan(300);
    const token = lastSegment(new URL(shared.json().url));
    expect(token.length).toBeGreaterThanOrEqual(32); // 192 bits

    expect(await placesHolding(token)).toEqual([]);
    expect(await placesHolding(hashToken(token))).toEqual(['rehire_policies.share_token_hash']);

    const read = await anonymous(ctx).get(`/api/public/rehire-policy/${token}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().explanation).toBe('在籍1年以上の方が対象です。');
    expect(await placesHolding(token)).toEqual([]);
  });

  it('a sign-in link (better-auth’s magic link, hashed by its plugin and as an identifier)', async () => {
    const network = await createNetwork(ctx, '株式会社ハッシュ魔法');
    const user = await createMember(ctx, network.tenantId, 'company_staff');
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/magic-link',
      remoteAddress: nextIp(),
      headers: { origin: BASE_URL, 'content-type': 'application/json' },
      payload: { email: user.email, callbackURL: '/' },
    });
    expect(asked.statusCode).toBe(200);
    const link = mailedLink(user.email);
    expect(link.pathname).toBe('/api/auth/magic-link/verify');
    const token = link.searchParams.get('token')!;
    expect(token).toBeTruthy();

    expect(await placesHolding(token)).toEqual([]);
    // hashed by the plugin, then the whole identifier again (verification.storeIdentifier)
    expect(await placesHolding(betterAuthHash(`magic-link:${betterAuthHash(token)}`))).toEqual([
      'auth_verification.identifier',
    ]);

    const verify = await ctx.app.inject({
      method: 'GET',
      url: link.pathname + link.search,
      remoteAddress: nextIp(),
    });
    expect(verify.statusCode).toBe(302);
    const me = await clientFor(ctx, cookiesOf(verify)).get('/api/me');
    expect(me.json().user.email).toBe(user.email);
    expect(await placesHolding(token)).toEqual([]);
  });
  it('a password-reset link (better-auth’s verification identifier, stored hashed)', async () => {
    const network = await createNetwork(ctx, '株式会社ハッシュ再設定');
    const user = await createMember(ctx, network.tenantId, 'company_staff');
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      remoteAddress: nextIp(),
      headers: { origin: BASE_URL, 'content-type': 'application/json' },
      payload: { email: user.email, redirectTo: '/reset-password' },
    });
    expect(asked.statusCode).toBe(200);
    const link = mailedLink(user.email);
    const token = lastSegment(link);
    expect(link.pathname).toBe(`/api/auth/reset-password/${token}`);

    expect(await placesHolding(token)).toEqual([]);
    expect(await placesHolding(betterAuthHash(`reset-password:${token}`))).toEqual([
      'auth_verification.identifier',
    ]);

    const reset = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      remoteAddress: nextIp(),
      headers: { origin: BASE_URL, 'content-type': 'application/json' },
      payload: { newPassword: 'a-brand-new-password', token },
    });
    expect(reset.statusCode).toBe(200);
    expect((await signIn(ctx, user.email, 'a-brand-new-password')).cookie).toContain('session_token');
    expect(await placesHolding(token)).toEqual([]);
  });
});

describe('without SMTP (development and demos only)', () => {
  let dev: TestContext;
  beforeAll(async () => {
    dev = await createTestContext();
  });
  afterAll(() => dev?.close());

  it('the outbox keeps the body with the link: the search finds the token there and nowhere else', async () => {
    const network = await createNetwork(dev, '株式会社ハッシュ開発');
    const email = uniqueEmail('hashed-dev');
    expect((await network.admin.post('/api/invitations', { email, role: 'company_staff' })).statusCode).toBe(
      201,
    );
    const token = lastSegment(new URL(linkIn((await lastMailTo(dev, email))!.text)));
    expect(await placesHolding(token, dev)).toEqual(['outgoing_mail.html', 'outgoing_mail.text']);
    expect(await placesHolding(hashToken(token), dev)).toEqual(['invitations.token_hash']);
  });
});
