/**
 * What the service asks of Microsoft Graph. Implemented with @azure/msal-node (on-behalf-of for
 * a user's groups, client credentials for publishing); an offline stub stands in for tests.
 * Failures are thrown: a Graph outage is not the caller's fault, and the HTTP layer answers it
 * with a 503 `upstream-unavailable` problem.
 */
export interface GraphClient {
  /**
   * The display names of the groups the user belongs to (transitively), through on-behalf-of
   * with the user's own access token (`userAssertion`), which the implementation must never log.
   */
  userGroups(userAssertion: string): Promise<string[]>;
  /** Uploads (creates or replaces) a file at `path` in the drive (a SharePoint library). */
  uploadFile(driveId: string, path: string, content: Uint8Array): Promise<void>;
}
