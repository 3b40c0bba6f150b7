import type { AccessIssueParams } from '../../issues/codes-access';
import type { MessageCatalog } from '../catalog';

export const accessEn: MessageCatalog<AccessIssueParams> = {};
