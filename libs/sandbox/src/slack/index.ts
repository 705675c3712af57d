export * from './slack-sandbox';
export * from './slack-interactivity';
