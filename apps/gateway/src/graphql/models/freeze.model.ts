import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Freeze } from '@hydrator/database';

/** Which freeze holds an application: its own, or the whole fleet's. */
export enum FreezeScope {
  APPLICATION = 'APPLICATION',
  FLEET = 'FLEET',
}

registerEnumType(FreezeScope, {
  name: 'FreezeScope',
  description: "Which freeze holds an application: APPLICATION, its own (freezeApplication); FLEET, the whole fleet's (freezeAll).",
});

@ObjectType('FleetFreeze', { description: 'The freeze of the whole fleet in force now (freezeAll), until thawed (thawAll) or until `until`.' })
export class FleetFreezeModel {
  @Field(() => String) reason!: string;
  @Field(() => Date, { nullable: true, description: 'When it lifts by itself; null when frozen until thawed.' }) until!: Date | null;
  @Field(() => String, { description: 'The actor who froze the fleet.' }) frozenBy!: string;
  @Field(() => Date) frozenAt!: Date;

  static from(freeze: Freeze): FleetFreezeModel {
    return { reason: freeze.reason, until: freeze.until ?? null, frozenBy: freeze.createdBy, frozenAt: freeze.createdAt };
  }
}
