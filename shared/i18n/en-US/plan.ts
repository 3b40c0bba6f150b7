import type { PlanIssueParams } from '../../issues/codes-plan';
import type { MessageCatalog } from '../catalog';

export const planEn: MessageCatalog<PlanIssueParams> = {};
