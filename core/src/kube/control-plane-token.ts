/** Injection token for the control-plane cluster connection (where Applications live). */
export const CONTROL_PLANE_CLUSTER = Symbol('CONTROL_PLANE_CLUSTER');
