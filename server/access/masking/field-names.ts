import { headerKey } from '../../../shared/table/header-key';

/**
 * How a field of the data classification meets the data it governs. A classification sheet
 * names fields as people write them (手机号, 地址, "ID number"); user records of the handbook's
 * sync API name them as the API does (phone, address, id_number); sheet rows name them by their
 * kind's headers (负责人). Each name is reduced to one key: the well-known personal fields to
 * their API name, anything else to its header key (case, width, script and notes in brackets
 * folded), so "手机号（加密）", "Phone" and "phone" are one field.
 */

/** The API's names of well-known personal fields, with the names a classification may use. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  user_id: ['user_id', 'user id', 'userid', 'uid', 'id', '用户ID', '用户编号', '用户标识', '客户ID', '客户编号'],
  phone: ['phone', 'phone number', 'mobile', 'mobile phone', 'mobile number', 'cell phone', 'tel', 'telephone', '手机号', '手机', '手机号码', '电话', '电话号码', '联系电话', '联系方式'],
  id_number: ['id_number', 'id number', 'id card', 'id card number', 'national id', 'identity number', '身份证号', '身份证', '身份证号码', '证件号', '证件号码'],
  address: ['address', 'home address', 'postal address', '地址', '住址', '家庭住址', '联系地址', '收货地址', '居住地址'],
  age: ['age', '年龄'],
  email: ['email', 'e-mail', 'mail', 'email address', '邮箱', '电子邮箱', '电子邮件', '邮件地址'],
  registered_at: ['registered_at', 'registered at', 'registration time', 'registration date', '注册时间', '注册日期'],
  data_source: ['data_source', 'data source', 'source', '数据来源', '来源', '数据源'],
};

const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries(ALIASES).flatMap(([canonical, names]) => names.map((n) => [headerKey(n), canonical] as const)),
);

/** The key a field name is matched by (see above); '' for a name with nothing in it. */
export function fieldKey(name: string): string {
  const key = headerKey(name);
  return CANONICAL.get(key) ?? key;
}
