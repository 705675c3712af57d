export * from './audit-log.reader';
export * from './deployment-changes.service';
export * from './emergencies.service';
export * from './freezes.service';
export * from './operations.module';
export * from './registration-tickets.service';
