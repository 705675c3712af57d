import { jobPathProblem, normaliseJobPath } from './job-path';

describe('normaliseJobPath', () => {
  it.each([
    ['deploy/api', 'deploy/api'],
    ['/deploy/api/', 'deploy/api'],
    [' deploy/api ', 'deploy/api'],
    ['job/deploy/job/api/', 'deploy/api'],
    ['/job/deploy/job/api', 'deploy/api'],
    ['https://ci.example/job/deploy/job/api/', 'deploy/api'],
    ['https://ci.example/jenkins/job/deploy/job/api/?x=1', 'deploy/api'],
    ['job/team%20apps/job/api%2Bv2/', 'team apps/api+v2'],
    ['myjob/api', 'myjob/api'],
  ])('reads %s as %s', (input, expected) => {
    expect(normaliseJobPath(input)).toBe(expected);
  });

  it.each([
    ['a malformed escape', 'job/%E0%A4%A/'],
    ['a truncated escape', 'job/deploy/job/api%/'],
    ['a slash inside a name', 'job/a%2Fb/'],
    ['a full URL with no job in it', 'https://ci.example/deploy/api'],
    ['a build URL', 'https://ci.example/job/deploy/job/api/12/'],
    ['nothing', ' / '],
  ])('gives undefined, never a URIError, for %s', (_, input) => {
    expect(normaliseJobPath(input)).toBeUndefined();
  });
});

describe('jobPathProblem', () => {
  it('accepts names Jenkins accepts', () => {
    expect(jobPathProblem('team apps/api+v2')).toBeUndefined();
    expect(jobPathProblem('deploy/api_v2-é')).toBeUndefined();
  });

  it.each([
    ['..', /"\.\."/],
    ['.', /"\."/],
    [' ', /empty/],
    ['a?b', /"\?"/],
    ['a%b', /"%"/],
    ['a\\b', /"\\"/],
    ['a:b', /":"/],
    ['a;b', /";"/],
    ['a[b', /"\["/],
    ['a]b', /"\]"/],
    ['a\tb', /tab/],
    ['a\u0000b', /NUL/],
    ['a\ud800b', /surrogate/],
    ['x'.repeat(256), /at most 255/],
  ])('refuses the name %j', (name, message) => {
    expect(jobPathProblem(`deploy/${name}`)).toMatch(message);
  });

  it('refuses a path longer than the index can hold', () => {
    expect(jobPathProblem(Array.from({ length: 30 }, () => 'x'.repeat(20)).join('/'))).toMatch(/at most 512/);
  });
});
