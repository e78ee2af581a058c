import { createTheme } from '@mantine/core';

/** Japanese glyphs first from fonts made for them, then the platform's, then IPA (Linux). */
const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  'Meiryo',
  '"IPAexGothic"',
  '"IPAGothic"',
  'Roboto',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  primaryColor: 'grape',
  fontFamily,
  headings: { fontFamily, fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});
