/** Whether `npm start` registers the demo fleet, and why, for the startup banner. */
export interface DemoFleetChoice {
  register: boolean;
  why: string;
}

/**
 * The demo fleet is seven invented applications whose production is behind staging: registered into a
 * database whose Jenkins is real, they would be planned on Monday and deployed there on Wednesday. So it
 * is registered by default only when Jenkins is the built-in sandbox (JENKINS_URL unset);
 * `HYDRATOR_DEMO_FLEET=true` asks for it with any Jenkins, `false` turns it off even with the sandbox.
 */
export function chooseDemoFleet(asked: boolean | undefined, jenkinsIsSandbox: boolean): DemoFleetChoice {
  if (asked === false) return { register: false, why: 'HYDRATOR_DEMO_FLEET=false' };
  if (asked === true) return { register: true, why: 'HYDRATOR_DEMO_FLEET=true' };
  if (jenkinsIsSandbox) return { register: true, why: 'Jenkins is the built-in sandbox' };
  return { register: false, why: 'JENKINS_URL is a real Jenkins, which would deploy the invented applications; HYDRATOR_DEMO_FLEET=true registers them anyway' };
}
