// What every workflow-management sub-action shares with the run action: the key is masked before anything else, the
// inputs are checked before any request, one core client (src/client.ts), every declared output is set on every path
// (empty when not applicable), a job summary, and a failure that says what failed and what to do.
import * as core from '@actions/core';
import { SimValidationError, type SimClient } from '@sim-integrations/core/node';
import { createClient } from '../client.js';
import { InputError, type InputReader } from '../inputs.js';
import { codeBlock } from '../markdown.js';
import { writeSummaryMarkdown } from '../summary.js';
import { readConnection } from './inputs.js';

export interface StepReport {
  outputs: Record<string, string>;
  /** Markdown for the job summary. */
  summary: string;
  /** When set, the step fails with this message (after its outputs and summary are written). */
  failure?: string;
}

export interface InputSpec {
  /** The action.yml default ('' when it has none); an empty input reads as this. */
  default: string;
  required?: true;
}

/** The inputs every sub-action has (action.yml `api-key`, `base-url`). */
export const CONNECTION_INPUTS: Record<string, InputSpec> = {
  'api-key': { default: '', required: true },
  'base-url': { default: 'https://www.sim.ai' },
};

export interface ManagementStep {
  /** Shown in messages: "Sim deploy failed: …". */
  title: string;
  /** The inputs its action.yml declares, in order (the tests hold the two together). */
  inputs: Record<string, InputSpec>;
  /** The outputs its action.yml declares. */
  outputs: readonly string[];
  /** The action's input for each field the core names in a SimValidationError (e.g. `name` → `version-name`). */
  fields: Record<string, string>;
  run(ctx: { client: SimClient; read: InputReader }): Promise<StepReport>;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The text a failed step reports: the input at fault, or what failed. */
export function failureText(step: Pick<ManagementStep, 'title' | 'fields'>, err: unknown): string {
  if (err instanceof InputError) return err.message;
  const field =
    err instanceof SimValidationError
      ? ({ apiKey: 'api-key', baseUrl: 'base-url', ...step.fields } as Record<string, string>)[err.field ?? '']
      : undefined;
  if (field) return `Input \`${field}\`: ${message(err)}`;
  return `Sim ${step.title} failed: ${message(err)}`;
}

export async function runManagementStep(step: ManagementStep): Promise<void> {
  const rawKey = core.getInput('api-key');
  if (rawKey) core.setSecret(rawKey);
  // Reads a declared input, with its action.yml default when empty (the runner sets defaults; a direct `node` run may not).
  const read: InputReader = (name) => {
    const spec = step.inputs[name];
    if (!spec) throw new Error(`the ${step.title} action reads an input its action.yml does not declare: ${name}`);
    return core.getInput(name) || spec.default;
  };
  let report: StepReport;
  try {
    const connection = readConnection(read);
    const client = createClient(connection);
    core.info(`Sim ${step.title} on ${connection.baseUrl}`);
    report = await step.run({ client, read });
  } catch (err) {
    const text = failureText(step, err);
    report = {
      outputs: {},
      summary: `## Sim ${step.title}\n\n❌ failed\n\n${codeBlock(text, 'text')}\n`,
      failure: text,
    };
  }
  for (const name of step.outputs) core.setOutput(name, report.outputs[name] ?? '');
  await writeSummaryMarkdown(report.summary);
  if (report.failure) core.setFailed(report.failure);
}

/**
 * Applies a change (deploy, rollback) to each workflow in order and stops at the first failure. A failure before
 * anything changed is thrown (the step fails like any other error); after that, the failure message says which
 * workflows were changed and which were not attempted, and what was done is returned for the outputs.
 */
export async function eachWorkflow<T extends { version: number }>(
  ids: string[],
  title: string,
  apply: (workflowId: string, index: number) => Promise<T>,
): Promise<{ done: Map<string, T>; failure?: string }> {
  const done = new Map<string, T>();
  for (const [index, id] of ids.entries()) {
    try {
      done.set(id, await apply(id, index));
    } catch (err) {
      if (done.size === 0) throw err;
      const rest = ids.slice(index + 1);
      const changed = [...done].map(([w, c]) => `${w} → version ${c.version}`).join(', ');
      return {
        done,
        failure: `Sim ${title} of ${id} failed: ${message(err)} Already done: ${changed}.${rest.length ? ` Not attempted: ${rest.join(', ')}.` : ''}`,
      };
    }
  }
  return { done };
}
