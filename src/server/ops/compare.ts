import { LdapError, ResultCode } from '../../errors/index.js';
import type { CompareRequest, ResolvedControls } from '../../protocol/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { result } from '../respond.js';
import { checkAssertion } from './write-support.js';
import { viewOf } from './search.js';
import { SECRET_ATTRIBUTE_KEYS, typeKey } from '../entry-view.js';
import { accessContext, entryFacts, requireAccess } from '../access.js';

/** Compare (RFC 4511 §4.10): compareTrue/compareFalse under the attribute's equality rule. */
export async function compare(server: ServerContext, request: CompareRequest, ctx: RequestContext, controls: ResolvedControls): Promise<OperationOutcome> {
  const directory = server.directory;
  const schema = directory.schema;
  const target = directory.target(request.entry);
  if (schema.attributeType(request.attribute.split(';')[0] ?? '') === undefined) {
    throw new LdapError(ResultCode.undefinedAttributeType, `attribute type '${request.attribute}' is not defined`);
  }
  if (SECRET_ATTRIBUTE_KEYS.has(typeKey(schema, request.attribute))) {
    throw new LdapError(ResultCode.insufficientAccessRights, `'${request.attribute}' cannot be compared; bind to check a password`);
  }
  const rule = schema.matchingContext.equality(request.attribute);
  if (rule === undefined) throw new LdapError(ResultCode.inappropriateMatching, `attribute '${request.attribute}' has no equality rule`);
  const outcome = directory.backend.read((txn) => {
    const entry = directory.require(txn, target);
    requireAccess(server.access, accessContext(txn, ctx.session.identity), entryFacts(directory, entry.ndn, entry.dn, entry.attributes), request.attribute, 'compare', `compare ${request.attribute} of ${entry.dn}`);
    checkAssertion(server, txn, entry, controls);
    const values = viewOf(server, txn, entry).getValues(request.attribute);
    if (values === undefined || values.length === 0) {
      throw new LdapError(ResultCode.noSuchAttribute, `${entry.dn} has no attribute '${request.attribute}'`);
    }
    let assertion: unknown;
    try {
      assertion = rule.normalize(request.value);
    } catch (err) {
      if (err instanceof LdapError) throw new LdapError(ResultCode.invalidAttributeSyntax, err.message);
      throw err;
    }
    return values.some((v) => {
      try {
        return rule.equals(rule.normalize(v), assertion);
      } catch {
        return false;
      }
    });
  });
  return { result: result(outcome ? ResultCode.compareTrue : ResultCode.compareFalse), log: { dn: request.entry, attr: request.attribute } };
}
