/**
 * Roles and permissions: the single role → permissions map.
 * Every server route declares exactly one permission (or `public` / `authenticated`).
 */
export const operatorRoles = ['operator_admin', 'interviewer'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

export const tenantRoles = ['company_admin', 'company_staff', 'employee', 'alumnus'] as const;
export type TenantRole = (typeof tenantRoles)[number];

export const roles = [...operatorRoles, ...tenantRoles] as const;
export type Role = (typeof roles)[number];

/** Roles a staff invitation may grant (employees and alumni join through their own flows). */
export const invitableRoles = ['company_admin', 'company_staff'] as const;
export type InvitableRole = (typeof invitableRoles)[number];

export const permissions = [
  // operator level
  'tenants:read',
  'tenants:manage',
  'mail:read',
  'operator-audit:read',
  // tenant level
  'staff:read',
  'staff:invite',
  'audit:read',
  'alumni:read',
  'alumni:write',
  'alumni:import',
  'alumni:export',
  'rehire-policy:read',
  'rehire-policy:manage',
  'privacy-notice:manage',
  'network:manage',
  'alumni:anonymize',
  'portal:use',
] as const;
export type Permission = (typeof permissions)[number];

const companyAdmin: readonly Permission[] = [
  'staff:read',
  'staff:invite',
  'audit:read',
  'alumni:read',
  'alumni:write',
  'alumni:import',
  'alumni:export',
  'rehire-policy:read',
  'rehire-policy:manage',
  'privacy-notice:manage',
  'network:manage',
  'alumni:anonymize',
];

/**
 * Which permissions each role grants. Operator admins act inside any company they open,
 * so they hold the company admin's permissions as well as their own.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  operator_admin: ['tenants:read', 'tenants:manage', 'mail:read', 'operator-audit:read', ...companyAdmin],
  interviewer: [],
  company_admin: companyAdmin,
  company_staff: ['staff:read', 'alumni:read', 'alumni:write', 'rehire-policy:read'],
  employee: ['rehire-policy:read'],
  alumnus: ['portal:use'],
};

/** Operator-level permissions: they never depend on the active company. */
export const operatorPermissions: readonly Permission[] = [
  'tenants:read',
  'tenants:manage',
  'mail:read',
  'operator-audit:read',
];

export function permissionsOf(roleList: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roleList) for (const p of rolePermissions[role]) granted.add(p);
  return permissions.filter((p) => granted.has(p));
}

export function hasPermission(roleList: readonly Role[], permission: Permission): boolean {
  return roleList.some((role) => rolePermissions[role].includes(permission));
}
