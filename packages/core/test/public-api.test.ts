// The public surface of @sim-integrations/core is written down in etc/core.api.md and etc/core-node.api.md
// (@microsoft/api-extractor's API reports) and reviewed like code: this fails when the built declarations differ from
// the reports. After an intended change: `npm run api -w @sim-integrations/core`, and commit the reports.
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, type ExtractorMessage } from '@microsoft/api-extractor';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe.each(['api-extractor.json', 'api-extractor.node.json'])('the public API report (%s)', (file) => {
  it('matches the built declarations', () => {
    const messages: string[] = [];
    const result = Extractor.invoke(ExtractorConfig.loadFileAndPrepare(`${root}${file}`), {
      localBuild: false,
      messageCallback: (m: ExtractorMessage) => {
        if (m.logLevel === 'error' || m.logLevel === 'warning') messages.push(m.text);
        m.handled = true;
      },
    });
    expect(
      result.apiReportChanged,
      `the public API changed: run \`npm run api -w @sim-integrations/core\` and review etc/*.api.md\n${messages.join('\n')}`,
    ).toBe(false);
    expect(result.succeeded, messages.join('\n')).toBe(true);
  }, 60_000);
});
