/** Applications (being built). */
export function ApplicationsPage({ name }: { name?: string }) {
  return <h1>Applications</h1>;
}
