import { defineKind } from '../definition';
import { DASHBOARD_SPEC } from './spec';

export const DASHBOARD_KIND = defineKind({ kind: 'dashboard', spec: DASHBOARD_SPEC, keyFields: ['metric'], rowLocal: false, subject: 'activity', governance: false });
