import { graphql } from '../gql';
import type { ApplicationsPageApplicationFragment, ApplicationsPageFleetQuery, ApplicationsPagePreviewQuery } from '../gql/graphql';

/** What the page shows of an application: the list and the detail view read the same fields. */
export const ApplicationFragment = graphql(`
  fragment ApplicationsPageApplication on Application {
    id
    name
    githubRepo
    slackChannel
    jenkinsJob
    owners
    description
    frozen
    frozenReason
    frozenUntil
    freezeScope
    dependsOn {
      name
    }
    dependents {
      name
    }
    targets {
      id
      cluster
      environment
      namespace
      role
      order
      currentRev
      currentReport {
        id
        buildNumber
        buildUrl
        result
        finishedAt
      }
    }
  }
`);

/** Every application, and the fleet's freeze in force, read together so the two agree. */
export const FleetQuery = graphql(`
  query ApplicationsPageFleet {
    applications {
      ...ApplicationsPageApplication
    }
    fleetFreeze {
      reason
      until
      frozenBy
      frozenAt
    }
  }
`);

/** What the next weekly plan would deploy or skip, to show beside each application. */
export const PreviewQuery = graphql(`
  query ApplicationsPagePreview {
    schedulePreview {
      weekOf
      cutoff
      deployments {
        application {
          name
        }
        target {
          id
          cluster
        }
        gitRev
        previousRev
      }
      skipped {
        application
        reason
      }
    }
  }
`);

export const RegisterApplication = graphql(`
  mutation ApplicationsPageRegister($input: RegisterApplicationInput!) {
    registerApplication(input: $input) {
      id
      name
      targets {
        id
      }
    }
  }
`);

export const UpdateApplication = graphql(`
  mutation ApplicationsPageUpdate($name: String!, $input: UpdateApplicationInput!) {
    updateApplication(name: $name, input: $input) {
      id
      name
    }
  }
`);

export const AddTarget = graphql(`
  mutation ApplicationsPageAddTarget($application: String!, $input: TargetInput!) {
    addTarget(application: $application, input: $input) {
      id
      cluster
      environment
    }
  }
`);

export const RemoveTarget = graphql(`
  mutation ApplicationsPageRemoveTarget($id: String!) {
    removeTarget(id: $id) {
      id
      name
    }
  }
`);

export const AddDependency = graphql(`
  mutation ApplicationsPageAddDependency($application: String!, $dependsOn: String!) {
    addDependency(application: $application, dependsOn: $dependsOn) {
      id
      name
    }
  }
`);

export const RemoveDependency = graphql(`
  mutation ApplicationsPageRemoveDependency($application: String!, $dependsOn: String!) {
    removeDependency(application: $application, dependsOn: $dependsOn) {
      id
      name
    }
  }
`);

export const RequestRegistrationTicket = graphql(`
  mutation ApplicationsPageRequestTicket($input: RegistrationTicketInput!) {
    requestRegistrationTicket(input: $input) {
      id
      status
      destination
    }
  }
`);

export const FreezeApplication = graphql(`
  mutation ApplicationsPageFreeze($name: String!, $reason: String!, $until: DateTime) {
    freezeApplication(name: $name, reason: $reason, until: $until) {
      id
      name
    }
  }
`);

export const ThawApplication = graphql(`
  mutation ApplicationsPageThaw($name: String!) {
    thawApplication(name: $name) {
      id
      name
    }
  }
`);

export const FreezeAll = graphql(`
  mutation ApplicationsPageFreezeAll($reason: String!, $until: DateTime) {
    freezeAll(reason: $reason, until: $until) {
      id
    }
  }
`);

export const ThawAll = graphql(`
  mutation ApplicationsPageThawAll {
    thawAll {
      id
    }
  }
`);

export const CreateEmergencyDeployment = graphql(`
  mutation ApplicationsPageEmergency($application: String!, $gitRev: String!, $reason: String!, $targets: [ID!]) {
    createEmergencyDeployment(application: $application, gitRev: $gitRev, reason: $reason, targets: $targets) {
      id
      kind
    }
  }
`);

export type Application = ApplicationsPageApplicationFragment;
export type Target = Application['targets'][number];
export type Plan = ApplicationsPagePreviewQuery['schedulePreview'];
/** The fleet's freeze in force; null when the fleet is not frozen. */
export type FleetFreeze = ApplicationsPageFleetQuery['fleetFreeze'];
