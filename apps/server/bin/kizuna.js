#!/usr/bin/env node
// The `kizuna` command (`npm run kizuna -- …` or `npx kizuna …`).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
