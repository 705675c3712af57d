import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@hydrator/queues';
import { AuthModule } from '../auth/auth.module';
import { TokenAuthority } from '../auth/token-authority';
import { bullBoardAuth } from './bull-board-auth.middleware';

/** Bull Board's Express sub-app, which would otherwise announce itself in `X-Powered-By`. */
class QuietExpressAdapter extends ExpressAdapter {
  constructor() {
    super();
    this.app.disable('x-powered-by');
  }
}

/** Bull Board at `/admin/queues`, listing every Hydrator queue, behind operator credentials. */
@Module({
  imports: [
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
    BullBoardModule.forRootAsync({
      imports: [AuthModule],
      inject: [TokenAuthority],
      useFactory: (tokens: TokenAuthority) => ({
        route: '/admin/queues',
        adapter: QuietExpressAdapter,
        middleware: bullBoardAuth(tokens),
        boardOptions: { uiConfig: { boardTitle: 'Hydrator queues' } },
      }),
    }),
    ...Object.values(QueueName).map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
  ],
})
export class QueueAdminModule {}
