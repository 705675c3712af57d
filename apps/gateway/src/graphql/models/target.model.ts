import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { TargetRecord } from '@hydrator/registry';
import { TargetRole } from './enums';

@ObjectType('Target', { description: 'Where an application runs. Production targets deploy one at a time in `order`.' })
export class TargetModel {
  @Field(() => ID) id!: string;
  @Field(() => String) cluster!: string;
  @Field(() => String) environment!: string;
  @Field(() => String) namespace!: string;
  @Field(() => TargetRole) role!: TargetRole;
  @Field(() => Int) order!: number;

  static from(target: TargetRecord): TargetModel {
    return { id: target.id, cluster: target.cluster, environment: target.environment, namespace: target.namespace, role: target.role, order: target.order };
  }
}

@InputType('TargetInput')
export class TargetInput {
  @Field(() => String) cluster!: string;
  @Field(() => String) environment!: string;
  @Field(() => String) namespace!: string;
  @Field(() => TargetRole) role!: TargetRole;
  @Field(() => Int, { nullable: true, description: 'Position among production targets; defaults to after the last one.' }) order?: number | null;
}
