/** Cancel a deployment (being built). */
export function CancelPage({ deploymentId }: { deploymentId: string }) {
  return <h1>Cancel a deployment</h1>;
}
