/** This week (being built). */
export function WeekPage({ rolloutId }: { rolloutId?: string }) {
  return <h1>This week</h1>;
}
