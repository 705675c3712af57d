import { Client } from 'pg';
import { JenkinsSandbox } from '@hydrator/sandbox';

/**
 * Jenkins never gives a job's build number twice, but the Jenkins sandbox starts every job from 1 with
 * each process, and Hydrator refuses a second report of a job's build number and phase. So after a
 * restart, the sandbox's first builds would be taken for builds it reported before and dropped as
 * their duplicates (finishing only on the poll, their production rev never recorded). This continues
 * every job's numbering after the highest build number Hydrator has received for it: in its recorded
 * reports, and in webhooks stored but not yet recorded (`jenkins_webhook.dedup_key` is
 * `<job>#<build>#<phase>`, see reportDedupKey). Call it before the services start, so that no build is
 * triggered first. Returns how many jobs it continued.
 */
export async function continueSandboxNumbering(databaseUrl: string, jenkins: JenkinsSandbox): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ job_path: string; last: number }>(
      `select job_path, max(build_number)::int as last from (
         select job_path, build_number from deployment_report
         union all
         select key[1], key[2]::int from jenkins_webhook, regexp_match(dedup_key, '^(.+)#(\\d+)#[A-Z]+$') as key where key is not null
       ) as received group by job_path`,
    );
    for (const row of rows) jenkins.continueNumberingAfter(row.job_path, row.last);
    return rows.length;
  } finally {
    await client.end();
  }
}
