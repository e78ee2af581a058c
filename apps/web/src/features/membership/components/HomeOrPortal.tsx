import { Navigate } from 'react-router';
import { useCurrentMe } from '../../identity/api/me';
import { HomePage } from '../../identity/components/HomePage';

/** The signed-in start page: members go straight to their own page, everyone else home. */
export function HomeOrPortal() {
  const me = useCurrentMe();
  if (me.activeTenant?.role === 'alumnus' && me.permissions.includes('portal:use'))
    return <Navigate to="/portal" replace />;
  return <HomePage />;
}
