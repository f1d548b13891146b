/** A certificate or known_hosts entry a client sent that cannot be saved; the message names the entry. */
export class CertificateInputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateInputProblem';
  }
}
