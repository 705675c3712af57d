import { ConfigError, loadConfig } from '@hydrator/config';
import { chooseDemoFleet } from './demo-fleet-choice';

describe('chooseDemoFleet', () => {
  it('registers the demo fleet by default only when Jenkins is the built-in sandbox', () => {
    expect(chooseDemoFleet(undefined, true)).toEqual({ register: true, why: 'Jenkins is the built-in sandbox' });
    expect(chooseDemoFleet(undefined, false)).toEqual({ register: false, why: expect.stringContaining('JENKINS_URL is a real Jenkins') });
  });

  it('follows HYDRATOR_DEMO_FLEET whatever the Jenkins', () => {
    expect(chooseDemoFleet(true, false)).toEqual({ register: true, why: 'HYDRATOR_DEMO_FLEET=true' });
    expect(chooseDemoFleet(false, true)).toEqual({ register: false, why: 'HYDRATOR_DEMO_FLEET=false' });
  });

  it('reads HYDRATOR_DEMO_FLEET as true, false or unset, and refuses anything else', () => {
    expect(loadConfig({}).demoFleet).toBeUndefined();
    expect(loadConfig({ HYDRATOR_DEMO_FLEET: 'true' }).demoFleet).toBe(true);
    expect(loadConfig({ HYDRATOR_DEMO_FLEET: 'false' }).demoFleet).toBe(false);
    expect(() => loadConfig({ HYDRATOR_DEMO_FLEET: 'maybe' })).toThrow(ConfigError);
  });
});
