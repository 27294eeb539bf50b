/**
 * A local SMTP server for the digest tests (smtp-server, on loopback): it speaks the protocol,
 * requires AUTH, and keeps each message it accepted, with its body decoded into the plain-text
 * and HTML parts. `reject` makes it refuse a recipient the way a real server does (550).
 */
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  authUser: string | undefined;
  mailFrom: string;
  rcptTo: string[];
  headers: Map<string, string>;
  text: string;
  html: string;
}

export interface FakeSmtp {
  url: (password?: string) => string;
  received: ReceivedMail[];
  /** Recipients refused with 550 while listed here. */
  reject: Set<string>;
  close(): Promise<void>;
}

export const SMTP_USER = 'digest';
export const SMTP_PASSWORD = 's3cret-pa55';

function decodePart(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  return headers;
}

/** Splits a multipart/alternative message into its text/plain and text/html bodies. */
function parse(raw: string): Pick<ReceivedMail, 'headers' | 'text' | 'html'> {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = headersOf(head);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error(`not multipart: ${headers.get('content-type')}`);
  const parts = rest.join('\r\n\r\n').split(`--${boundary}`).slice(1, -1);
  const bodies: Record<string, string> = {};
  for (const part of parts) {
    const [partHead = '', ...partBody] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const ph = headersOf(partHead);
    const type = (ph.get('content-type') ?? '').split(';')[0]!;
    bodies[type] = decodePart(partBody.join('\r\n\r\n').replace(/\r?\n$/, ''), ph.get('content-transfer-encoding'));
  }
  // SMTP carries CRLF line ends; the bodies were written with LF.
  const lf = (body = '') => body.replace(/\r\n/g, '\n');
  return { headers, text: lf(bodies['text/plain']), html: lf(bodies['text/html']) };
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const received: ReceivedMail[] = [];
  const reject = new Set<string>();
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS (its built-in certificate would not verify), so AUTH
    // has to be allowed without TLS here.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address)) callback(Object.assign(new Error(`5.1.1 mailbox unavailable`), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          authUser: typeof session.user === 'string' ? session.user : undefined,
          mailFrom: mailFrom ? mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          ...parse(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: (password = SMTP_PASSWORD) => `smtp://${SMTP_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    received,
    reject,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
