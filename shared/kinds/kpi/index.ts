import { defineKind } from '../definition';
import { KPI_SPEC } from './spec';

export const KPI_KIND = defineKind({ kind: 'kpi', spec: KPI_SPEC, keyFields: ['name'], rowLocal: false, subject: 'kpi', governance: false });
