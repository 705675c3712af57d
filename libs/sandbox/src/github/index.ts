export * from './github-sandbox';
export type { SeedCommit } from './commit-history';
