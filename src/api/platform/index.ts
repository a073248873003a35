// What resource routes import: declare a route, scope it, mask and audit personal data, page a
// collection, fail with a problem. Everything else in this folder is the platform's own business.
export { defineRoute, type AnyRoute, type RouteContext, type RouteSpec } from './route-registry.ts';
export { createApiApp, type ApiApp, type ApiAppOptions } from './api-app.ts';
export { customerScope, assertCustomerInScope, notFoundInScope } from './scope.ts';
export { mask, maskItem, maySee, UNMASKED_FOR, type PersonalFields, type PersonalKind } from './masking.ts';
export { DatabaseAuditSink, MemoryAuditSink, type AuditEntry, type AuditSink } from './audit.ts';
export { ApiProblem, PROBLEMS, type ProblemKind, type ValidationIssue } from './problem.ts';
export { sql, and, or, column, render, TRUE, FALSE, type SqlFragment } from './sql-fragment.ts';
export type { CollectionSpec, FilterableAttribute, SortableAttribute } from './tmf-query.ts';
export type { CollectionSource } from './respond.ts';
export { loadApiContracts, API_CONTRACTS_DIR } from './api-contracts.ts';
export { installClientErrorHandler } from './error-handling.ts';
export { mintToken } from './auth.ts';
export { ROLES, type Principal, type Role, type ApiEnv } from './types.ts';
