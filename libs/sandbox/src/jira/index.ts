export * from './jira-sandbox';
export { adfText } from './jira-fields';
