export { buildWebhookRequest, type WebhookServiceConfig } from './webhook-request';
