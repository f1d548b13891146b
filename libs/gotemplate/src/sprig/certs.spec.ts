// Sprig's certificate functions: outputs are random, so the PEM they produce is
// parsed with node:crypto and checked for the properties Sprig's certificates have.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { renderTemplateText, TemplateError } from '../index';
import { parseIP } from './certs';

const DAY = 24 * 60 * 60 * 1000;

function render(text: string, data: unknown = {}): string {
  return renderTemplateText(text, data);
}

function errorOf(text: string): TemplateError {
  try {
    render(text);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

/** Renders `.Cert` and `.Key` of each certificate variable, separated by "|". */
function pems(text: string): string[] {
  return render(text).split('|');
}

function hex(cert: X509Certificate): string {
  return cert.raw.toString('hex');
}

// DER of the extensions Go writes for Sprig's templates.
const KEY_USAGE_LEAF = '0603551d0f0101ff0404030205a0'; // critical, digitalSignature | keyEncipherment
const KEY_USAGE_CA = '0603551d0f0101ff0404030202a4'; // ... | keyCertSign
const EXT_KEY_USAGE = '0603551d250416301406082b0601050507030106082b06010505070302'; // serverAuth, clientAuth
const BASIC_CONSTRAINTS_CA = '0603551d130101ff040530030101ff';
const BASIC_CONSTRAINTS_LEAF = '0603551d130101ff04023000';

function expectValidity(cert: X509Certificate, days: number): void {
  const now = Date.now();
  expect(Math.abs(new Date(cert.validFrom).getTime() - now)).toBeLessThan(60_000);
  expect(Math.abs(new Date(cert.validTo).getTime() - (now + days * DAY))).toBeLessThan(60_000);
}

describe('genCA and genSignedCert', () => {
  const [caCert, caKey, cert, key] = pems(
    '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "foo.com" (list "10.0.0.1" "::1" "::ffff:1.2.3.4") (list "foo.com" "www.foo.com") 30 $ca }}' +
      '{{ $ca.Cert }}|{{ $ca.Key }}|{{ $c.Cert }}|{{ $c.Key }}',
  );
  const ca = new X509Certificate(caCert!);
  const leaf = new X509Certificate(cert!);

  it('makes a self-signed RSA-2048 CA', () => {
    expect(ca.subject).toBe('CN=my-ca');
    expect(ca.issuer).toBe('CN=my-ca');
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expectValidity(ca, 365);
    expect(ca.serialNumber.length).toBeLessThanOrEqual(32);
    for (const ext of [KEY_USAGE_CA, EXT_KEY_USAGE, BASIC_CONSTRAINTS_CA, '0603551d0e04160414']) {
      expect(hex(ca)).toContain(ext); // ... and a subject key identifier
    }
    expect(caKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n$/);
    const privateKey = createPrivateKey(caKey!);
    expect(privateKey.asymmetricKeyDetails).toEqual({ modulusLength: 2048, publicExponent: 65537n });
    expect(createPublicKey(privateKey).export({ format: 'pem', type: 'spki' })).toBe(
      ca.publicKey.export({ format: 'pem', type: 'spki' }),
    );
  });

  it('signs a leaf certificate with SANs that verifies against the CA', () => {
    expect(leaf.subject).toBe('CN=foo.com');
    expect(leaf.issuer).toBe('CN=my-ca');
    expect(leaf.subjectAltName).toBe(
      'DNS:foo.com, DNS:www.foo.com, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:1.2.3.4',
    );
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expectValidity(leaf, 30);
    for (const ext of [KEY_USAGE_LEAF, EXT_KEY_USAGE, BASIC_CONSTRAINTS_LEAF, '0603551d23041830168014']) {
      expect(hex(leaf)).toContain(ext); // ... and an authority key identifier
    }
    expect(leaf.serialNumber).not.toBe(ca.serialNumber);
    expect(createPrivateKey(key!).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('buildCustomCert returns the PEM it was given, usable as a CA', () => {
    const data = { cert: Buffer.from(caCert!).toString('base64'), key: Buffer.from(caKey!).toString('base64') };
    expect(renderTemplateText('{{ $c := buildCustomCert .cert .key }}{{ $c.Cert }}|{{ $c.Key }}', data)).toBe(
      `${caCert}|${caKey}`,
    );
    const signed = renderTemplateText(
      '{{ $ca := buildCustomCert .cert .key }}{{ (genSignedCert "svc" nil nil 1 $ca).Cert }}',
      data,
    );
    expect(new X509Certificate(signed).verify(ca.publicKey)).toBe(true);
  });
});

describe('genSelfSignedCert', () => {
  it('makes a self-signed leaf; nil lists mean no SANs', () => {
    const [cert, key] = pems('{{ $c := genSelfSignedCert "foo" nil nil 7 }}{{ $c.Cert }}|{{ $c.Key }}');
    const x = new X509Certificate(cert!);
    expect([x.subject, x.issuer, x.ca, x.subjectAltName]).toEqual(['CN=foo', 'CN=foo', false, undefined]);
    expect(x.verify(x.publicKey)).toBe(true);
    expectValidity(x, 7);
    expect(hex(x)).toContain(KEY_USAGE_LEAF);
    expect(createPrivateKey(key!).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it("follows Go's time.Duration for negative and overflowing day counts", () => {
    const [past, wrapped] = pems(
      '{{ $k := genPrivateKey "ecdsa" }}{{ (genSelfSignedCertWithKey "a" nil nil -2 $k).Cert }}|' +
        '{{ (genSelfSignedCertWithKey "a" nil nil 200000 $k).Cert }}',
    );
    expectValidity(new X509Certificate(past!), -2);
    // 200000 days of nanoseconds overflows int64 and wraps to about -8296 days, as in Go.
    const validTo = new Date(new X509Certificate(wrapped!).validTo).getTime();
    expect(Math.abs(validTo - (Date.now() + (200000 * DAY * 1e6 - 2 ** 64) / 1e6))).toBeLessThan(60_000);
  });

  it('prints as a Go struct and encodes to JSON with Cert and Key', () => {
    const out = render('{{ $c := genSelfSignedCert "foo" nil nil 1 }}{{ typeOf $c }} {{ $c | toJson }}');
    expect(out).toMatch(/^sprig\.certificate \{"Cert":"-----BEGIN CERTIFICATE-----\\n.*","Key":"-----BEGIN RSA/);
  });
});

describe('genPrivateKey and the *WithKey functions', () => {
  // DSA parameter generation is the slowest step: one key serves every DSA check.
  let dsa = '';
  beforeAll(() => {
    dsa = render('{{ genPrivateKey "dsa" }}');
  });

  it('generates every key type Sprig does', () => {
    const [rsa, ecdsa, ed25519] = render(
      '{{ genPrivateKey "rsa" }}|{{ genPrivateKey "ecdsa" }}|{{ genPrivateKey "ed25519" }}',
    ).split('|');
    expect(rsa).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(createPrivateKey(rsa!).asymmetricKeyDetails).toEqual({ modulusLength: 4096, publicExponent: 65537n });
    expect(ecdsa).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(createPrivateKey(ecdsa!).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(ed25519).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(createPrivateKey(ed25519!).asymmetricKeyType).toBe('ed25519');
    expect(dsa).toMatch(/^-----BEGIN DSA PRIVATE KEY-----\n/);
    expect(createPrivateKey(dsa).asymmetricKeyDetails).toEqual({ modulusLength: 2048, divisorLength: 256 });
  });

  it('refuses DSA keys where Go cannot sign with or embed them', () => {
    const message = (text: string) => {
      try {
        renderTemplateText(text, { key: dsa });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(message('{{ genCAWithKey "a" 3 .key }}')).toContain(
      'error calling genCAWithKey: error creating certificate: x509: certificate private key does not implement crypto.Signer',
    );
    expect(
      message(
        '{{ $ca := genCAWithKey "ec" 1 (genPrivateKey "ecdsa") }}{{ genSignedCertWithKey "a" nil nil 3 $ca .key }}',
      ),
    ).toContain(
      'error calling genSignedCertWithKey: error creating certificate: x509: unsupported public key type: *dsa.PublicKey',
    );
  });

  it('uses the given ECDSA and Ed25519 keys, and signs with an ECDSA CA', () => {
    const [caCert, caKey, leafCert, leafKey, edCert, edKey] = pems(
      '{{ $ca := genCAWithKey "ec-ca" 10 (genPrivateKey "ecdsa") }}' +
        '{{ $c := genSignedCertWithKey "leaf" (list "192.168.0.1") nil 5 $ca (genPrivateKey "ed25519") }}' +
        '{{ $s := genSelfSignedCertWithKey "self" nil (list "a.example") 2 (genPrivateKey "ed25519") }}' +
        '{{ $ca.Cert }}|{{ $ca.Key }}|{{ $c.Cert }}|{{ $c.Key }}|{{ $s.Cert }}|{{ $s.Key }}',
    );
    const ca = new X509Certificate(caCert!);
    expect([ca.subject, ca.ca, ca.publicKey.asymmetricKeyType, ca.verify(ca.publicKey)]).toEqual([
      'CN=ec-ca',
      true,
      'ec',
      true,
    ]);
    expect(caKey).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    const leaf = new X509Certificate(leafCert!);
    expect([leaf.subject, leaf.issuer, leaf.subjectAltName]).toEqual(['CN=leaf', 'CN=ec-ca', 'IP Address:192.168.0.1']);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(createPublicKey(createPrivateKey(leafKey!)).export({ format: 'der', type: 'spki' })).toEqual(
      leaf.publicKey.export({ format: 'der', type: 'spki' }),
    );
    const self = new X509Certificate(edCert!);
    expect([self.subject, self.subjectAltName, self.publicKey.asymmetricKeyType]).toEqual([
      'CN=self',
      'DNS:a.example',
      'ed25519',
    ]);
    expect(self.verify(self.publicKey)).toBe(true);
    expect(edKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expectValidity(self, 2);
  });

  it('accepts PKCS#8 RSA keys and writes them back as PKCS#1', () => {
    const pkcs1 = render('{{ (genCA "k" 1).Key }}');
    const pkcs8 = createPrivateKey(pkcs1).export({ format: 'pem', type: 'pkcs8' }) as string;
    const out = renderTemplateText('{{ $c := genCAWithKey "k" 1 .key }}{{ $c.Key }}', { key: pkcs8 });
    expect(out).toBe(pkcs1);
  });
});

describe('errors', () => {
  it("genPrivateKey returns Sprig's text for an unknown type", () => {
    expect(render('{{ genPrivateKey "foo" }}')).toBe('Unknown type foo');
  });

  const row = (text: string, message: string) => [text, message];
  it.each([
    row('{{ buildCustomCert "!!" "" }}', 'error calling buildCustomCert: unable to decode base64 certificate'),
    row('{{ buildCustomCert "YWJj" "@" }}', 'error calling buildCustomCert: unable to decode base64 private key'),
    row('{{ buildCustomCert "YWJj" "YWJj" }}', 'error calling buildCustomCert: unable to decode certificate'),
    row(
      '{{ buildCustomCert ("-----BEGIN CERTIFICATE-----\\nYWJj\\n-----END CERTIFICATE-----\\n" | b64enc) "" }}',
      'error calling buildCustomCert: error parsing certificate: decodedCert.Bytes: x509: malformed certificate',
    ),
    row(
      '{{ $ca := genCA "x" 1 }}{{ buildCustomCert ($ca.Cert | b64enc) ($ca.Cert | b64enc) }}',
      'error calling buildCustomCert: error parsing private key: no private key data in PEM block of type CERTIFICATE',
    ),
    row('{{ genSelfSignedCert "a" (list "1.2.3") nil 3 }}', 'error calling genSelfSignedCert: error parsing ip: 1.2.3'),
    row(
      '{{ genSelfSignedCert "a" (list 1) nil 3 }}',
      'error calling genSelfSignedCert: error parsing ip: 1 is not a string',
    ),
    row(
      '{{ genSelfSignedCert "a" nil (list 1.5) 3 }}',
      'error calling genSelfSignedCert: error processing alternate dns name: 1.5 is not a string',
    ),
    row(
      '{{ genSelfSignedCert "a" nil (list "ü.example") 3 }}',
      'error calling genSelfSignedCert: error creating certificate: x509: "ü.example" cannot be encoded as an IA5String',
    ),
    row('{{ genCAWithKey "a" 3 "junk" }}', 'error calling genCAWithKey: parsing private key: no PEM data in input'),
    row(
      '{{ genCAWithKey "a" 3 ((genPrivateKey "ecdsa") | replace "EC PRIVATE" "RSA PRIVATE") }}',
      'error calling genCAWithKey: parsing private key: parsing RSA private key from PEM: x509: failed to parse private key (use ParseECPrivateKey instead for this key format)',
    ),
    row(
      '{{ genCAWithKey "a" 3 "-----BEGIN FOO KEY-----\\nYWJj\\n-----END FOO KEY-----\\n" }}',
      'error calling genCAWithKey: parsing private key: no private key data in PEM block of type FOO KEY',
    ),
    row(
      '{{ genSignedCert "a" nil nil 3 (dict "Cert" "x") }}',
      'wrong type for value; expected sprig.certificate; got map[string]interface {}',
    ),
    row(
      '{{ $ca := genCA "x" 1 }}{{ $o := buildCustomCert ($ca.Cert | b64enc) (genPrivateKey "ecdsa" | b64enc) }}{{ genSignedCert "a" nil nil 3 $o }}',
      "error calling genSignedCert: error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey",
    ),
  ])('%s', (text, message) => {
    const error = errorOf(text);
    expect(error.code).toBe('TEMPLATE_EXEC_ERROR');
    expect(error.message).toContain(message);
  });
});

describe('costs and randomness', () => {
  it('charges key generation against maxRangeIterations', () => {
    const error = (() => {
      try {
        renderTemplateText(
          '{{ range until 1000 }}{{ genCA "x" 1 }}{{ end }}',
          {},
          { limits: { maxRangeIterations: 30_000 } },
        );
      } catch (e) {
        return e as TemplateError;
      }
      throw new Error('expected a limit error');
    })();
    expect(error.code).toBe('TEMPLATE_LIMIT_EXCEEDED');
  });

  it('fails clearly without globalThis.crypto.getRandomValues', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      expect(errorOf('{{ genPrivateKey "ecdsa" }}').message).toContain(
        'error calling genPrivateKey: crypto/rand: globalThis.crypto.getRandomValues is not available',
      );
    } finally {
      Object.defineProperty(globalThis, 'crypto', descriptor);
    }
  });

  it('parses IP addresses as net.ParseIP does', () => {
    const show = (text: string) => {
      const ip = parseIP(text);
      return ip === undefined ? null : Array.from(ip).join('.');
    };
    expect(show('10.0.0.1')).toBe('10.0.0.1');
    expect(show('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(show('2001:db8::1')).toBe('32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1');
    for (const bad of ['010.0.0.1', '256.0.0.1', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8::', 'fe80::1%eth0', '']) {
      expect(show(bad)).toBeNull();
    }
  });
});
