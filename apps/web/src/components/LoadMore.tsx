import { Button, Center, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The pages of an infinite query, as TanStack Query gives them. */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Load more" under a keyset-paged list, or a quiet line once everything is shown. */
export function LoadMore({ pages, endLabel }: { pages: Pages; endLabel: string }) {
  const { t } = useTranslation();
  return (
    <Center>
      {pages.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void pages.fetchNextPage()}
          loading={pages.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          {endLabel}
        </Text>
      )}
    </Center>
  );
}
