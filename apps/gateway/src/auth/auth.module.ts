import { Module } from '@nestjs/common';
import { OperatorHttpGuard } from './operator-http.guard';
import { TokenAuthority } from './token-authority';

@Module({
  providers: [TokenAuthority, OperatorHttpGuard],
  exports: [TokenAuthority, OperatorHttpGuard],
})
export class AuthModule {}
