import { encodeCsv } from '../../platform/csv.js';
import type { ImportField } from './import.js';

/**
 * The template CSV people fill in: our headers in Japanese, each one the import recognises
 * (see `suggestMapping`), with one example row that imports cleanly.
 */
export const TEMPLATE_COLUMNS: { header: string; field: ImportField; example: string }[] = [
  { header: '社員番号', field: 'employeeNumber', example: 'SAMPLE-001' },
  { header: '姓', field: 'familyName', example: '山田' },
  { header: '名', field: 'givenName', example: '花子' },
  { header: 'セイ', field: 'familyNameKana', example: 'ヤマダ' },
  { header: 'メイ', field: 'givenNameKana', example: 'ハナコ' },
  { header: 'メールアドレス', field: 'email', example: 'hanako.yamada@example.com' },
  { header: '電話番号', field: 'phone', example: '090-1234-5678' },
  { header: '部署', field: 'department', example: '営業部' },
  { header: '役職', field: 'position', example: '主任' },
  { header: '入社日', field: 'joinedOn', example: '2015/04/01' },
  { header: '退職日', field: 'leftOn', example: '2024/03/31' },
  { header: '退職区分', field: 'leaveType', example: '自己都合' },
  { header: '退職理由区分', field: 'leaveReasonCategory', example: 'キャリアアップ' },
  { header: '退職理由詳細', field: 'leaveReasonNote', example: '海外営業に挑戦するため' },
  { header: '現在の勤務先', field: 'currentCompany', example: '株式会社サンプル' },
  { header: '現在の役職', field: 'currentTitle', example: '営業マネージャー' },
  { header: '決裁権', field: 'hasDecisionAuthority', example: 'いいえ' },
  { header: 'スキル', field: 'skills', example: '法人営業、英語' },
  { header: '関心', field: 'interests', example: '再雇用、副業' },
  { header: 'タグ', field: 'tags', example: '2024年3月退職' },
  { header: '社内メモ', field: 'internalNotes', example: '' },
  { header: '連絡不可', field: 'doNotContact', example: 'いいえ' },
];

export function importTemplate(encoding: 'utf8' | 'cp932'): Buffer {
  return encodeCsv([TEMPLATE_COLUMNS.map((c) => c.header), TEMPLATE_COLUMNS.map((c) => c.example)], encoding);
}

/** The download's name: ASCII for old clients, the Japanese name for the others (RFC 6266). */
export function templateDisposition(encoding: 'utf8' | 'cp932'): string {
  const suffix = encoding === 'cp932' ? 'sjis' : 'utf8';
  const name = `アルムナイ取り込みテンプレート_${encoding === 'cp932' ? 'Shift_JIS' : 'UTF-8'}.csv`;
  return `attachment; filename="alumni-import-template-${suffix}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
