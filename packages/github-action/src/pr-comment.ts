// One PR comment per workflow: found again by a hidden HTML marker and updated in place, so a PR
// that is pushed ten times has one up-to-date comment, not ten.
import type { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** The hidden marker identifying this Action's comment for one workflow (ids are sanitised: no `-->`). */
export function commentMarker(workflowId: string): string {
  const safe = workflowId.replace(/[^A-Za-z0-9_.:-]/g, '_').replace(/-{2,}/g, '-');
  return `<!-- sim-integrations/github-action workflow=${safe} -->`;
}

/** Looks for our comment through every page of the PR's comments; creates it or updates it. */
export async function upsertComment(
  octokit: Octokit,
  target: CommentTarget,
  marker: string,
  body: string,
): Promise<{ id: number; url: string; action: 'created' | 'updated' }> {
  const fullBody = `${marker}\n${body}`;
  const { owner, repo, issueNumber } = target;
  let existing: { id: number } | undefined;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  })) {
    existing = page.data.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
    if (existing) break;
  }
  if (existing) {
    try {
      const res = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: fullBody });
      return { id: res.data.id, url: res.data.html_url, action: 'updated' };
    } catch (err) {
      // Someone else's comment carrying our marker (403), or deleted meanwhile (404): write a new one.
      const status = (err as { status?: unknown }).status;
      if (status !== 403 && status !== 404) throw err;
    }
  }
  const res = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: fullBody });
  return { id: res.data.id, url: res.data.html_url, action: 'created' };
}
