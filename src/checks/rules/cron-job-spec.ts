import { defaultedString, obj, Plain, text } from '../_plain';
import { quote } from '../_quote';
import { cronScheduleProblem, cronTimeZoneInSchedule } from '../cron-schedule';
import { Fail, nonNegative } from './_workload';
import { checkJobSpec } from './job-spec';

/**
 * CronJobs as ValidateCronJobCreate checks them: a name of at most 52 characters, the schedule (robfig/cron's
 * parser), timeZone, concurrencyPolicy, and the job template, a JobSpec without a selector of its own
 * (ValidateJobTemplateSpec). Cases after batch validation_test.go TestValidateCronJob and TestTimeZones.
 */
export function checkCronJob(doc: Plain, spec: Plain, target: number, invalid: Fail, dropped: Fail): void {
  const name = obj(doc.metadata)?.name;
  if (typeof name === 'string' && name.length > CRON_JOB_NAME_MAX_LENGTH) {
    invalid('metadata.name', `Invalid value: ${quote(name)}: must be no more than ${CRON_JOB_NAME_MAX_LENGTH} characters`,
      `shorten the name to ${CRON_JOB_NAME_MAX_LENGTH} characters: the CronJob controller names each Job "<name>-<11 digits>", `
        + 'and a Job name is at most 63');
  }
  checkCronJobSpec(spec, invalid);
  const template = obj(obj(spec.jobTemplate)?.spec) ?? {};
  checkJobSpec(template, 'spec.jobTemplate.spec', target, invalid, dropped);
  // ValidateJobTemplateSpec: the Jobs a CronJob makes always get a generated selector.
  if (template.selector !== undefined && template.selector !== null) {
    invalid('spec.jobTemplate.spec.selector', `Invalid value: ${quote(template.selector)}: \`selector\` will be auto-generated`,
      'remove the selector: each Job the CronJob creates gets its own');
  }
  if (template.manualSelector === true) {
    invalid('spec.jobTemplate.spec.manualSelector', 'Unsupported value: true: supported values: "nil", "false"', 'remove manualSelector');
  }
}

/** ValidateCronJobCreate: a Job name (63 characters at most) less the controller's 11-character suffix. */
const CRON_JOB_NAME_MAX_LENGTH = 52;

function checkCronJobSpec(spec: Plain, invalid: Fail): void {
  const schedule = spec.schedule;
  if (schedule === undefined || schedule === null || schedule === '') {
    invalid('spec.schedule', 'Required value', 'give a cron schedule, e.g. "0 3 * * *" (03:00 every day)');
  } else if (typeof schedule !== 'string') {
    invalid('spec.schedule', `Invalid value: ${text(schedule)}: must be a string`, 'quote the schedule');
  } else {
    const problem = cronScheduleProblem(schedule);
    if (problem) {
      invalid('spec.schedule', `Invalid value: ${quote(schedule)}: ${problem}`,
        'write five fields (minute hour day-of-month month day-of-week, e.g. "*/15 * * * *") or a descriptor such as @hourly');
    }
    if (cronTimeZoneInSchedule(schedule)) {
      invalid('spec.schedule', `Invalid value: ${quote(schedule)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead`,
        'move the zone to spec.timeZone (e.g. timeZone: "Europe/Berlin") and remove it from the schedule');
    }
  }
  const timeZone = spec.timeZone;
  if (timeZone !== undefined && timeZone !== null) {
    const problem = timeZoneProblem(timeZone);
    if (problem) invalid('spec.timeZone', `Invalid value: ${text(timeZone)}: ${problem}`,
      'use an IANA time zone name such as "Etc/UTC" or "Europe/Berlin"');
  }
  const concurrency = spec.concurrencyPolicy;
  // SetDefaults_CronJob: an unset or empty policy is Allow.
  if (!defaultedString(concurrency) && !['Allow', 'Forbid', 'Replace'].includes(concurrency as string)) {
    invalid('spec.concurrencyPolicy', `Unsupported value: ${quote(concurrency)}: supported values: "Allow", "Forbid", "Replace"`,
      'use Allow, Forbid or Replace');
  }
  nonNegative(spec, ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'], 'spec', invalid);
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * Zones of the tz database that Go's time.LoadLocation loads and ICU does not: batch validation_test.go
 * TestTimeZones lists "Factory" among the valid zones.
 */
const GO_ONLY_ZONES: ReadonlySet<string> = new Set(['Factory']);

/**
 * batch validation `validateTimeZone`: not empty, not "Local", each part of the name in the tz database's
 * alphabet, and a zone the API server's tz database knows (`time.LoadLocation`); Node's ICU database
 * stands in for it.
 */
function timeZoneProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'timeZone must be nil or non-empty string';
  if (value.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  for (const part of value.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return 'unknown time zone ' + value;
  }
  if (GO_ONLY_ZONES.has(value)) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return `unknown time zone ${value}`;
  }
  return undefined;
}
