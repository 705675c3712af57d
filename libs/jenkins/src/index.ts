export { JENKINS_TIMEOUT_MS, JenkinsClient } from './jenkins-client';
export type { JenkinsBuild, JenkinsClientOptions, JenkinsQueueItem, JenkinsRun, JenkinsTrigger } from './jenkins-client';
export { JenkinsError, JenkinsErrorCode } from './jenkins-error';
export { BUILD_RESULTS } from './jenkins-json';
export type { JenkinsBuildResult } from './jenkins-json';
export { isJobUrl, jobPathProblem, jobPathToUrlPath, MAX_JOB_PATH_LENGTH, normaliseJobPath } from './job-path';
