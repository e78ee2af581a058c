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

/**
 * Roles a staff invitation may grant, and the roles a company admin may give a member of staff
 * (alumni join through their own flows). Employees read the published rehire policy.
 */
export const invitableRoles = ['company_admin', 'company_staff', 'employee'] as const;
export type InvitableRole = (typeof invitableRoles)[number];

export const permissions = [
  // operator level
  'tenants:read',
  'tenants:manage',
  'mail:read',
  'operator-audit:read',
  'operator-staff:manage',
  // interviewers (the interviews issue): operator level, their work spans the companies they serve
  'interviews:assigned',
  'interviews:schedule',
  'interviews:conduct',
  // tenant level
  'staff:read',
  'staff:invite',
  'staff:manage',
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
  'staff:manage',
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
  operator_admin: [
    'tenants:read',
    'tenants:manage',
    'mail:read',
    'operator-audit:read',
    'operator-staff:manage',
    ...companyAdmin,
  ],
  /**
   * An interviewer holds exit and stay interviews for the companies they are assigned to: they see
   * the interviews assigned to them, with the interviewee's identity and their own confidential notes
   * (`interviews:assigned`), propose slots, reschedule, cancel and record no-shows
   * (`interviews:schedule`), and fill the interview guide, recording what the interviewee lets the
   * company see and whether they join the alumni network (`interviews:conduct`). Nothing else: no
   * company's alumni, staff or settings.
   */
  interviewer: ['interviews:assigned', 'interviews:schedule', 'interviews:conduct'],
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
  'operator-staff:manage',
  'interviews:assigned',
  'interviews:schedule',
  'interviews:conduct',
];

export function permissionsOf(roleList: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roleList) for (const p of rolePermissions[role]) granted.add(p);
  return permissions.filter((p) => granted.has(p));
}

export function hasPermission(roleList: readonly Role[], permission: Permission): boolean {
  return roleList.some((role) => rolePermissions[role].includes(permission));
}
