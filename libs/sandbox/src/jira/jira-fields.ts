/** An issue type the sandbox knows, as Jira lists them (`id` is what Jira's own forms send). */
export interface JiraIssueType {
  id: string;
  name: string;
}

/** What createIssue's `fields` must satisfy; Jira's own wording, so Hydrator's error messages read the same. */
export interface FieldRules {
  /** Project keys accepted; undefined accepts any well-formed key. */
  projects?: ReadonlySet<string>;
  issueTypes: readonly JiraIssueType[];
}

/**
 * Checks createIssue fields as Jira Cloud does and returns Jira's per-field errors (empty when valid).
 * The description check matters most: REST v3 rejects plain text and wants an Atlassian Document.
 */
export function fieldErrors(fields: Record<string, unknown>, rules: FieldRules): Record<string, string> {
  const errors: Record<string, string> = {};
  const projectKey = field(fields.project, 'key');
  if (!projectKey || !/^[A-Z][A-Z0-9_]+$/.test(projectKey) || (rules.projects && !rules.projects.has(projectKey))) {
    errors.project = 'Specify a valid project ID or key';
  }
  if (typeof fields.summary !== 'string' || !fields.summary.trim()) {
    errors.summary = 'You must specify a summary of the issue.';
  } else if (fields.summary.length > 255) {
    errors.summary = 'Summary must be less than 255 characters.';
  }
  if (fields.issuetype === undefined) errors.issuetype = 'Specify an issue type';
  else if (!issueType(fields.issuetype, rules.issueTypes)) errors.issuetype = 'The issue type selected is invalid.';
  if (fields.description !== undefined && fields.description !== null && !isAdfDocument(fields.description)) {
    errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
  }
  const labels: unknown[] = Array.isArray(fields.labels) ? fields.labels : [];
  const spaced = labels.find((label) => typeof label !== 'string' || /\s/.test(label));
  if (spaced !== undefined) errors.labels = `The label '${typeof spaced === 'string' ? spaced : JSON.stringify(spaced)}' contains spaces which is invalid.`;
  return errors;
}

/** The issue type named by `{id}` or `{name}`, as createIssue accepts either. */
export function issueType(value: unknown, known: readonly JiraIssueType[]): JiraIssueType | undefined {
  const id = field(value, 'id');
  const name = field(value, 'name');
  return known.find((t) => (id !== undefined && t.id === id) || (name !== undefined && t.name === name));
}

/** Reads a string (or numeric id) property of an object field such as `project` or `issuetype`. */
export function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found: unknown = (value as Record<string, unknown>)[key];
  return typeof found === 'string' || typeof found === 'number' ? String(found) : undefined;
}

/** An Atlassian Document: `{ type: 'doc', content: [...] }`, what REST v3 wants for rich-text fields and comments. */
export function isAdfDocument(value: unknown): boolean {
  return field(value, 'type') === 'doc' && Array.isArray((value as { content?: unknown }).content);
}

/**
 * The plain text of an Atlassian Document (paragraphs on their own lines), so tests and the sandbox UI
 * can read what Hydrator wrote without walking the tree.
 */
export function adfText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof text === 'string') return text;
  if (type === 'hardBreak') return '\n';
  const inner = Array.isArray(content) ? content.map(adfText) : [];
  return type === 'doc' || type === 'bulletList' || type === 'orderedList' ? inner.join('\n') : inner.join('');
}
