#!/usr/bin/env node
// The `kizuna` command (`npm run kizuna -- …` or `npx kizuna …`).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
