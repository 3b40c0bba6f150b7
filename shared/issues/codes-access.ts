/** Permission matrices and data classification. Filled in with those kinds. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccessIssueParams {}
