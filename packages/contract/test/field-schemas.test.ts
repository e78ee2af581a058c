import { describe, expect, it } from 'vitest';
import {
  alumnusInputSchema,
  fieldMessages,
  isKana,
  isPhone,
  memberProfileInputSchema,
  memberProfileSchema,
  selfRegistrationSchema,
} from '../src/index.js';

const leaver = { familyName: '田中', givenName: '太郎', leftOn: '2024-03-31', leaveType: 'voluntary' };
const registration = {
  email: 'sato@example.com',
  familyName: '佐藤',
  givenName: '次郎',
  consents: ['member_profile'],
  noticeVersion: 1,
};

/** The message keys of the issues, by dotted path. */
function problems(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('furigana', () => {
  it.each([
    'タナカ',
    'たなか',
    'ﾀﾅｶ',
    'タナカ タロウ',
    'タナカ　タロウ',
    'スミス・ジョン',
    'ﾏｲｹﾙ･ｼﾞｮｰﾀﾞﾝ',
    'コーイチ',
    'ささき',
    'ヴァン',
    'いすゞ',
    '',
  ])('accepts %j', (value) => {
    expect(isKana(value)).toBe(true);
  });

  it.each(['Tanaka', 'tanaka taro', 'タナカ taro', '田中', 'タナカ1', 'ＴＡＮＡＫＡ', 'タナカ-タロウ'])(
    'refuses %j',
    (value) => {
      expect(isKana(value)).toBe(false);
    },
  );

  it('turns kana into full-width katakana for a leaver record and refuses romaji', () => {
    const ok = alumnusInputSchema.parse({ ...leaver, familyNameKana: 'たなか', givenNameKana: 'ﾀﾛｳ' });
    expect([ok.familyNameKana, ok.givenNameKana]).toEqual(['タナカ', 'タロウ']);
    const empty = alumnusInputSchema.parse({ ...leaver, familyNameKana: '', givenNameKana: null });
    expect([empty.familyNameKana, empty.givenNameKana]).toEqual([null, null]);
    const bad = alumnusInputSchema.safeParse({
      ...leaver,
      familyNameKana: 'Tanaka',
      givenNameKana: 'タロウ',
    });
    expect(problems(bad)).toEqual({ familyNameKana: 'invalid_kana' });
  });

  it('refuses romaji on the public registration form', () => {
    expect(selfRegistrationSchema.safeParse({ ...registration, familyNameKana: 'さとう' }).success).toBe(
      true,
    );
    const bad = selfRegistrationSchema.safeParse({ ...registration, givenNameKana: 'Jiro' });
    expect(problems(bad)).toEqual({ givenNameKana: 'invalid_kana' });
  });
});

describe('phone numbers', () => {
  it.each(['090-1234-5678', '+81 90 1234 5678', '(03) 1234-5678', '0312345678', ''])(
    'accepts %j',
    (value) => {
      expect(isPhone(value)).toBe(true);
    },
  );

  it.each([
    '090-1234-5678 内線12',
    'ext. 12',
    '03.1234.5678',
    '090ー1234ー5678',
    '---',
    '+',
    'tel:0312345678',
  ])('refuses %j', (value) => {
    expect(isPhone(value)).toBe(false);
  });

  it('makes full-width digits half-width on a leaver record and refuses letters', () => {
    expect(alumnusInputSchema.parse({ ...leaver, phone: '０９０－１２３４－５６７８' }).phone).toBe(
      '090-1234-5678',
    );
    expect(alumnusInputSchema.parse({ ...leaver, phone: '  ' }).phone).toBeNull();
    expect(problems(alumnusInputSchema.safeParse({ ...leaver, phone: '090-1234-5678 (mobile)' }))).toEqual({
      phone: 'invalid_phone',
    });
    expect(problems(alumnusInputSchema.safeParse({ ...leaver, phone: '1'.repeat(31) }))).toEqual({
      phone: 'too_long',
    });
  });

  it('checks a member’s own phone number, but not the stored one a reply carries', () => {
    expect(memberProfileInputSchema.parse({ phone: '+81 (90) 1234-5678' }).phone).toBe('+81 (90) 1234-5678');
    expect(memberProfileInputSchema.parse({}).phone).toBeNull();
    expect(problems(memberProfileInputSchema.safeParse({ phone: 'abc' }))).toEqual({
      phone: 'invalid_phone',
    });
    // a reply with a number saved before the rule existed still serializes
    const stored = memberProfileSchema.shape.phone.safeParse('03-1234-5678 内線12');
    expect(stored.success).toBe(true);
  });
});

describe('messages', () => {
  it('has both languages for the new field problems', () => {
    for (const key of ['invalid_kana', 'invalid_phone'] as const) {
      expect(fieldMessages[key].ja).toMatch(/\S/);
      expect(fieldMessages[key].en).toMatch(/\S/);
    }
  });
});
