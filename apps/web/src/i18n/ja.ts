/**
 * The shell's Japanese words (the default language): the app frame and its menu sections, errors,
 * the not-found and forbidden pages, common buttons. Each feature keeps its own words in
 * features/<name>/i18n.ts; `resources.ts` puts them together.
 */
export const ja = {
  app: {
    name: 'Kizuna',
    kanji: '絆',
    tagline: 'アルムナイとの絆を、企業の力に。',
    loading: '読み込み中…',
    language: '言語',
    switchToEnglish: 'English',
    switchToJapanese: '日本語',
    openNavigation: 'メニューを開く',
    closeNavigation: 'メニューを閉じる',
    skipToContent: 'メインコンテンツへ移動',
  },
  nav: {
    home: 'ホーム',
    operatorSection: '運営管理',
    companySection: '企業',
  },
  errors: {
    network: 'サーバーに接続できませんでした。通信環境をご確認ください。',
    generic: 'エラーが発生しました。時間をおいて再度お試しください。',
    loadFailed: 'データを読み込めませんでした。',
    retry: '再読み込み',
  },
  pages: {
    notFoundTitle: 'ページが見つかりません',
    notFoundBody: 'お探しのページは移動または削除されたか、URLが間違っている可能性があります。',
    forbiddenTitle: 'このページを表示する権限がありません',
    forbiddenBody:
      'ご利用のアカウントではこのページを表示できません。必要な場合は管理者にお問い合わせください。',
    backHome: 'ホームに戻る',
    goSignIn: 'ログイン画面へ',
  },
  common: {
    save: '保存',
    cancel: 'キャンセル',
    close: '閉じる',
    confirm: '確認',
    loadMore: 'さらに読み込む',
    yes: 'はい',
    no: 'いいえ',
    none: '—',
  },
};
