import { Module } from '@nestjs/common';
import { NotificationController } from './controller/notification-controller.service';
import { NotificationMetrics } from './notification-metrics';

/**
 * Argo CD notifications (the controller role): triggers, templates, subscriptions, delivery through
 * notifier plugins. The plugin host, Redis, metrics and the control-plane cluster come from the
 * kernel's global modules.
 */
@Module({
  providers: [NotificationMetrics, NotificationController],
  exports: [NotificationController],
})
export class NotificationsModule {}
