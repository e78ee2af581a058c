import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePendingRequestCount } from '../api/registration-requests';

/** The number of registration requests waiting to be matched, beside the menu entry (none at zero). */
export function PendingRequestsBadge() {
  const { t } = useTranslation();
  const count = usePendingRequestCount();
  if (count === 0) return null;
  return (
    <Badge
      size="sm"
      variant="filled"
      color="orange"
      circle={count < 10}
      aria-label={t('membership.queue.pendingCount', { count })}
      data-testid="pending-requests-badge"
    >
      {count}
    </Badge>
  );
}
