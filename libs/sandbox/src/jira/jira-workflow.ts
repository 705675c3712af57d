/** One transition of a sandbox workflow, as `GET …/transitions` lists it and `POST …/transitions` takes its `id`. */
export interface JiraWorkflowTransition {
  /** What `doTransition({ transition: { id } })` sends; Jira's ids are numeric strings (`"11"`, `"21"`). */
  id: string;
  /** The button label in Jira (`Start progress`); Hydrator looks transitions up by name or target status. */
  name: string;
  /** The statuses it is available from; empty for a global transition, available from every other status. */
  from: string[];
  to: string;
}

/** The statuses an issue moves through and the transitions between them. */
export interface JiraWorkflow {
  /** In order: an issue is created in the first. Unless `categories` says otherwise the first is `new`, the last `done`, others `indeterminate`. */
  statuses: string[];
  transitions: JiraWorkflowTransition[];
  /** Status categories by status name, for workflows with several done statuses (`Released`, `Cancelled`). */
  categories?: Record<string, JiraStatusCategory>;
}

export type JiraStatusCategory = 'new' | 'indeterminate' | 'done';

/** The sandbox's default: To Do → In Progress → Done, one step at a time. */
export const DEFAULT_JIRA_WORKFLOW: JiraWorkflow = {
  statuses: ['To Do', 'In Progress', 'Done'],
  transitions: [
    { id: '11', name: 'Start progress', from: ['To Do'], to: 'In Progress' },
    { id: '21', name: 'Done', from: ['In Progress'], to: 'Done' },
  ],
};

/**
 * What a new team-managed Jira project starts with: every status reachable from any other (global
 * transitions named after their status). `npm start` uses it, so the demo's ticket can be closed.
 */
export const SIMPLIFIED_JIRA_WORKFLOW: JiraWorkflow = {
  statuses: ['To Do', 'In Progress', 'Done'],
  transitions: [
    { id: '11', name: 'To Do', from: [], to: 'To Do' },
    { id: '21', name: 'In Progress', from: [], to: 'In Progress' },
    { id: '31', name: 'Done', from: [], to: 'Done' },
  ],
};

/** Jira's three status categories, with the ids and colours Jira Cloud gives them. */
const CATEGORIES: Record<JiraStatusCategory, { id: number; key: string; colorName: string; name: string }> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

/** Refuses a workflow whose transitions name statuses it does not list, or reuse an id: a typo in a test's setup. */
export function checkWorkflow(workflow: JiraWorkflow): JiraWorkflow {
  if (workflow.statuses.length === 0) throw new Error('Jira sandbox workflow: at least one status is needed');
  const ids = new Set<string>();
  for (const t of workflow.transitions) {
    const unknown = [...t.from, t.to].find((status) => !workflow.statuses.includes(status));
    if (unknown !== undefined) throw new Error(`Jira sandbox workflow: transition "${t.name}" names the unknown status "${unknown}"`);
    if (ids.has(t.id)) throw new Error(`Jira sandbox workflow: transition id ${t.id} is used twice`);
    ids.add(t.id);
  }
  const stray = Object.keys(workflow.categories ?? {}).find((status) => !workflow.statuses.includes(status));
  if (stray !== undefined) throw new Error(`Jira sandbox workflow: a category is given for the unknown status "${stray}"`);
  return workflow;
}

/** The transitions available from `status`: those listing it, and global ones leading elsewhere. */
export function availableTransitions(workflow: JiraWorkflow, status: string): JiraWorkflowTransition[] {
  return workflow.transitions.filter((t) => (t.from.length === 0 ? t.to !== status : t.from.includes(status)));
}

/** A status as Jira's REST API shows it (in `fields.status` and a transition's `to`). */
export function statusJson(workflow: JiraWorkflow, name: string, baseUrl: string): Record<string, unknown> {
  const index = workflow.statuses.indexOf(name);
  const id = String(10000 + index);
  const key = workflow.categories?.[name] ?? (index === 0 ? 'new' : index === workflow.statuses.length - 1 ? 'done' : 'indeterminate');
  const category = CATEGORIES[key];
  return {
    self: `${baseUrl}/rest/api/3/status/${id}`,
    description: '',
    iconUrl: `${baseUrl}/images/icons/statuses/generic.png`,
    name,
    id,
    statusCategory: { self: `${baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

/** A transition as `GET /rest/api/3/issue/{key}/transitions` lists it. */
export function transitionJson(workflow: JiraWorkflow, transition: JiraWorkflowTransition, baseUrl: string): Record<string, unknown> {
  return {
    id: transition.id,
    name: transition.name,
    to: statusJson(workflow, transition.to, baseUrl),
    hasScreen: false,
    isGlobal: transition.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}
