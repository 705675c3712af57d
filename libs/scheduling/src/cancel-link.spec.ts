import { cancelLinkToken, cancelLinkUrl, isCancelLinkToken } from './cancel-link';

const ID = '7202515d-4af8-4c86-9dce-24590c0503ad';
const OTHER = '0b5c3c1e-6f0a-4d8e-9a51-3f2b7d1e9c44';
const OLD = 'old-cancel-link-secret-0123456789';
const NEW = 'new-cancel-link-secret-9876543210';

describe('signed cancel links', () => {
  it('signs one deployment: its token is no token for another one, nor under another secret', () => {
    const token = cancelLinkToken(NEW, ID);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(isCancelLinkToken([NEW], ID, token)).toBe(true);
    expect(isCancelLinkToken([NEW], OTHER, token)).toBe(false);
    expect(isCancelLinkToken([OLD], ID, token)).toBe(false);
    for (const forged of [undefined, '', 42, [token], `${token}=`, token.slice(1), token.toUpperCase(), 'x'.repeat(10_000)]) {
      expect(isCancelLinkToken([NEW], ID, forged)).toBe(false);
    }
    expect(isCancelLinkToken([], ID, token)).toBe(false);
  });

  it('accepts the links of every listed secret during a rotation, and signs new ones with the first', () => {
    const before = cancelLinkToken(OLD, ID);
    expect(isCancelLinkToken([NEW, OLD], ID, before)).toBe(true);
    expect(cancelLinkUrl('https://hydrator.example', [NEW, OLD], ID)).toBe(`https://hydrator.example/deployments/${ID}/cancel?token=${cancelLinkToken(NEW, ID)}`);
  });

  it("is the operator's page when no secret is configured", () => {
    expect(cancelLinkUrl('https://hydrator.example', [], ID)).toBe(`https://hydrator.example/deployments/${ID}/cancel`);
  });
});
