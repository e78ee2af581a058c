import {
  createFromRegistrationSchema,
  type IdentityConfirmation,
  identityConfirmations,
  interestLabels,
  leaveTypeLabels,
} from '@kizuna/contract';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconBan,
  IconCircleCheck,
  IconExternalLink,
  IconLink,
  IconSearch,
  IconUserPlus,
  IconX,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink } from '../../../components/BackLink';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import {
  type RegistrationCandidate,
  type RegistrationRequestDetail,
  type RegistrationRequestStatus,
  useDecideRegistration,
  useRegistrationRequest,
} from '../api/registration-requests';
import { personName, QUEUE_PATH } from './RegistrationQueuePage';

/** The leave types a record created from a request may take: those the server accepts for it. */
const requestLeaveTypes = createFromRegistrationSchema.shape.leaveType.unwrap().options;
type RequestLeaveType = (typeof requestLeaveTypes)[number];

type MatchKey = RegistrationCandidate['matchedOn'][number];

const statusColor: Record<RegistrationRequestStatus, string> = {
  pending: 'orange',
  matched: 'teal',
  rejected: 'gray',
};

/** One label and value; a value that matched a leaver record is marked in green. */
function Field({
  label,
  children,
  matched,
  testId,
}: {
  label: string;
  children: ReactNode;
  matched?: boolean;
  testId?: string;
}) {
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      px={8}
      py={6}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        background: matched ? 'var(--mantine-color-teal-0)' : undefined,
      }}
      data-matched={matched ? 'true' : undefined}
      data-testid={testId}
    >
      <Text size="xs" c="dimmed" w={110} style={{ flexShrink: 0 }} pt={2}>
        {label}
      </Text>
      <Group gap={4} wrap="nowrap" style={{ minWidth: 0, flex: 1 }} align="flex-start">
        <Text
          component="div"
          size="sm"
          className="kizuna-break"
          c={matched ? 'teal.9' : undefined}
          fw={matched ? 600 : undefined}
        >
          {children}
        </Text>
        {matched ? (
          <IconCircleCheck
            size={16}
            color="var(--mantine-color-teal-7)"
            style={{ flexShrink: 0, marginTop: 2 }}
          />
        ) : null}
      </Group>
    </Group>
  );
}

function Missing() {
  const { t } = useTranslation();
  return (
    <Text component="span" size="sm" c="dimmed">
      {t('membership.request.none')}
    </Text>
  );
}

function kanaOf(p: { familyNameKana: string | null; givenNameKana: string | null }) {
  const kana = [p.familyNameKana, p.givenNameKana].filter(Boolean).join(' ');
  return kana || null;
}

