import { alumnusSchema } from '@kizuna/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createResponseSerializer } from '../src/platform/serializer.js';

const compile = (schema: z.ZodType, check: boolean) =>
  createResponseSerializer({ check })({ schema, method: 'GET', url: '/test', httpStatus: '200' });

describe('replies written from the response schema', () => {
  const schema = z.object({
    name: z.string(),
    rule: z.enum(['leave_type', 'tenure']).nullable(),
    eligibility: z.object({ eligible: z.boolean(), rule: z.enum(['tenure']).nullable() }).nullable(),
    tags: z.array(z.string()),
  });

  it('writes only the declared properties, in production and in tests alike', () => {
    const data = {
      name: '田中',
      rule: null,
      eligibility: null,
      tags: [],
      internalNotes: '社外秘',
      password: 'x',
    };
    for (const check of [false, true]) {
      const written = JSON.parse(compile(schema, check)(data));
      expect(written).toEqual({ name: '田中', rule: null, eligibility: null, tags: [] });
    }
  });

  it('writes nullable enums and nullable objects as zod reads them', () => {
    const data = { name: 'a', rule: 'tenure', eligibility: { eligible: true, rule: null }, tags: ['x'] };
    expect(JSON.parse(compile(schema, false)(data))).toEqual(data);
    expect(JSON.parse(compile(schema, true)(data))).toEqual(data);
  });

  it('with the check on, refuses a reply that breaks the contract instead of writing it', () => {
    const broken = { name: 42, rule: 'unknown', eligibility: null, tags: [] };
    expect(() => compile(schema, true)(broken)).toThrow();
  });

  it('compiles the alumnus record, and writes a full record as zod would', () => {
    const record = alumnusSchema.parse({
      id: '00000000-0000-4000-8000-000000000001',
      familyName: '髙橋',
      givenName: '美咲',
      familyNameKana: 'タカハシ',
      givenNameKana: 'ミサキ',
      email: null,
      phone: null,
      employeeNumber: 'E-001',
      department: '営業部',
      position: null,
      joinedOn: '2015-04-01',
      leftOn: '2021-03-31',
      leaveType: 'voluntary',
      leaveReasonCategory: null,
      leaveReasonNote: null,
      currentCompany: null,
      currentTitle: null,
      hasDecisionAuthority: false,
      skills: [],
      interests: ['rehire'],
      returnConditions: { workStyle: null, location: null, payExpectation: null, earliestDate: null },
      tags: [],
      internalNotes: null,
      doNotContact: false,
      doNotContactReason: null,
      isRegistered: false,
      eligibility: null,
      anonymizedAt: null,
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(JSON.parse(compile(alumnusSchema, true)(record))).toEqual(JSON.parse(JSON.stringify(record)));
  });
});
