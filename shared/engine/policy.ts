/**
 * The permission matrix as a policy: parsing of its cells (policy/matrix-cells.ts), compilation
 * into a plain-data policy (policy/compile.ts: what the service stores once an administrator
 * syncs the matrix), the access decision (policy/decide.ts), and the least-privilege review of
 * the matrix (policy/least-privilege.ts). Importers use this module.
 */
export { OPERATIONS } from './policy/types';
export type { AccessRequest, Decision, DecisionReason, MatrixRow, Operation, Policy, PolicyGrant, PolicyUser, Scope, ScopeKind } from './policy/types';
export { isAdminRole, parseMembers, parseOperations, parseScope } from './policy/matrix-cells';
export { compilePolicy, isObjectId, subjectsOf } from './policy/compile';
export { administers, decide } from './policy/decide';
export { leastPrivilegeFindings, type LeastPrivilegeFinding } from './policy/least-privilege';
