import type { TableSpec } from '../../table/columns';

/**
 * Data classification (handbook 四(二)2-3): one row per field. 级别 / Class is 公开 / 内部 /
 * 核心 (public / internal / core; also 敏感, 机密, sensitive, confidential); 脱敏规则 / Masking
 * is 只保留省份 (province), 年龄段 (age band), 哈希 / HMAC / SHA256 (keyed hash), 掩码 / mask
 * (fixed), or "-", "无", "none", "不脱敏" for none. Read by shared/engine/masking.ts.
 */
export type ClassificationField = 'field' | 'class' | 'masking';

export const CLASSIFICATION_SPEC: TableSpec<ClassificationField> = [
  {
    field: 'field',
    required: true,
    maxLength: 200,
    headers: ['字段', '字段名', '字段名称', '字段名稱', '欄位', '欄位名稱', '数据项', '數據項', '数据字段', 'field', 'field name', 'data field', 'data item'],
  },
  {
    field: 'class',
    required: true,
    maxLength: 100,
    headers: ['级别', '分级', '級別', '分級', '数据级别', '數據級別', '数据分级', '敏感级别', '密级', '等级', '等級', 'class', 'classification', 'level', 'sensitivity'],
  },
  {
    field: 'masking',
    required: false,
    maxLength: 200,
    headers: ['脱敏规则', '脱敏方式', '脱敏方法', '脫敏規則', '脫敏方式', '脫敏方法', '脱敏', '脫敏', 'masking', 'masking rule', 'mask', 'de-identification'],
  },
];
