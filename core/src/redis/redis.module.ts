import { Global, Module } from '@nestjs/common';
import { RedisConnections } from './redis-connections.service';

@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
