#!/usr/bin/env node
// `npm run bench`: runs each benchmark section side by side against the local emulator, prints
// ratio tables and writes them to bench/RESULTS.md with the machine and Node version.
// Benchmarks are measurements, never assertions: the machine is shared and noisy.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const sections = [
  ['Core client', './core.mjs'],
  ['GitHub Action', './github-action.mjs'],
  ['Many runs at once', './many.mjs'],
];

const only = process.argv.slice(2);
const out = [];
out.push('# Benchmark results', '');
out.push(`- date: ${new Date().toISOString()}`);
out.push(`- node: ${process.version}, ${process.platform}/${process.arch}`);
out.push(`- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
out.push('- how: `npm run bench`; every ratio is measured side by side in one run against the local emulator on 127.0.0.1', '');
for (const [title, file] of sections) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n## ${title}`);
  const mod = await import(file);
  const markdown = await mod.run({ log: (...a) => console.log(...a) });
  out.push(`## ${title}`, '', markdown.trim(), '');
}
if (!only.length) {
  writeFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), out.join('\n'));
  console.log('\nWrote bench/RESULTS.md');
}
