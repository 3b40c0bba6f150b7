import { defineKind } from '../definition';
import { METRIC_SPEC } from './spec';

/** Metric values are checked a row at a time (a period, a number): rowLocal. */
export const METRICS_KIND = defineKind({ kind: 'metrics', spec: METRIC_SPEC, keyFields: ['period', 'department', 'metric'], rowLocal: true, subject: 'activity', governance: false });
