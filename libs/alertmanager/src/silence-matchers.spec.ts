import { deploymentIdOfSilenceComment, silenceCommentMarker, silenceCommentOf } from './silence-matchers';

describe('silence comments', () => {
  const deployment = { deploymentId: '7f1c0d2e-4', application: 'billing', gitRev: 'a1b2c3d', cluster: 'prod-eu', namespace: 'payments' };

  it('reads back the deployment id from the comment it wrote', () => {
    const comment = silenceCommentOf(deployment);
    expect(comment).toBe('Hydrator deployment 7f1c0d2e-4: billing a1b2c3d to prod-eu/payments');
    expect(deploymentIdOfSilenceComment(comment)).toBe('7f1c0d2e-4');
  });

  it('recognises no deployment in comments Hydrator did not write', () => {
    for (const comment of ['Maintenance of prod-eu', 'Hydrator deployment : billing', 'Hydrator deployment 7f1c', 'hydrator deployment 1: x']) {
      expect(deploymentIdOfSilenceComment(comment)).toBeUndefined();
    }
  });

  it('marks a deployment so that another whose id starts the same does not match', () => {
    expect(silenceCommentOf({ ...deployment, deploymentId: '42' }).includes(silenceCommentMarker('4'))).toBe(false);
  });
});
