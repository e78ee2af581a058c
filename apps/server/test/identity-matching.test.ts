import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  type Client,
  createCompany,
  createTestContext,
  lastMailTo,
  linkIn,
  loginAs,
  type TestContext,
  uniqueEmail,
} from './helpers.js';
import { createLeaver } from './member-helpers.js';

/**
 * Matching a registration request to a leaver record (issue 9): the verified e-mail or the
 * employee number identifies the person; a record that shares only the name is matched only when
 * staff confirmed a second attribute with the person; the record's e-mail change is audited with
 * the address before and after.
 */

let ctx: TestContext;
let slug: string;
let admin: Client;
let noticeVersion: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const company = await createCompany(ctx, '株式会社つばさ');
  slug = company.slug;
  admin = (await loginAs(ctx, company.id, 'company_admin')).client;
  noticeVersion = (await admin.get('/api/privacy-notice')).json().version;
  expect((await admin.put('/api/network-settings', { publicPageEnabled: true })).statusCode).toBe(200);
});
afterAll(() => ctx.close());

/** A self-registration whose e-mail link was followed: it waits in the queue for staff. */
async function queued(over: Record<string, unknown> = {}) {
  const email = uniqueEmail('asker');
  const res = await anonymous(ctx).post(`/api/public/networks/${slug}/registrations`, {
    email,
    familyName: '高橋',
    givenName: '誠',
    employeeNumber: null,
    leaveYear: null,
    consents: ['member_profile'],
    noticeVersion,
    ...over,
  });
  expect(res.statusCode).toBe(202);
  const token = new URL(linkIn((await lastMailTo(ctx, email))!.text)).pathname.split('/').pop()!;
  const verified = await anonymous(ctx).post(`/api/public/registration-verifications/${token}`);
  expect(verified.json().status).toBe('queued');
  const body = (await admin.get('/api/alumni/registration-requests')).json().items;
  const list = (Array.isArray(body) ? body : body.items) as { id: string; email: string }[];
  return list.find((r) => r.email === email)!;
}

const candidateOf = async (requestId: string, alumnusId: string) =>
  (await admin.get(`/api/alumni/registration-requests/${requestId}`))
    .json()
    .candidates.find((c: { alumnusId: string }) => c.alumnusId === alumnusId);

const auditOf = async (action: string) =>
  (await admin.get(`/api/audit?action=${action}`)).json().items as {
    subjectId: string;
    detail: Record<string, unknown>;
  }[];

