import type { operatingModels, tenantStatuses } from '@kizuna/contract';
import type { Translations } from '../../i18n/translations';

/**
 * The companies screen (企業一覧): creating, renaming, suspending and reactivating a company; and what a
 * suspended company's links (invitations, registrations, the rehire policy's share link) show.
 */
const ja = {
  nav: '企業一覧',
  card: '企業の作成・名称変更・利用停止を行います。',
  title: '企業一覧',
  lead: 'Kizuna を利用する企業を管理します。',
  create: '企業を作成',
  createTitle: '企業の作成',
  created: '{{name}}を作成しました。',
  name: '企業名',
  namePlaceholder: '株式会社〇〇',
  slug: 'スラッグ',
  slugHint: 'URL などに使う識別子です（半角英小文字・数字・ハイフン、2〜40文字）。',
  operatingModel: '運営モデル',
  models: {
    broadcast: '情報発信型',
    community: 'コミュニティ型',
  } satisfies Record<(typeof operatingModels)[number], string>,
  modelHints: {
    broadcast: '企業からアルムナイへ情報を届けます。運営の負担が少ない形です。',
    community: '情報発信に加え、アルムナイ同士の交流（グループ・投稿・イベント）を行います。',
  } satisfies Record<(typeof operatingModels)[number], string>,
  status: '状態',
  statuses: {
    active: '利用中',
    suspended: '利用停止',
  } satisfies Record<(typeof tenantStatuses)[number], string>,
  memberCount: '会員数',
  createdAt: '作成日',
  actions: '操作',
  open: '開く',
  opened: '{{name}}を開きました。',
  edit: '編集',
  editTitle: '企業情報の編集',
  saved: '保存しました。',
  suspend: '利用停止',
  reactivate: '利用再開',
  suspendTitle: '利用を停止しますか？',
  suspendBody:
    '{{name}}の利用を停止します。停止中はこの企業のスタッフ・アルムナイはログインしても機能を利用できません。いつでも再開できます。',
  reactivateTitle: '利用を再開しますか？',
  reactivateBody: '{{name}}の利用を再開します。スタッフ・アルムナイは再び機能を利用できるようになります。',
  suspended: '{{name}}の利用を停止しました。',
  reactivated: '{{name}}の利用を再開しました。',
  empty: 'まだ企業が登録されていません。',
  moreActions: 'その他の操作',
  suspendedLink: {
    title: 'この企業は現在ご利用いただけません',
    body: 'このリンクを送った企業の Kizuna の利用は、現在停止されています。停止中は、招待の承諾、会員登録とメールアドレスの確認、再雇用条件の閲覧はできません。このページでは何も登録・変更されていません。',
    next: '利用が再開されると、有効期限内であればこのリンクをそのまま使えます。ご不明な点は、リンクを送った企業のご担当者にお問い合わせください。',
  },
};

const en: Translations<typeof ja> = {
  nav: 'Companies',
  card: 'Create, rename and suspend companies.',
  title: 'Companies',
  lead: 'Manage the companies that use Kizuna.',
  create: 'Create company',
  createTitle: 'Create a company',
  created: '{{name}} has been created.',
  name: 'Company name',
  namePlaceholder: 'Example Corporation',
  slug: 'Slug',
  slugHint: 'An identifier used in URLs (lowercase letters, digits and hyphens, 2–40 characters).',
  operatingModel: 'Operating model',
  models: {
    broadcast: 'Broadcast',
    community: 'Community',
  },
  modelHints: {
    broadcast: 'The company sends information to alumni. Light to run.',
    community: 'Broadcast plus alumni interacting with each other: groups, posts and events.',
  },
  status: 'Status',
  statuses: {
    active: 'Active',
    suspended: 'Suspended',
  },
  memberCount: 'Members',
  createdAt: 'Created',
  actions: 'Actions',
  open: 'Open',
  opened: 'Opened {{name}}.',
  edit: 'Edit',
  editTitle: 'Edit company',
  saved: 'Saved.',
  suspend: 'Suspend',
  reactivate: 'Reactivate',
  suspendTitle: 'Suspend this company?',
  suspendBody:
    'Suspending {{name}} stops its staff and alumni from using Kizuna, even when they sign in. You can reactivate it at any time.',
  reactivateTitle: 'Reactivate this company?',
  reactivateBody: 'Reactivating {{name}} lets its staff and alumni use Kizuna again.',
  suspended: '{{name}} has been suspended.',
  reactivated: '{{name}} has been reactivated.',
  empty: 'No companies yet.',
  moreActions: 'More actions',
  suspendedLink: {
    title: 'This company is not available at the moment',
    body: 'The company that sent this link has its use of Kizuna suspended. While it is suspended, invitations cannot be accepted, registrations cannot be made or confirmed, and the rehire policy cannot be read. Nothing has been registered or changed here.',
    next: 'Once the company is reactivated, this link works again until it expires. For questions, contact the person at the company who sent it.',
  },
};

export const tenantsI18n = { ja, en };
