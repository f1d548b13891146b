export { buildTelegramRequests, httpOutcome } from './telegram-request';
