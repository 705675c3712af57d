/**
 * Every BullMQ queue Hydrator uses. These strings are persisted in Redis (queue keys, repeatable job
 * schedulers): renaming one orphans the jobs waiting in the old queue.
 */
export enum QueueName {
  JenkinsReports = 'jenkins-reports',
  Notifications = 'notifications',
  Scheduling = 'scheduling',
  Rollouts = 'rollouts',
}
