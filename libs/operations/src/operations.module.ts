import { Module } from '@nestjs/common';
import { AuditService } from '@hydrator/audit';
import { LiveModule } from '@hydrator/live';
import { NotifierCoreModule } from '@hydrator/notifier';
import { RegistryCoreModule } from '@hydrator/registry';
import { RunnerCoreModule } from '@hydrator/runner';
import { SchedulingCoreModule } from '@hydrator/scheduling';
import { AuditLogReader } from './audit-log.reader';
import { DeploymentChanges } from './deployment-changes.service';
import { Emergencies } from './emergencies.service';
import { Freezes } from './freezes.service';
import { RegistrationTickets } from './registration-tickets.service';

/** What operators do live (docs/graphql.md): cancel, edit revs, freeze, emergencies, registration tickets, the audit log. */
@Module({
  imports: [RegistryCoreModule, RunnerCoreModule, SchedulingCoreModule, NotifierCoreModule, LiveModule],
  providers: [AuditService, AuditLogReader, DeploymentChanges, Emergencies, Freezes, RegistrationTickets],
  exports: [AuditLogReader, DeploymentChanges, Emergencies, Freezes, RegistrationTickets],
})
export class OperationsModule {}
