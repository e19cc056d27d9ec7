import type { SubstringPosition } from '../filter/index.js';
import type { MatchingRule } from './model.js';
import { compareStrings, equalityRule, orderingRule, substringsRule } from './rule-factory.js';
import type { EqualityImpl, SubstringsImpl } from './rule-factory.js';
import {
  compactSpaces, decodeUtf8, preparedText, prepareText, spacedSubstring, spacedValue, stringKey, stripSpaces, stripTelephone,
} from './string-prep.js';
import { ia5String } from './syntax-validators.js';

/** The string matching rules of RFC 4517 §4.2, with RFC 4518 preparation. */

const S = '1.3.6.1.4.1.1466.115.121.1';
const DIRECTORY_STRING = `${S}.15`;
const IA5 = `${S}.26`;
const SUBSTRING_ASSERTION = `${S}.58`;

function stringSubstrings(fold: boolean, check: (v: Buffer) => boolean = () => true): SubstringsImpl {
  return {
    value(v) {
      const text = check(v) ? preparedText(v, fold) : undefined;
      return text === undefined ? undefined : spacedValue(text);
    },
    piece(v, position) {
      const text = check(v) ? preparedText(v, fold) : undefined;
      return text === undefined ? undefined : spacedSubstring(text, position);
    },
  };
}

/** Lines of a Postal Address (RFC 4517 §3.3.28), `\24` and `\5C` unescaped. */
function postalLines(value: Buffer): string[] | undefined {
  const text = decodeUtf8(value);
  if (text === undefined) return undefined;
  return text.split('$').map((line) => line.replace(/\\(24|5[Cc])/g, (_m, hex: string) => (hex === '24' ? '$' : '\\')));
}

const caseIgnoreList: EqualityImpl = (v) => {
  const lines = postalLines(v);
  // Each line prepared as caseIgnoreMatch does; `$` and `\` re-escaped so the join is unambiguous.
  return lines?.map((line) => compactSpaces(prepareText(line, true)).replace(/\\/g, '\\5c').replace(/\$/g, '\\24')).join('$');
};

const ia5Key = (fold: boolean): EqualityImpl => (v) => (ia5String(v) ? stringKey(v, fold) : undefined);

const numericKey: EqualityImpl = (v) => {
  const text = v.toString('latin1');
  return /^[0-9 ]*$/.test(text) ? stripSpaces(text) : undefined;
};

const telephoneKey: EqualityImpl = (v) => {
  const text = preparedText(v, false);
  return text === undefined ? undefined : stripTelephone(text);
};

const stripped = (key: EqualityImpl): SubstringsImpl => ({
  value: key,
  piece: (v: Buffer, _position: SubstringPosition) => key(v),
});

export function stringRules(): MatchingRule[] {
  const caseIgnore: EqualityImpl = (v) => stringKey(v, true);
  const caseExact: EqualityImpl = (v) => stringKey(v, false);
  return [
    equalityRule({ oid: '2.5.13.2', name: 'caseIgnoreMatch', syntax: DIRECTORY_STRING }, caseIgnore),
    orderingRule({ oid: '2.5.13.3', name: 'caseIgnoreOrderingMatch', syntax: DIRECTORY_STRING }, { normalize: caseIgnore, compare: compareStrings }),
    substringsRule({ oid: '2.5.13.4', name: 'caseIgnoreSubstringsMatch', syntax: SUBSTRING_ASSERTION }, stringSubstrings(true)),
    equalityRule({ oid: '2.5.13.5', name: 'caseExactMatch', syntax: DIRECTORY_STRING }, caseExact),
    orderingRule({ oid: '2.5.13.6', name: 'caseExactOrderingMatch', syntax: DIRECTORY_STRING }, { normalize: caseExact, compare: compareStrings }),
    substringsRule({ oid: '2.5.13.7', name: 'caseExactSubstringsMatch', syntax: SUBSTRING_ASSERTION }, stringSubstrings(false)),
    equalityRule({ oid: '2.5.13.8', name: 'numericStringMatch', syntax: `${S}.36` }, numericKey),
    orderingRule({ oid: '2.5.13.9', name: 'numericStringOrderingMatch', syntax: `${S}.36` }, { normalize: numericKey, compare: compareStrings }),
    substringsRule({ oid: '2.5.13.10', name: 'numericStringSubstringsMatch', syntax: SUBSTRING_ASSERTION }, stripped(numericKey)),
    equalityRule({ oid: '2.5.13.11', name: 'caseIgnoreListMatch', syntax: `${S}.41` }, caseIgnoreList),
    substringsRule({ oid: '2.5.13.12', name: 'caseIgnoreListSubstringsMatch', syntax: SUBSTRING_ASSERTION }, {
      value: (v) => postalLines(v)?.map((line) => spacedValue(prepareText(line, true))).join(''),
      piece: (v, position) => {
        const text = preparedText(v, true);
        return text === undefined ? undefined : spacedSubstring(text, position);
      },
    }),
    equalityRule({ oid: '2.5.13.20', name: 'telephoneNumberMatch', syntax: `${S}.50` }, telephoneKey),
    substringsRule({ oid: '2.5.13.21', name: 'telephoneNumberSubstringsMatch', syntax: SUBSTRING_ASSERTION }, stripped(telephoneKey)),
    equalityRule({ oid: '1.3.6.1.4.1.1466.109.114.1', name: 'caseExactIA5Match', syntax: IA5 }, ia5Key(false)),
    equalityRule({ oid: '1.3.6.1.4.1.1466.109.114.2', name: 'caseIgnoreIA5Match', syntax: IA5 }, ia5Key(true)),
    substringsRule({ oid: '1.3.6.1.4.1.1466.109.114.3', name: 'caseIgnoreIA5SubstringsMatch', syntax: SUBSTRING_ASSERTION }, stringSubstrings(true, ia5String)),
    // OpenLDAP's experimental arc: RFC 4517 defines no case-exact IA5 substrings rule.
    substringsRule({ oid: '1.3.6.1.4.1.4203.1.2.1', name: 'caseExactIA5SubstringsMatch', syntax: SUBSTRING_ASSERTION }, stringSubstrings(false, ia5String)),
  ];
}
