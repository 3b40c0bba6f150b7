import { PERSPECTIVES } from '../../engine/scorecard-types';
import { perspectiveLabel } from '../../parse/perspective';
import { defineKind } from '../definition';
import { KPI_SPEC } from './spec';

export const KPI_KIND = defineKind({
  kind: 'kpi',
  spec: KPI_SPEC,
  keyFields: ['name'],
  rowLocal: false,
  subject: 'kpi',
  governance: false,
  words: {
    'zh-CN': { name: 'KPI 定义', sheetName: 'KPI定义', purpose: '每个 KPI 的公式、目标值、权重和维度：计分卡据此评分。' },
    'en-US': { name: 'KPI definitions', sheetName: 'KPI definitions', purpose: 'Each KPI with its formula, target, weight and perspective: what the scorecard scores.' },
  },
  template: {
    tableName: 'OpsKpi',
    columns: {
      weight: { numberFormat: '0%' },
      // Typed into a General cell, "1-3" becomes a date: targets stay text.
      target: { numberFormat: '@' },
      perspective: { choices: (locale) => PERSPECTIVES.map((p) => perspectiveLabel(p, locale)) },
    },
  },
});
