export { buildEmail, smtpFailure } from './email-message';
