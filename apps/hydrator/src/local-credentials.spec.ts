import { loadConfig } from '@hydrator/config';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localCredentialsFile, useLocalCredentials } from './local-credentials';

type Env = Record<string, string | undefined>;

describe('npm start credentials', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hydrator-credentials-'));
    file = localCredentialsFile(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives beside the embedded PostgreSQL data folder', () => {
    expect(localCredentialsFile('/srv/app/.hydrator')).toBe('/srv/app/.hydrator/credentials.json');
  });

  it('generates the tokens once, prints them that time, and the next start reuses them without printing them', () => {
    const first: Env = {};
    const firstBanner = useLocalCredentials(first, file);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(['cancelLinkSecret', 'jenkinsWebhookSecret', 'operatorToken', 'viewerToken']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toEqual({
      HYDRATOR_OPERATOR_TOKENS: `demo-operator:${stored.operatorToken}`,
      HYDRATOR_VIEWER_TOKENS: `demo-viewer:${stored.viewerToken}`,
      JENKINS_WEBHOOK_SECRET: stored.jenkinsWebhookSecret,
      CANCEL_LINK_SECRET: stored.cancelLinkSecret,
    });
    const printed = firstBanner.lines.join('\n');
    for (const secret of Object.values(stored)) expect(printed).toContain(secret);
    expect(printed).toContain(file);
    expect(firstBanner.webUiHint).toBe('paste the operator token below');
    // Strong enough for the configuration's checks.
    expect(() => loadConfig(first)).not.toThrow();

    const restart: Env = {};
    const restartBanner = useLocalCredentials(restart, file);
    expect(restart).toEqual(first);
    const reprinted = restartBanner.lines.join('\n');
    for (const secret of Object.values(stored)) expect(reprinted).not.toContain(secret);
    expect(reprinted).toContain(`cat ${file}`);
    expect(restartBanner.webUiHint).toContain(file);
  });

  it('lets the environment win, never stores what it set, and keeps what the file had', () => {
    useLocalCredentials({}, file);
    const before = readFileSync(file, 'utf8');
    const env: Env = { HYDRATOR_OPERATOR_TOKENS: 'alice:0123456789abcdef0123', JENKINS_WEBHOOK_SECRET: 'fedcba9876543210fedcba' };
    const banner = useLocalCredentials(env, file);
    expect(env.HYDRATOR_OPERATOR_TOKENS).toBe('alice:0123456789abcdef0123');
    expect(env.JENKINS_WEBHOOK_SECRET).toBe('fedcba9876543210fedcba');
    expect(env.HYDRATOR_VIEWER_TOKENS).toBe(`demo-viewer:${(JSON.parse(before) as Record<string, string>).viewerToken}`);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(banner.webUiHint).toContain('HYDRATOR_OPERATOR_TOKENS');

    // Everything configured: no file at all.
    const elsewhere = localCredentialsFile(join(dir, 'other'));
    useLocalCredentials(
      {
        HYDRATOR_OPERATOR_TOKENS: 'a:0123456789abcdef0123',
        HYDRATOR_VIEWER_TOKENS: 'b:0123456789abcdef0124',
        JENKINS_WEBHOOK_SECRET: 'fedcba9876543210fedcba',
        CANCEL_LINK_SECRET: '0f1e2d3c4b5a69788796a5b4',
      },
      elsewhere,
    );
    expect(() => statSync(elsewhere)).toThrow();
  });

  it('generates only what the file lacks, and refuses a file it cannot read rather than replacing tokens', () => {
    writeFileSync(file, JSON.stringify({ operatorToken: '00112233445566778899aabbccddeeff' }), { mode: 0o644 });
    const env: Env = {};
    const banner = useLocalCredentials(env, file);
    expect(env.HYDRATOR_OPERATOR_TOKENS).toBe('demo-operator:00112233445566778899aabbccddeeff');
    expect(banner.lines.join('\n')).not.toContain('00112233445566778899aabbccddeeff');
    expect(banner.lines.join('\n')).toContain('Generated viewer token');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ operatorToken: '00112233445566778899aabbccddeeff' });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    writeFileSync(file, '{ not json');
    expect(() => useLocalCredentials({}, file)).toThrow(`${file} is not JSON`);
    writeFileSync(file, JSON.stringify({ operatorToken: 42 }));
    expect(() => useLocalCredentials({}, file)).toThrow('operatorToken that is not a string');
  });
});
