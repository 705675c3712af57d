import { availableTransitions, DEFAULT_JIRA_WORKFLOW, SIMPLIFIED_JIRA_WORKFLOW } from './jira-workflow';

describe('Jira sandbox workflows', () => {
  const names = (workflow: typeof DEFAULT_JIRA_WORKFLOW, status: string) => availableTransitions(workflow, status).map((t) => t.name);

  it('the default goes one step at a time: Done only from In Progress', () => {
    expect(names(DEFAULT_JIRA_WORKFLOW, 'To Do')).toEqual(['Start progress']);
    expect(names(DEFAULT_JIRA_WORKFLOW, 'In Progress')).toEqual(['Done']);
  });

  it("npm start's team-managed workflow reaches every other status at once, so the demo's ticket can be closed", () => {
    expect(names(SIMPLIFIED_JIRA_WORKFLOW, 'To Do')).toEqual(['In Progress', 'Done']);
    expect(names(SIMPLIFIED_JIRA_WORKFLOW, 'Done')).toEqual(['To Do', 'In Progress']);
  });
});
