import { Client } from 'pg';
import { JenkinsSandbox } from '@hydrator/sandbox';

/** What Hydrator has received from Jenkins before this start, per job path. */
export interface EarlierBuilds {
  /** The highest build number received. */
  lastNumbers: Map<string, number>;
  /** How many builds carried HYDRATOR_DEPLOYMENT_ID: Hydrator's own deployment attempts. */
  deploymentAttempts: Map<string, number>;
}

/**
 * Reads {@link EarlierBuilds}: from the recorded reports, and for the numbers also from the webhooks stored
 * but not yet recorded (`jenkins_webhook.dedup_key` is `<job>#<build>#<phase>`, see reportDedupKey).
 */
export async function readEarlierBuilds(databaseUrl: string): Promise<EarlierBuilds> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const numbers = await client.query<{ job_path: string; last: number }>(
      `select job_path, max(build_number)::int as last from (
         select job_path, build_number from deployment_report
         union all
         select key[1], key[2]::int from jenkins_webhook, regexp_match(dedup_key, '^(.+)#(\\d+)#[A-Z]+$') as key where key is not null
       ) as received group by job_path`,
    );
    const attempts = await client.query<{ job_path: string; builds: number }>(
      `select job_path, count(distinct build_number)::int as builds from deployment_report where parameters ? 'HYDRATOR_DEPLOYMENT_ID' group by job_path`,
    );
    return {
      lastNumbers: new Map(numbers.rows.map((row) => [row.job_path, row.last])),
      deploymentAttempts: new Map(attempts.rows.map((row) => [row.job_path, row.builds])),
    };
  } finally {
    await client.end();
  }
}

/**
 * Jenkins never gives a job's build number twice, but the Jenkins sandbox starts every job from 1 with
 * each process, and Hydrator refuses a second report of a job's build number and phase. So after a
 * restart, the sandbox's first builds would be taken for builds it reported before and dropped as
 * their duplicates (finishing only on the poll, their production rev never recorded). This continues
 * every job's numbering after the highest build number Hydrator has received for it. Call it before
 * the services start, so that no build is triggered first.
 */
export function continueSandboxNumbering(jenkins: JenkinsSandbox, lastNumbers: Map<string, number>): void {
  for (const [jobPath, last] of lastNumbers) jenkins.continueNumberingAfter(jobPath, last);
}
