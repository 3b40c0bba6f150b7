import type { AccessIssueParams } from '../../issues/codes-access';
import type { MessageCatalog } from '../catalog';

export const accessZh: MessageCatalog<AccessIssueParams> = {};
