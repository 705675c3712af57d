import { registerEnumType } from '@nestjs/graphql';
import { DeploymentStatus, RolloutKind, RolloutStatus, TargetRole } from '@hydrator/database';

registerEnumType(TargetRole, { name: 'TargetRole', description: 'PROTOTYPE (staging) targets choose what PRODUCTION targets receive.' });
registerEnumType(DeploymentStatus, { name: 'DeploymentStatus' });
registerEnumType(RolloutStatus, { name: 'RolloutStatus' });
registerEnumType(RolloutKind, { name: 'RolloutKind' });

export { DeploymentStatus, RolloutKind, RolloutStatus, TargetRole };
