import { defineKind } from '../definition';
import { PERMISSION_SPEC } from './spec';

export const PERMISSIONS_KIND = defineKind({ kind: 'permissions', spec: PERMISSION_SPEC, keyFields: ['role'], rowLocal: false, subject: 'access', governance: true });
