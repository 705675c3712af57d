import { registerEnumType } from '@nestjs/graphql';
import { DeploymentStatus, OutboxStatus, RolloutKind, RolloutStatus, TargetRole } from '@hydrator/database';

registerEnumType(TargetRole, { name: 'TargetRole', description: 'PROTOTYPE (staging) targets choose what PRODUCTION targets receive.' });
registerEnumType(DeploymentStatus, { name: 'DeploymentStatus' });
registerEnumType(RolloutStatus, { name: 'RolloutStatus' });
registerEnumType(RolloutKind, { name: 'RolloutKind' });
registerEnumType(OutboxStatus, { name: 'OutboxStatus', description: 'HELD: the integration is not configured; the message waits in the outbox.' });

export { DeploymentStatus, OutboxStatus, RolloutKind, RolloutStatus, TargetRole };
