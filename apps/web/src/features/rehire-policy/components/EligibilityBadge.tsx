import { rehireRuleLabels } from '@kizuna/contract';
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import type { AlumnusSummary } from '../../alumni/api/alumni';

type Eligibility = AlumnusSummary['eligibility'];

/** 再雇用対象 / 対象外 / 判定不可 in the alumni list, with the rule that decided it; nothing without a policy. */
export function EligibilityBadge({ eligibility }: { eligibility: Eligibility }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!eligibility) return null;
  if (eligibility.eligible)
    return (
      <Badge size="sm" variant="light" color="green" data-testid="list-eligibility">
        {t('rehirePolicy.badge.eligible')}
      </Badge>
    );
  const reason = eligibility.rule ? (rehireRuleLabels[eligibility.rule]?.[locale] ?? eligibility.rule) : null;
  const unknown = eligibility.eligible === null;
  return (
    <Tooltip label={reason} disabled={!reason} withArrow>
      <Badge size="sm" variant="outline" color={unknown ? 'yellow' : 'gray'} data-testid="list-eligibility">
        {t(unknown ? 'rehirePolicy.badge.unknown' : 'rehirePolicy.badge.notEligible')}
      </Badge>
    </Tooltip>
  );
}
