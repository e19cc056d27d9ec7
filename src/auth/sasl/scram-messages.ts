/**
 * Parsers for the SCRAM client messages (RFC 5802 §7 grammar). They are strict on purpose: attributes must
 * come in the order the grammar fixes, `m=` (reserved for mandatory extensions, §5.1) is refused, and a client
 * may not send `e=`. A parse failure is returned as a message string (the caller answers protocolError).
 */

export type Gs2Flag = 'n' | 'y' | 'p';

export interface ClientFirst {
  readonly flag: Gs2Flag;
  /** The cb-name after `p=`, e.g. 'tls-exporter'. */
  readonly cbName?: string;
  /** The decoded `a=` authzid, if any. */
  readonly authzid?: string;
  /** The gs2-header exactly as sent (with its trailing ','), which `c=` must echo (§5.1 "c"). */
  readonly gs2Header: string;
  /** client-first-message-bare as sent, part of AuthMessage (§3). */
  readonly bare: string;
  /** The decoded `n=` user name, before SASLprep. */
  readonly username: string;
  readonly clientNonce: string;
}

export interface ClientFinal {
  readonly channelBinding: string;
  readonly nonce: string;
  readonly proof: string;
  /** client-final-message-without-proof as sent, part of AuthMessage (§3). */
  readonly withoutProof: string;
}

/** Attribute names RFC 5802 defines; an extension may not reuse them (that would be a reordered attribute). */
const DEFINED = new Set(['a', 'n', 'm', 'r', 'c', 's', 'i', 'p', 'v', 'e']);
const PRINTABLE = /^[\x21-\x2b\x2d-\x7e]+$/;
const CB_NAME = /^[A-Za-z0-9.-]+$/;
const SASLNAME = /^(?:[^\0=,]|=2C|=3D)+$/;
const ATTR_VAL = /^([A-Za-z])=([^\0,]+)$/;

/** Decodes an RFC 5802 §5.1 saslname: `=2C` is ',' and `=3D` is '='; any other '=' is malformed. */
export function decodeSaslName(text: string): string | undefined {
  if (!SASLNAME.test(text)) return undefined;
  return text.replace(/=2C|=3D/g, (m) => (m === '=2C' ? ',' : '='));
}

/** The inverse of decodeSaslName. */
export function encodeSaslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** Checks optional trailing extensions: well-formed attr-vals that do not reuse a defined attribute name. */
function checkExtensions(parts: readonly string[], where: string): string | undefined {
  for (const part of parts) {
    const match = ATTR_VAL.exec(part);
    if (match === null) return `malformed attribute in the ${where}`;
    const name = match[1] as string;
    if (name === 'm') return 'mandatory extension (m=) not supported';
    if (name === 'e') return 'the client may not send e=';
    if (DEFINED.has(name)) return `unexpected attribute ${name}= in the ${where} (attributes must appear in RFC 5802 order)`;
  }
  return undefined;
}

export function parseClientFirst(text: string): ClientFirst | string {
  let flag: Gs2Flag;
  let cbName: string | undefined;
  let pos: number;
  if (text.startsWith('n,') || text.startsWith('y,')) {
    flag = text[0] as Gs2Flag;
    pos = 2;
  } else if (text.startsWith('p=')) {
    const comma = text.indexOf(',');
    cbName = comma < 0 ? '' : text.slice(2, comma);
    if (!CB_NAME.test(cbName)) return 'malformed channel binding name in the GS2 header';
    flag = 'p';
    pos = comma + 1;
  } else {
    return 'malformed GS2 header: the first attribute must be n, y or p=';
  }
  const comma = text.indexOf(',', pos);
  if (comma < 0) return 'malformed GS2 header';
  const authzField = text.slice(pos, comma);
  let authzid: string | undefined;
  if (authzField !== '') {
    if (!authzField.startsWith('a=')) return 'malformed GS2 header: expected a= or an empty authzid';
    authzid = decodeSaslName(authzField.slice(2));
    if (authzid === undefined) return 'malformed authzid (a=)';
  }
  const gs2Header = text.slice(0, comma + 1);
  const bare = text.slice(comma + 1);
  const parts = bare.split(',');
  if (parts[0]?.startsWith('m=')) return 'mandatory extension (m=) not supported';
  const [user, nonce, ...rest] = parts;
  if (user === undefined || !user.startsWith('n=')) return 'expected n= as the first attribute of client-first-message-bare';
  const username = decodeSaslName(user.slice(2));
  if (username === undefined) return 'malformed user name (n=)';
  if (nonce === undefined || !nonce.startsWith('r=')) return 'expected r= after n=';
  const clientNonce = nonce.slice(2);
  if (!PRINTABLE.test(clientNonce)) return 'malformed client nonce (r=)';
  const extensionProblem = checkExtensions(rest, 'client-first message');
  if (extensionProblem !== undefined) return extensionProblem;
  return {
    flag,
    ...(cbName === undefined ? {} : { cbName }),
    ...(authzid === undefined ? {} : { authzid }),
    gs2Header,
    bare,
    username,
    clientNonce,
  };
}

export function parseClientFinal(text: string): ClientFinal | string {
  const parts = text.split(',');
  const [cb, nonce] = parts;
  if (parts.some((p) => p.startsWith('e='))) return 'the client may not send e=';
  if (parts[0]?.startsWith('m=')) return 'mandatory extension (m=) not supported';
  if (cb === undefined || !cb.startsWith('c=')) return 'expected c= as the first attribute of the client-final message';
  if (nonce === undefined || !nonce.startsWith('r=') || !PRINTABLE.test(nonce.slice(2))) {
    return 'expected r= after c= in the client-final message';
  }
  const last = parts[parts.length - 1] as string;
  if (parts.length < 3 || !last.startsWith('p=')) return 'expected p= as the last attribute of the client-final message';
  const extensionProblem = checkExtensions(parts.slice(2, -1), 'client-final message');
  if (extensionProblem !== undefined) return extensionProblem;
  return {
    channelBinding: cb.slice(2),
    nonce: nonce.slice(2),
    proof: last.slice(2),
    withoutProof: text.slice(0, text.length - last.length - 1),
  };
}
