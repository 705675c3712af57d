import { Module } from '@nestjs/common';
import { UiController } from './ui.controller';

/** The web UI: static pages and ES modules that talk to the gateway's GraphQL API. */
@Module({ controllers: [UiController] })
export class UiModule {}
