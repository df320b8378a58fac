/**
 * A CronJob schedule as the API server reads it: `cron.ParseStandard` of github.com/robfig/cron/v3 (called
 * by pkg/apis/batch/validation `validateScheduleFormat`): five fields (minute, hour, day of month, month,
 * day of week), each `*`, `?`, a value, a range `a-b`, any of them with a step `/n`, or a comma list of
 * them; month and day names (JAN, MON) in any case; or a descriptor (`@hourly`, `@every 5m`). The message
 * is robfig's own words, as the API server returns them.
 */

interface Bounds { readonly min: number; readonly max: number; readonly names?: Readonly<Record<string, number>> }

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The five fields of a standard schedule, in robfig's order (parser.go `places`, spec.go bounds). */
const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Why the schedule does not parse, in robfig's words, or undefined when it does. */
export function cronScheduleProblem(schedule: string): string | undefined {
  let spec = schedule;
  // ParseStandard takes a leading TZ=/CRON_TZ=; validation refuses it separately (see `cronTimeZoneInSchedule`).
  const tz = /^(?:CRON_TZ|TZ)=(\S*)\s*/.exec(spec);
  if (tz) spec = spec.slice(tz[0].length);
  if (spec.length === 0) return 'empty spec string';
  if (spec.startsWith('@')) return descriptorProblem(spec);
  const fields = spec.trim().split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(',')) {
      const problem = rangeProblem(part, FIELDS[i]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Whether the schedule names a time zone, which the API server refuses on create (use `timeZone`). */
export function cronTimeZoneInSchedule(schedule: string): boolean {
  return schedule.includes('TZ');
}

function descriptorProblem(spec: string): string | undefined {
  if (DESCRIPTORS.has(spec)) return undefined;
  if (spec.startsWith('@every ')) {
    const duration = spec.slice('@every '.length);
    return goDurationValid(duration) ? undefined : `failed to parse duration ${spec}: time: invalid duration "${duration}"`;
  }
  return `unrecognized descriptor: ${spec}`;
}

/** One comma-separated part of a field: `*` or `?`, `a`, `a-b`, each optionally `/step` (robfig getRange). */
function rangeProblem(expr: string, bounds: Bounds): string | undefined {
  const [rangeText, stepText, ...extra] = expr.split('/');
  if (extra.length > 0) return `too many slashes: ${expr}`;
  let start: number;
  let end: number;
  if (rangeText === '*' || rangeText === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    const [low, high, ...more] = rangeText.split('-');
    if (more.length > 0) return `too many hyphens: ${expr}`;
    const first = valueOf(low, bounds);
    if (typeof first === 'string') return first;
    start = first;
    if (high === undefined) {
      end = start;
    } else {
      const second = valueOf(high, bounds);
      if (typeof second === 'string') return second;
      end = second;
    }
  }
  if (stepText !== undefined) {
    const step = mustParseInt(stepText);
    if (typeof step === 'string') return step;
    if (step === 0) return `step of range should be a positive number: ${expr}`;
  }
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}

function valueOf(text: string, bounds: Bounds): number | string {
  const named = bounds.names?.[text.toLowerCase()];
  return named !== undefined ? named : mustParseInt(text);
}

/** strconv.Atoi of a non-negative number, as robfig's mustParseInt. */
function mustParseInt(text: string): number | string {
  if (!/^[+-]?\d+$/.test(text) || text.replace(/^[+-]/, '').length > 9) {
    return `failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
  }
  const n = Number(text);
  if (n < 0) return `negative number (${n}) not allowed: ${text}`;
  return n;
}

/** Go's time.ParseDuration: a sequence of decimal numbers, each with a unit (ns, us, µs, ms, s, m, h). */
function goDurationValid(text: string): boolean {
  return /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(text) || text === '0';
}
