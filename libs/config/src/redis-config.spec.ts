import { ConfigError, loadConfig } from './hydrator-config';

/** The one problem loadConfig names for `env`. */
function problemOf(env: Record<string, string>): string {
  const error = (() => {
    try {
      return loadConfig(env);
    } catch (thrown) {
      return thrown;
    }
  })();
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toHaveLength(1);
  return (error as ConfigError).problems[0];
}

describe('HYDRATOR_REDIS_PREFIX always holds a Redis Cluster hash tag', () => {
  it.each([
    [undefined, '{hydrator}'],
    ['acme', '{acme}'],
    ['hydrator-test-42-abc-1f2e3d4c', '{hydrator-test-42-abc-1f2e3d4c}'],
    ['{acme}', '{acme}'],
    ['eu:{hydrator}', 'eu:{hydrator}'],
    ['{hydrator}:eu', '{hydrator}:eu'],
  ])('%j → %j', (value, prefix) => {
    expect(loadConfig(value === undefined ? {} : { HYDRATOR_REDIS_PREFIX: value }).redisPrefix).toBe(prefix);
  });

  it.each(['{}', '{a}{b}', '{a', 'a}', 'a b', 'a*'])('%j is refused', (value) => {
    expect(problemOf({ HYDRATOR_REDIS_PREFIX: value })).toContain('HYDRATOR_REDIS_PREFIX');
  });
});

describe('REDIS_CLUSTER_NODES', () => {
  it('is unset by default: one Redis at REDIS_URL', () => {
    expect(loadConfig({}).redisCluster).toBeUndefined();
  });

  it('reads host:port seed nodes (IPv6 in brackets, 6379 when the port is left out)', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-2.internal, [::1]:7002' }).redisCluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-2.internal', port: 6379 },
        { host: '::1', port: 7002 },
      ],
      username: undefined,
      password: undefined,
      tls: false,
    });
  });

  it('takes the user, password and TLS the URL entries share', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'rediss://hydrator:s%40cret@a:6380,rediss://hydrator:s%40cret@b:6380' });
    expect(config.redisCluster).toMatchObject({ username: 'hydrator', password: 's@cret', tls: true, nodes: [{ host: 'a' }, { host: 'b' }] });
  });

  it.each([
    ['a:7000,,b:7000', 'expected comma-separated host:port'],
    ['http://a:7000', 'expected comma-separated host:port'],
    ['redis://a:7000/2', 'expected comma-separated host:port'],
    ['redis://u:one@a:7000,redis://u:two@b:7000', 'the same scheme, user and password'],
    ['rediss://a:7000,b:7000', 'the same scheme, user and password'],
  ])('%j is refused without echoing it', (value, reason) => {
    const problem = problemOf({ REDIS_CLUSTER_NODES: value });
    expect(problem).toContain(reason);
    expect(problem).not.toContain('one');
  });

  it('is refused together with REDIS_URL: one or the other', () => {
    expect(problemOf({ REDIS_CLUSTER_NODES: 'a:7000', REDIS_URL: 'redis://b:6379' })).toContain('not both');
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'a:7000', REDIS_URL: '' }).redisCluster?.nodes).toEqual([{ host: 'a', port: 7000 }]);
  });
});
