// Prints one plain closing line for a test runner's JSON report: "NAME: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

const [kind, name, file] = process.argv.slice(2);
if (!existsSync(file)) {
  console.log(`${name}: 0 passed, 1 failed (no report at ${file})`);
  process.exit(0);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
if (kind === 'vitest') {
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.success ? 0 : report.numFailedTestSuites);
  skipped = report.numPendingTests + report.numTodoTests;
} else {
  passed = report.stats.expected + report.stats.flaky;
  failed = report.stats.unexpected + (report.errors?.length ?? 0);
  skipped = report.stats.skipped;
}
console.log(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
