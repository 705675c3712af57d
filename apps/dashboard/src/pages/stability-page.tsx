/** Stability (being built). */
export function StabilityPage() {
  return <h1>Stability</h1>;
}
