// builtin.notifier-email: mails the notification through the service's SMTP server (host.smtp).
import { defineNotifier } from '@driftless/plugin-sdk';
import { buildEmail, smtpFailure } from './email-message';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildEmail(input);
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    try {
      const sent = await host.smtp.send(plan.request);
      if (sent.rejected.length > 0)
        return { delivered: false, retryable: false, detail: `the server refused ${sent.rejected.join(', ')}` };
      return { delivered: true };
    } catch (error) {
      return smtpFailure(error);
    }
  },
});
