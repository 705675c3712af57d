export * from './slack-sandbox';
