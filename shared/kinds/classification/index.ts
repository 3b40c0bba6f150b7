import { defineKind } from '../definition';
import { CLASSIFICATION_SPEC } from './spec';

export const CLASSIFICATION_KIND = defineKind({ kind: 'classification', spec: CLASSIFICATION_SPEC, keyFields: ['field'], rowLocal: false, subject: 'access', governance: true });
