import { defineKind } from '../definition';
import { GANTT_SPEC } from './spec';

export const GANTT_KIND = defineKind({ kind: 'gantt', spec: GANTT_SPEC, keyFields: ['task'], rowLocal: false, subject: 'plan', governance: false });