/** What the person typed on the public page. */
function EnteredCard({ request, matched }: { request: RegistrationRequestDetail; matched: Set<MatchKey> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const kana = kanaOf(request);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="rr-entered">
      <Stack gap="sm">
        <Title order={2} fz="md" id="rr-entered">
          {t('membership.request.entered')}
        </Title>
        <Stack gap={2} data-testid="request-entered">
          <Field label={t('membership.queue.name')} matched={matched.has('name')}>
            {personName(request)}
          </Field>
          <Field label={t('membership.request.kana')} matched={matched.has('kana')}>
            {kana ?? <Missing />}
          </Field>
          <Field label={t('membership.queue.email')} matched={matched.has('email')}>
            {request.email}
          </Field>
          <Field label={t('membership.queue.employeeNumber')} matched={matched.has('employee_number')}>
            {request.employeeNumber ?? <Missing />}
          </Field>
          <Field label={t('membership.queue.leaveYear')}>
            {request.leaveYear ? t('membership.queue.yearValue', { year: request.leaveYear }) : <Missing />}
          </Field>
          <Field label={t('membership.queue.department')}>{request.department ?? <Missing />}</Field>
          <Field label={t('membership.request.interests')}>
            {request.interests.length ? (
              <Group gap={4}>
                {request.interests.map((i) => (
                  <Badge key={i} variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
                    {interestLabels[i][locale]}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Missing />
            )}
          </Field>
          <Field label={t('membership.request.verifiedAt')}>
            {formatDateTime(request.verifiedAt, locale)}
          </Field>
          {request.decidedAt ? (
            <Field label={t('membership.request.decidedAt')}>
              {formatDateTime(request.decidedAt, locale)}
            </Field>
          ) : null}
        </Stack>
      </Stack>
    </Card>
  );
}

function CandidateCard({
  candidate,
  canDecide,
  onSelect,
}: {
  candidate: RegistrationCandidate;
  canDecide: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const on = new Set(candidate.matchedOn);
  const refusal = candidate.isRegistered
    ? t('membership.request.registered')
    : candidate.doNotContact
      ? t('membership.request.doNotContact')
      : null;
  const kana = kanaOf(candidate);
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="candidate"
      data-selectable={refusal ? 'false' : 'true'}
      style={refusal ? { background: 'var(--mantine-color-gray-0)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
          <Group gap={6} wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('membership.request.matchedOnLabel')}
            </Text>
            {candidate.matchedOn.map((m) => (
              <Badge
                key={m}
                color="teal"
                variant="light"
                radius="sm"
                leftSection={<IconCircleCheck size={12} />}
                style={{ textTransform: 'none' }}
              >
                {t(`membership.request.matchedOn.${m}`)}
              </Badge>
            ))}
            {candidate.needsConfirmation ? (
              <Badge
                color="yellow"
                variant="light"
                radius="sm"
                style={{ textTransform: 'none' }}
                data-testid="name-only"
              >
                {t('membership.request.nameOnly')}
              </Badge>
            ) : null}
          </Group>
          {refusal ? (
            <Badge
              color={candidate.doNotContact && !candidate.isRegistered ? 'red' : 'gray'}
              variant="light"
              radius="sm"
              leftSection={<IconBan size={12} />}
              style={{ textTransform: 'none' }}
              data-testid="candidate-refusal"
            >
              {refusal}
            </Badge>
          ) : null}
        </Group>
        <Stack gap={2}>
          <Field label={t('membership.queue.name')} matched={on.has('name')}>
            {personName(candidate)}
          </Field>
          <Field label={t('membership.request.kana')} matched={on.has('kana')}>
            {kana ?? <Missing />}
          </Field>
          <Field label={t('membership.queue.employeeNumber')} matched={on.has('employee_number')}>
            {candidate.employeeNumber ?? <Missing />}
          </Field>
          <Field label={t('membership.queue.department')}>{candidate.department ?? <Missing />}</Field>
          <Field label={t('membership.request.leftOn')}>{formatDate(candidate.leftOn, locale)}</Field>
        </Stack>
        <Group justify="space-between" gap="xs" wrap="wrap" pt={4}>
          <Anchor component={Link} to={`/alumni/${candidate.alumnusId}`} target="_blank" size="sm">
            <Group gap={4} component="span" wrap="nowrap">
              {t('membership.request.openRecord')}
              <IconExternalLink size={14} />
            </Group>
          </Anchor>
          {canDecide ? (
            refusal ? (
              <Button size="sm" variant="default" disabled leftSection={<IconBan size={16} />}>
                {t('membership.request.notSelectable')}
              </Button>
            ) : (
              <Button
                size="sm"
                leftSection={<IconLink size={16} />}
                onClick={onSelect}
                data-testid="candidate-select"
              >
                {t('membership.request.select')}
              </Button>
            )
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

/** The message of a refused decision: the field's own words when the server gave them. */
function decisionError(error: unknown, field: string): string | null {
  if (!error) return null;
  return fieldErrorsOf(error)[field] ?? messageOf(error);
}

function MatchModal({
  request,
  candidate,
  onClose,
  onDone,
}: {
  request: RegistrationRequestDetail;
  candidate: RegistrationCandidate | null;
  onClose: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useTranslation();
  const decide = useDecideRegistration(request.id);
  const [attribute, setAttribute] = useState<IdentityConfirmation | null>(null);
  const [note, setNote] = useState('');
  const close = () => {
    decide.reset();
    setAttribute(null);
    setNote('');
    onClose();
  };
  const name = candidate ? personName(candidate) : '';
  const confirming = candidate?.needsConfirmation ?? false;
  const fieldErrors = fieldErrorsOf(decide.error);
  const confirmationError = fieldErrors.confirmation ?? fieldErrors['confirmation.note'];
  const error = confirmationError ? null : decisionError(decide.error, 'alumnusId');
  const ready = !confirming || (attribute !== null && note.trim() !== '');
  return (
    <Modal
      opened={candidate !== null}
      onClose={close}
      title={t('membership.request.matchTitle', { name })}
      centered
    >
      <Stack gap="md">
        <Text size="sm">{t('membership.request.matchBody', { email: request.email })}</Text>
        {confirming ? (
          <>
            <Alert
              color="yellow"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              data-testid="confirm-lead"
            >
              {t('membership.request.confirmLead')}
            </Alert>
            <Select
              label={t('membership.request.confirmAttribute')}
              required
              data={identityConfirmations.map((a) => ({
                value: a,
                label: t(`membership.request.confirmAttributes.${a}`),
              }))}
              value={attribute}
              onChange={(v) => setAttribute(v as IdentityConfirmation | null)}
              allowDeselect={false}
              data-testid="confirm-attribute"
            />
            <Textarea
              label={t('membership.request.confirmNote')}
              placeholder={t('membership.request.confirmNotePlaceholder')}
              required
              autosize
              minRows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={confirmationError}
              data-testid="confirm-note"
            />
          </>
        ) : null}
        {error ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close} disabled={decide.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={decide.isPending}
            disabled={!ready}
            leftSection={<IconLink size={16} />}
            data-testid="match-confirm"
            onClick={() =>
              candidate &&
              decide.mutate(
                {
                  kind: 'match',
                  alumnusId: candidate.alumnusId,
                  confirmation: confirming && attribute ? { attribute, note: note.trim() } : null,
                },
                { onSuccess: () => onDone(name) },
              )
            }
          >
            {t('membership.request.matchConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A date in the year the person gave (the end of it), or empty when they gave none. */
function suggestedLeftOn(year: number | null): string {
  return year ? `${year}-12-31` : '';
}

function CreateRecordModal({
  request,
  opened,
  onClose,
  onDone,
}: {
  request: RegistrationRequestDetail;
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const decide = useDecideRegistration(request.id);
  const [leftOn, setLeftOn] = useState('');
  const [leaveType, setLeaveType] = useState<RequestLeaveType>('voluntary');
  const [errors, setErrors] = useState<FieldErrors>({});
  const fieldErrors = { ...fieldErrorsOf(decide.error), ...errors };
  const close = () => {
    decide.reset();
    setErrors({});
    onClose();
  };
  const submit = () => {
    const found = validateWith(createFromRegistrationSchema, { leftOn, leaveType }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    decide.mutate({ kind: 'create', input: { leftOn, leaveType } }, { onSuccess: onDone });
  };
  const year = request.leaveYear;
  return (
    <Modal opened={opened} onClose={close} title={t('membership.request.createTitle')} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {year ? t('membership.request.createLead', { year }) : t('membership.request.createLeadNoYear')}
          </Text>
          <TextInput
            type="date"
            label={t('membership.request.leftOnLabel')}
            value={leftOn}
            onChange={(e) => setLeftOn(e.currentTarget.value)}
            min={year ? `${year}-01-01` : undefined}
            max={year ? suggestedLeftOn(year) : undefined}
            required
            error={fieldErrors.leftOn}
            data-testid="create-left-on"
            data-autofocus
          />
          <Select
            label={t('membership.request.leaveType')}
            data={requestLeaveTypes.map((lt) => ({ value: lt, label: leaveTypeLabels[lt][locale] }))}
            value={leaveType}
            onChange={(v) => v && setLeaveType(v as RequestLeaveType)}
            allowDeselect={false}
            required
            error={fieldErrors.leaveType}
            data-testid="create-leave-type"
          />
          <FormError error={decide.error && !hasErrors(fieldErrorsOf(decide.error)) ? decide.error : null} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={decide.isPending}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={decide.isPending}
              leftSection={<IconUserPlus size={16} />}
              data-testid="create-confirm"
            >
              {t('membership.request.createConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RejectModal({
  request,
  opened,
  onClose,
  onDone,
}: {
  request: RegistrationRequestDetail;
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDecideRegistration(request.id);
  const [reason, setReason] = useState('');
  const close = () => {
    decide.reset();
    onClose();
  };
  const tooLong = reason.trim().length > 500;
  return (
    <Modal opened={opened} onClose={close} title={t('membership.request.rejectTitle')} centered>
      <Stack gap="md">
        <Text size="sm">{t('membership.request.rejectBody')}</Text>
        <Textarea
          label={t('membership.request.rejectReason')}
          placeholder={t('membership.request.rejectReasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={8}
          error={
            fieldErrorsOf(decide.error).reason ?? (tooLong ? `${reason.trim().length} / 500` : undefined)
          }
          data-testid="reject-reason"
          data-autofocus
        />
        <FormError error={decide.error && !fieldErrorsOf(decide.error).reason ? decide.error : null} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close} disabled={decide.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={decide.isPending}
            disabled={tooLong}
            leftSection={<IconX size={16} />}
            data-testid="reject-confirm"
            onClick={() => decide.mutate({ kind: 'reject', reason: reason.trim() }, { onSuccess: onDone })}
          >
            {t('membership.request.rejectConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Decided({ request }: { request: RegistrationRequestDetail }) {
  const { t } = useTranslation();
  if (request.status === 'matched')
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="request-outcome">
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Text size="sm">{t('membership.request.outcomeMatched')}</Text>
          {request.alumnusId ? (
            <Anchor component={Link} to={`/alumni/${request.alumnusId}`} size="sm">
              {t('membership.request.openMatched')}
            </Anchor>
          ) : null}
        </Group>
      </Alert>
    );
  return (
    <Alert color="gray" variant="light" icon={<IconBan size={18} />} data-testid="request-outcome">
      <Text size="sm">{t('membership.request.outcomeRejected')}</Text>
    </Alert>
  );
}

/** One self-registration beside the leaver records that may be this person; match, create or decline. */
export function RegistrationRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { requestId = '' } = useParams();
  const request = useRegistrationRequest(requestId);
  const [matching, setMatching] = useState<RegistrationCandidate | null>(null);
  const [creating, setCreating] = useState(false);
  const [rejecting, setRejecting] = useState(false);

  const back = <BackLink to={QUEUE_PATH} label={t('membership.request.back')} />;
  if (request.isPending) return <LoadingState />;
  if (request.isError)
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={request.error} onRetry={() => void request.refetch()} />
      </Stack>
    );

  const r = request.data;
  const name = personName(r);
  const isPending = r.status === 'pending';
  const matchedAnywhere = new Set(r.candidates.flatMap((c) => c.matchedOn));
  const finish = (message: string) => {
    notifications.show({ color: 'teal', message, autoClose: 8000 });
    navigate(QUEUE_PATH);
  };

  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="wrap">
            <span>{t('membership.request.title', { name })}</span>
            <Badge
              color={statusColor[r.status]}
              variant="light"
              radius="sm"
              size="lg"
              data-testid="request-status"
            >
              {t(`membership.request.status.${r.status}`)}
            </Badge>
          </Group>
        }
        lead={isPending ? t('membership.request.leadPending') : t('membership.request.leadDecided')}
      />
      {isPending ? null : <Decided request={r} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Stack gap="md">
          <EnteredCard request={r} matched={matchedAnywhere} />
          {isPending ? (
            <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="rr-decide">
              <Stack gap="md">
                <Title order={2} fz="md" id="rr-decide">
                  {t('membership.request.decide')}
                </Title>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" radius="md" style={{ flexShrink: 0 }}>
                    <IconUserPlus size={18} />
                  </ThemeIcon>
                  <Stack gap={6} align="flex-start">
                    <Text size="sm" c="dimmed">
                      {t('membership.request.createHint')}
                    </Text>
                    <Button variant="light" onClick={() => setCreating(true)} data-testid="create-record">
                      {t('membership.request.create')}
                    </Button>
                  </Stack>
                </Group>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" color="red" radius="md" style={{ flexShrink: 0 }}>
                    <IconX size={18} />
                  </ThemeIcon>
                  <Stack gap={6} align="flex-start">
                    <Text size="sm" c="dimmed">
                      {t('membership.request.rejectHint')}
                    </Text>
                    <Button
                      variant="light"
                      color="red"
                      onClick={() => setRejecting(true)}
                      data-testid="reject"
                    >
                      {t('membership.request.reject')}
                    </Button>
                  </Stack>
                </Group>
              </Stack>
            </Card>
          ) : null}
        </Stack>
        <Stack gap="sm" component="section" aria-labelledby="rr-candidates">
          <Box>
            <Group gap="xs">
              <Title order={2} fz="md" id="rr-candidates">
                {t('membership.request.candidates')}
              </Title>
              <Badge variant="light" color="gray" radius="sm">
                {t('membership.request.candidatesCount', { count: r.candidates.length })}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" mt={2}>
              {t('membership.request.candidatesHint')}
            </Text>
          </Box>
          {r.candidates.length === 0 ? (
            <Card withBorder radius="md" padding="lg" data-testid="no-candidates">
              <Stack gap="xs" align="flex-start">
                <Text fw={600} size="sm">
                  {t('membership.request.noCandidates')}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('membership.request.noCandidatesHint')}
                </Text>
                <Button
                  component={Link}
                  to={`/alumni?q=${encodeURIComponent(r.familyName)}`}
                  variant="default"
                  size="xs"
                  leftSection={<IconSearch size={14} />}
                >
                  {t('membership.request.searchAlumni')}
                </Button>
              </Stack>
            </Card>
          ) : (
            r.candidates.map((c) => (
              <CandidateCard
                key={c.alumnusId}
                candidate={c}
                canDecide={isPending}
                onSelect={() => setMatching(c)}
              />
            ))
          )}
        </Stack>
      </SimpleGrid>
      {/* kept mounted while a decision finishes, so its outcome is shown before returning to the queue */}
      <MatchModal
        request={r}
        candidate={matching}
        onClose={() => setMatching(null)}
        onDone={(matchedName) => finish(t('membership.request.matched', { name: matchedName }))}
      />
      <CreateRecordModal
        request={r}
        opened={creating}
        onClose={() => setCreating(false)}
        onDone={() => finish(t('membership.request.created', { name }))}
      />
      <RejectModal
        request={r}
        opened={rejecting}
        onClose={() => setRejecting(false)}
        onDone={() => finish(t('membership.request.rejected', { name }))}
      />
    </Stack>
  );
}
