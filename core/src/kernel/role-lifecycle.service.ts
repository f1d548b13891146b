import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { hostname } from 'node:os';
import { EventBus } from '../events/event-bus.service';
import { type Role } from './roles';

export const KERNEL_ROLES = Symbol('KERNEL_ROLES');

/** Announces on the event bus when this process's roles start and stop. */
@Injectable()
export class RoleLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RoleLifecycle.name);

  constructor(
    private readonly bus: EventBus,
    @Inject(KERNEL_ROLES) private readonly roles: readonly Role[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.announce('RoleStarted', 'started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.announce('RoleStopping', 'stopping').catch((error: unknown) =>
      this.logger.warn(`could not announce shutdown: ${String(error)}`),
    );
  }

  private async announce(type: 'RoleStarted' | 'RoleStopping', verb: string): Promise<void> {
    const source = `${hostname()}:${process.pid}/${this.roles.join('+')}`;
    await this.bus.publish('serverEvents', {
      type,
      message: `${this.roles.join(', ')} ${verb}`,
      source,
      at: new Date().toISOString(),
    });
  }
}
