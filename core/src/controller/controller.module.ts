import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { AppController } from './app-controller.service';
import { ControllerMetrics } from './controller-metrics';
import { LiveStateService } from './live-state/live-state.service';
import { ResourceTreePublisher } from './tree/tree-publisher.service';

/**
 * The application controller role: live-state caches of the destination
 * clusters, refresh and status. The manifest client, plugin host and settings
 * come from the kernel's shared modules.
 */
@Module({
  imports: [ClustersModule],
  providers: [LiveStateService, ControllerMetrics, ResourceTreePublisher, AppController],
  exports: [AppController, LiveStateService],
})
export class ControllerModule {}
