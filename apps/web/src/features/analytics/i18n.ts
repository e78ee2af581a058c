import { RECENT_IMPORT_DAYS } from '@kizuna/contract';
import type { Translations } from '../../i18n/translations';

/** The staff home's words: the numbers that matter today for the active company. */
const ja = {
  title: '今日の状況',
  lead: '{{company}}の最新の数字です。カードから対応する画面を開けます。',
  refresh: '最新の数字に更新',
  unitPeople_one: '人',
  unitPeople_other: '人',
  unitRequests_one: '件',
  unitRequests_other: '件',
  unitImports_one: '回',
  unitImports_other: '回',
  unitSent_one: '件',
  unitSent_other: '件',
  alumni: {
    label: 'アルムナイ',
    caption: '名簿に登録されている退職者（匿名化済みを除く）',
    captionNoRetirees: '名簿に登録されている退職者（匿名化済みと定年退職を除く）',
    action: '名簿を開く',
  },
  members: {
    label: '会員',
    caption: '名簿のうち会員登録した人',
    rate: '登録率 {{rate}}',
    noRate: '登録率 —',
    unregistered: '未登録 {{count}}人',
    action: '会員を見る',
    actionUnregistered: '未登録の人を見る',
  },
  pending: {
    label: '照合待ちの登録申請',
    caption: '公開ページからの申請で、担当者の判断を待っているもの',
    none: '対応が必要な申請はありません',
    attention: '対応が必要です',
    action: '照合する',
  },
  invitations: {
    label: '今月の招待',
    caption: '{{month}}に送った会員登録の案内（日本時間）',
    action: 'セグメントで招待する',
  },
  imports: {
    label: 'CSV取り込み',
    window: `直近${RECENT_IMPORT_DAYS}日の取り込み`,
    last: '最終 {{date}}',
    lastCounts: '最終 {{date}}（追加 {{created}}件・更新 {{updated}}件）',
    never: 'まだ取り込みはありません',
    action: 'CSVを取り込む',
  },
  noAccess: 'この操作の権限はありません',
};

const en: Translations<typeof ja> = {
  title: 'Today at a glance',
  lead: 'The latest numbers for {{company}}. Each card opens the page where you act on it.',
  refresh: 'Refresh the numbers',
  unitPeople_one: 'person',
  unitPeople_other: 'people',
  unitRequests_one: 'request',
  unitRequests_other: 'requests',
  unitImports_one: 'import',
  unitImports_other: 'imports',
  unitSent_one: 'sent',
  unitSent_other: 'sent',
  alumni: {
    label: 'Alumni',
    caption: 'Leavers on record (anonymized records excluded)',
    captionNoRetirees: 'Leavers on record (anonymized records and mandatory retirement excluded)',
    action: 'Open the register',
  },
  members: {
    label: 'Members',
    caption: 'Alumni who registered as members',
    rate: 'Join rate {{rate}}',
    noRate: 'Join rate —',
    unregistered: '{{count}} not registered',
    action: 'See members',
    actionUnregistered: 'See who is not registered',
  },
  pending: {
    label: 'Registrations waiting',
    caption: 'Sign-ups from the public page waiting for a staff decision',
    none: 'Nothing waits for you',
    attention: 'Needs your decision',
    action: 'Review and match',
  },
  invitations: {
    label: 'Invitations this month',
    caption: 'Registration links mailed in {{month}} (Japan time)',
    action: 'Invite a segment',
  },
  imports: {
    label: 'CSV imports',
    window: `Imports in the last ${RECENT_IMPORT_DAYS} days`,
    last: 'Last on {{date}}',
    lastCounts: 'Last on {{date}}: {{created}} added, {{updated}} updated',
    never: 'No import yet',
    action: 'Import a CSV file',
  },
  noAccess: 'You may not do this',
};

export const analyticsI18n = { ja, en };
