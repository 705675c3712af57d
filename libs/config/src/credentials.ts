/** The shortest bearer token or webhook secret Hydrator accepts: 16 characters, about 96 bits when random. */
export const MIN_SECRET_LENGTH = 16;

/** One entry of HYDRATOR_OPERATOR_TOKENS / HYDRATOR_VIEWER_TOKENS: `name:token`, or a bare token. */
export interface TokenEntry {
  /** The actor in the audit log; undefined for a bare token. */
  name?: string;
  token: string;
}

/** `alice:s3cr3t…` → `{ name: 'alice', token: 's3cr3t…' }`; a bare token has no name. */
export function parseTokenEntry(entry: string): TokenEntry {
  const separator = entry.indexOf(':');
  return separator > 0 ? { name: entry.slice(0, separator).trim(), token: entry.slice(separator + 1).trim() } : { token: entry.trim() };
}

/**
 * Words that stand in for a secret in examples and templates (ours say `change-me`). A value made of
 * one of them, or starting with one, was copied from an example and not replaced.
 */
const PLACEHOLDER_WORDS = [
  'changeme',
  'changeit',
  'replaceme',
  'placeholder',
  'example',
  'yourtoken',
  'yoursecret',
  'secret',
  'password',
  'passwd',
  'token',
  'default',
  'test',
  'admin',
  'letmein',
  'todo',
  'fixme',
  'xxx',
  'dummy',
  'sample',
];
const PLACEHOLDER_ONLY = new RegExp(`^(${PLACEHOLDER_WORDS.join('|')})+$`);
const PLACEHOLDER_PREFIXES = ['changeme', 'changeit', 'replaceme', 'placeholder', 'example', 'yourtoken', 'yoursecret'];

/**
 * Why a secret may not be used, or undefined when it may: empty, shorter than {@link MIN_SECRET_LENGTH},
 * one character repeated, a `<template>`, or a known placeholder. The reason never quotes the secret.
 */
export function weakSecretReason(secret: string): string | undefined {
  if (!secret) return 'is empty';
  if (secret.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  if (new Set(secret).size === 1) return 'is one character repeated';
  if (/^<.*>$/.test(secret) || /^\$\{.*\}$/.test(secret)) return 'is a template placeholder that was never filled in';
  // Digits and punctuation do not make `password-12345678` or `change-me-to-a-long-string` a secret.
  const letters = secret.toLowerCase().replace(/[^a-z]/g, '');
  if (letters && PLACEHOLDER_ONLY.test(letters)) return 'is a placeholder, not a secret';
  const prefix = PLACEHOLDER_PREFIXES.find((placeholder) => letters.startsWith(placeholder));
  if (prefix) return `starts with the placeholder "${prefix}", not a secret`;
  return undefined;
}
