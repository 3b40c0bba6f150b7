import type { PlanIssueParams } from '../../issues/codes-plan';
import type { MessageCatalog } from '../catalog';

export const planZh: MessageCatalog<PlanIssueParams> = {};
