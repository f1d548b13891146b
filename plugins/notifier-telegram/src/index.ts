export { buildTelegramRequests } from './telegram-request';
