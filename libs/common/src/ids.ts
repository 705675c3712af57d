/** Ids are UUIDs: anything else is simply not found (never a PostgreSQL cast error). */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** A git commit sha, full or abbreviated (7 to 40 hex digits): the only form of rev Hydrator deploys or records. */
export function isGitSha(rev: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(rev);
}
