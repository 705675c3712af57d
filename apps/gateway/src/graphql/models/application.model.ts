import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ApplicationRecord } from '@hydrator/registry';
import { TargetInput } from './target.model';

@ObjectType('Application', { description: 'A service promoted from staging to production.' })
export class ApplicationModel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'owner/name on GitHub.' }) githubRepo!: string;
  @Field(() => String) slackChannel!: string;
  @Field(() => String, { description: 'Path of the Jenkins job that deploys it (folder/job).' }) jenkinsJob!: string;
  @Field(() => [String]) owners!: string[];
  @Field(() => String, { nullable: true }) description!: string | null;

  static from(application: ApplicationRecord): ApplicationModel {
    return {
      id: application.id,
      name: application.name,
      githubRepo: application.githubRepo,
      slackChannel: application.slackChannel,
      jenkinsJob: application.jenkinsJob,
      owners: application.owners,
      description: application.description ?? null,
    };
  }
}

@InputType('RegisterApplicationInput')
export class RegisterApplicationInput {
  @Field(() => String) name!: string;
  @Field(() => String) githubRepo!: string;
  @Field(() => String) slackChannel!: string;
  @Field(() => String) jenkinsJob!: string;
  @Field(() => [String], { nullable: true }) owners?: string[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [TargetInput]) targets!: TargetInput[];
}

@InputType('UpdateApplicationInput', { description: 'Only the fields given change.' })
export class UpdateApplicationInput {
  @Field(() => String, { nullable: true, description: 'A new name (slug).' }) name?: string | null;
  @Field(() => String, { nullable: true }) githubRepo?: string | null;
  @Field(() => String, { nullable: true }) slackChannel?: string | null;
  @Field(() => String, { nullable: true }) jenkinsJob?: string | null;
  @Field(() => [String], { nullable: true }) owners?: string[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}