describe('a record that shares only the name', () => {
  it('is marked as needing confirmation, and matching it without one is refused and changes nothing', async () => {
    const record = await createLeaver(admin, {
      familyName: '高橋',
      givenName: '誠',
      employeeNumber: 'T-100',
    });
    const req = await queued();
    const candidate = await candidateOf(req.id, record.id);
    expect(candidate).toMatchObject({ matchedOn: ['name'], needsConfirmation: true });

    const refused = await admin.post(`/api/alumni/registration-requests/${req.id}/match`, {
      alumnusId: record.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields).toEqual([
      {
        path: 'body.confirmation',
        message:
          'この記録とはお名前だけが一致しています。社員番号・入社日・退職日のいずれかをご本人に確認し、確認した項目と方法を入力してください。',
      },
    ]);
    const english = await admin.request({
      method: 'POST',
      url: `/api/alumni/registration-requests/${req.id}/match`,
      payload: { alumnusId: record.id },
      lang: 'en',
    });
    expect(english.json().error.fields[0].message).toMatch(/^Only the name matches this record/);
    // nothing changed: the record keeps its address, the request still waits, nobody was mailed
    expect((await admin.get(`/api/alumni/${record.id}`)).json()).toMatchObject({
      email: record.email,
      isRegistered: false,
    });
    expect((await admin.get(`/api/alumni/registration-requests/${req.id}`)).json().status).toBe('pending');
    expect((await lastMailTo(ctx, req.email))!.subject).not.toMatch(/完了/);
    expect((await auditOf('alumnus.email_change')).some((e) => e.subjectId === record.id)).toBe(false);
  });

  it('is matched once staff say which attribute they confirmed and how; the match and the e-mail change are audited', async () => {
    const record = await createLeaver(admin, { familyName: '高橋', givenName: '誠', joinedOn: '2015-04-01' });
    const req = await queued();
    const blank = await admin.post(`/api/alumni/registration-requests/${req.id}/match`, {
      alumnusId: record.id,
      confirmation: { attribute: 'joined_on', note: '  ' },
    });
    expect(blank.statusCode).toBe(400);

    const matched = await admin.post(`/api/alumni/registration-requests/${req.id}/match`, {
      alumnusId: record.id,
      confirmation: { attribute: 'joined_on', note: '12/3 電話で入社年月（2015年4月）を確認' },
    });
    expect(matched.statusCode).toBe(200);
    expect((await admin.get(`/api/alumni/${record.id}`)).json()).toMatchObject({
      email: req.email,
      isRegistered: true,
    });
    const match = (await auditOf('registration_request.match')).find((e) => e.subjectId === req.id)!;
    expect(match.detail).toMatchObject({
      alumnusId: record.id,
      matchedOn: ['name'],
      confirmedBy: 'joined_on',
      confirmationNote: '12/3 電話で入社年月（2015年4月）を確認',
    });
    const change = (await auditOf('alumnus.email_change')).find((e) => e.subjectId === record.id)!;
    expect(change.detail).toMatchObject({
      from: record.email,
      to: req.email,
      via: 'registration_request',
      requestId: req.id,
    });
    // the new address is searchable, the old one no longer finds the record
    const byNew = (await admin.get(`/api/alumni?q=${encodeURIComponent(req.email)}`)).json();
    expect(byNew.items.map((a: { id: string }) => a.id)).toContain(record.id);
    const byOld = (await admin.get(`/api/alumni?q=${encodeURIComponent(record.email)}`)).json();
    expect(byOld.items.map((a: { id: string }) => a.id)).not.toContain(record.id);
    // the record's timeline shows the change
    const timeline = (await admin.get(`/api/alumni/${record.id}/timeline`)).json().items;
    const entries = (Array.isArray(timeline) ? timeline : timeline.items) as { action: string }[];
    expect(entries.map((e) => e.action)).toContain('alumnus.email_change');
  });
});

describe('a record that shares the verified e-mail or the employee number', () => {
  it('is matched without a confirmation (employee number), and the e-mail change is audited', async () => {
    const record = await createLeaver(admin, {
      familyName: '高橋',
      givenName: '誠',
      employeeNumber: 'E-5150',
    });
    const req = await queued({ employeeNumber: 'E-5150' });
    expect(await candidateOf(req.id, record.id)).toMatchObject({
      matchedOn: ['employee_number', 'name'],
      needsConfirmation: false,
    });
    const matched = await admin.post(`/api/alumni/registration-requests/${req.id}/match`, {
      alumnusId: record.id,
    });
    expect(matched.statusCode).toBe(200);
    const change = (await auditOf('alumnus.email_change')).find((e) => e.subjectId === record.id)!;
    expect(change.detail).toMatchObject({ from: record.email, to: req.email });
    const match = (await auditOf('registration_request.match')).find((e) => e.subjectId === req.id)!;
    expect(match.detail).not.toHaveProperty('confirmedBy');
  });

  it('a leave year in common is shown, but does not identify the person on its own', async () => {
    const record = await createLeaver(admin, { familyName: '高橋', givenName: '誠', leftOn: '2021-09-30' });
    const req = await queued({ leaveYear: 2021 });
    expect(await candidateOf(req.id, record.id)).toMatchObject({
      matchedOn: ['name', 'leave_year'],
      needsConfirmation: true,
    });
  });
});
