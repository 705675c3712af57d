import { escapeMrkdwn, mrkdwnLink } from './mrkdwn';

describe('Slack mrkdwn escaping', () => {
  it("turns Slack's control characters into entities, so no link, mention or quote can be written", () => {
    expect(escapeMrkdwn('<!channel> <https://evil.example|Cancel> & <@U0123> > quoted')).toBe('&lt;!channel&gt; &lt;https://evil.example|Cancel&gt; &amp; &lt;@U0123&gt; &gt; quoted');
  });

  it('escapes an entity already in the text instead of letting Slack decode it', () => {
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  it('replaces backticks with a look-alike, so a code block or inline code cannot be closed', () => {
    expect(escapeMrkdwn('fix ``` and `x`')).toBe('fix ˋˋˋ and ˋxˋ');
  });

  it('keeps a link one link whatever its URL and label hold', () => {
    expect(mrkdwnLink('https://ci.example/job/a|b>c?x=1&y=2', 'build <!here>')).toBe('<https://ci.example/job/a%7Cb%3Ec?x=1&amp;y=2|build &lt;!here&gt;>');
  });
});
