import { headerKey } from '../../../shared/table/header-key';
import { normalizeText } from '../../../shared/text/normalize';
import { toSimplified } from '../../../shared/text/simplified';

/**
 * How a field of the data classification meets the data it governs. A classification sheet
 * names fields as people write them (手机号, 地址, "ID number"); user records of the handbook's
 * sync API name them as the API does (phone, address, id_number); sheet rows name them by their
 * kind's headers (负责人) or by any field id a client sent (tel_no, home_address).
 *
 * Each name is reduced to one key: a well-known personal field to its API name when the name
 * CONTAINS one of its aliases (家庭地址 and 地址1 are addresses, 年龄 岁 is an age, tel_no is a
 * phone, id_no an ID number), anything else to its header key (case, width, script and notes in
 * brackets folded). Chinese aliases are found anywhere in the name; Latin ones as whole words
 * (split at spaces, punctuation, digits and camelCase), so that "paid" is not an "id" and
 * "address_book_count" still is an address. The longest alias found wins.
 */

type Alias = { readonly canonical: string; readonly cjk: string } | { readonly canonical: string; readonly words: readonly string[] };

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  user_id: ['user_id', 'user id', 'userid', 'uid', 'id', 'customer id', 'member id', '用户ID', '用户编号', '用户标识', '客户ID', '客户编号', '会员ID', '会员编号'],
  phone: ['phone', 'phone number', 'phone no', 'mobile', 'mobile phone', 'mobile number', 'mobile no', 'cell', 'cell phone', 'cellphone', 'tel', 'telephone', 'tel no', 'contact number', '手机', '手机号', '电话', '联系电话', '联系方式', '座机'],
  id_number: ['id_number', 'id number', 'id no', 'id card', 'idcard', 'id card number', 'national id', 'identity number', 'identity card', 'ssn', 'passport', 'passport no', '身份证', '证件号', '证件号码', '护照'],
  address: ['address', 'addr', 'home address', 'postal address', 'street', '地址', '住址', '居住地', '籍贯', '门牌'],
  age: ['age', '年龄', '岁数'],
  email: ['email', 'e mail', 'mail', 'email address', '邮箱', '电子邮件', '邮件地址'],
  bank_card: ['bank card', 'bank account', 'card no', 'card number', 'account no', 'account number', 'iban', '银行卡', '银行账号', '银行帐号', '卡号', '账号'],
  birth_date: ['birthday', 'birth date', 'birthdate', 'date of birth', 'dob', '生日', '出生日期', '出生年月'],
  person_name: ['full name', 'first name', 'last name', 'given name', 'surname', 'real name', 'person name', 'customer name', 'contact name', '姓名', '真实姓名', '联系人', '客户姓名'],
  registered_at: ['registered_at', 'registered at', 'registration time', 'registration date', '注册时间', '注册日期'],
  data_source: ['data_source', 'data source', '数据来源', '数据源'],
};

const CJK = /[\u3400-\u9fff]/;

function words(name: string): string[] {
  return normalizeText(name)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

const ALIAS_LIST: readonly Alias[] = Object.entries(ALIASES)
  .flatMap(([canonical, names]) => names.map((n): Alias => (CJK.test(n) ? { canonical, cjk: toSimplified(n) } : { canonical, words: words(n) })))
  // Longest first: 身份证号 before 证件, "phone number" before "phone", "user id" before "id".
  .sort((a, b) => size(b) - size(a));

function size(a: Alias): number {
  return 'cjk' in a ? a.cjk.length * 2 : a.words.join(' ').length;
}

function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const known = new Map<string, string>();

/** The well-known personal field a name names, or null. */
export function personalField(name: string): string | null {
  const cached = known.get(name);
  if (cached !== undefined) return cached === '' ? null : cached;
  const folded = toSimplified(normalizeText(name)).replace(/\s+/g, '');
  const split = words(name);
  let found: string | null = null;
  for (const alias of ALIAS_LIST) {
    if ('cjk' in alias ? folded.includes(alias.cjk) : containsWords(split, alias.words)) {
      found = alias.canonical;
      break;
    }
  }
  if (known.size > 10_000) known.clear();
  known.set(name, found ?? '');
  return found;
}

/** The key a field name is matched by (see above); '' for a name with nothing in it. */
export function fieldKey(name: string): string {
  return personalField(name) ?? headerKey(name);
}
