export const NOTICE_OF_DISCONNECTION_OID = '1.3.6.1.4.1.1466.20036';

/**
 * The extendedResponse protocolOp of a Notice of Disconnection. Declared structurally here so this
 * module does not depend on the message codec; it is assignable to the codec's ExtendedResponse.
 */
export interface NoticeOfDisconnection {
  readonly type: 'extendedResponse';
  readonly resultCode: number;
  readonly matchedDN: '';
  readonly diagnosticMessage: string;
  readonly responseName: typeof NOTICE_OF_DISCONNECTION_OID;
}

/** RFC 4511 §4.1.1: unsolicited notifications travel in an LDAPMessage with messageID 0. */
export const NOTICE_OF_DISCONNECTION_MESSAGE_ID = 0;

/**
 * RFC 4511 §4.4.1: sent just before the server closes the connection, with resultCode
 * protocolError, strongerAuthRequired or unavailable, and no responseValue.
 */
export function noticeOfDisconnection(resultCode: number, diagnosticMessage: string): NoticeOfDisconnection {
  return { type: 'extendedResponse', resultCode, matchedDN: '', diagnosticMessage, responseName: NOTICE_OF_DISCONNECTION_OID };
}
