import { defineKind } from '../definition';
import { CLASSIFICATION_SPEC } from './spec';

const CLASSES = { 'zh-CN': ['公开', '内部', '核心'], 'en-US': ['public', 'internal', 'core'] } as const;

export const CLASSIFICATION_KIND = defineKind({
  kind: 'classification',
  spec: CLASSIFICATION_SPEC,
  keyFields: ['field'],
  rowLocal: false,
  subject: 'access',
  governance: true,
  words: {
    'zh-CN': { name: '数据分级', sheetName: '数据分级', purpose: '哪些字段是公开、内部或核心数据，以及核心字段如何脱敏。' },
    'en-US': { name: 'Data classification', sheetName: 'Data classification', purpose: 'Which fields are public, internal or core, and how core fields are masked.' },
  },
  template: { tableName: 'OpsClassification', columns: { class: { choices: (locale) => CLASSES[locale] } } },
});
