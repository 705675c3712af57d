export * from './jira-sandbox';
export * from './jira-workflow';
export { adfText } from './jira-fields';
