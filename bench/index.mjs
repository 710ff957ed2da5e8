#!/usr/bin/env node
// `npm run bench`: runs each benchmark section side by side against the local emulator, prints
// ratio tables and writes them to bench/RESULTS.md with the machine and Node version.
// Benchmarks are measurements, never assertions: the machine is shared and noisy.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const sections = [
  ['Core client', './core.mjs'],
  ['GitHub Action', './github-action.mjs'],
  ['Many runs at once', './many.mjs'],
  ['Several processes on one key', './processes.mjs'],
];

const only = process.argv.slice(2);
const resultsPath = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const out = [];
out.push('# Benchmark results', '');
out.push(`- date: ${new Date().toISOString()}`);
out.push(`- node: ${process.version}, ${process.platform}/${process.arch}`);
out.push(
  `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
);
out.push(
  '- how: `npm run bench`; every ratio is measured side by side in one run against the local emulator on 127.0.0.1',
  '',
);
const measured = new Map();
for (const [title, file] of sections) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n## ${title}`);
  const mod = await import(file);
  const markdown = await mod.run({ log: (...a) => console.log(...a) });
  measured.set(title, markdown.trim());
  out.push(`## ${title}`, '', markdown.trim(), '');
}
if (!only.length) {
  // sections no benchmark measures (the test suite's timings, measured by hand) are kept as they are
  const kept = existsSync(resultsPath)
    ? readFileSync(resultsPath, 'utf8')
        .split(/\n(?=## )/)
        .slice(1)
        .filter((part) => !sections.some(([title]) => part.startsWith(`## ${title}\n`)))
    : [];
  for (const part of kept) out.push(part.trimEnd(), '');
  writeFileSync(resultsPath, out.join('\n'));
  console.log('\nWrote bench/RESULTS.md');
} else {
  // `npm run bench <section>`: only the sections measured are replaced in bench/RESULTS.md (or added at its end),
  // each marked with when and where it was measured
  let text = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : out.slice(0, 7).join('\n');
  for (const [title, markdown] of measured) {
    const body = `## ${title}\n\n${markdown}\n\n_Measured ${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'} (\`npm run bench ${only.join(' ')}\`)._\n`;
    const start = text.indexOf(`\n## ${title}\n`);
    if (start === -1) text = `${text.trimEnd()}\n\n${body}`;
    else {
      const end = text.indexOf('\n## ', start + 1);
      text = `${text.slice(0, start + 1)}${body}${end === -1 ? '' : `\n${text.slice(end + 1)}`}`;
    }
  }
  writeFileSync(resultsPath, text);
  console.log(`\nUpdated ${[...measured.keys()].join(', ')} in bench/RESULTS.md`);
}
