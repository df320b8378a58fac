import { cronScheduleProblem, cronTimeZoneInSchedule } from '../../src/checks/cron-schedule';

/**
 * The schedule parser of github.com/robfig/cron/v3 as `cron.ParseStandard` reads it (its parser_test.go
 * TestParseScheduleErrors, TestStandardSpecSchedule; pkg/apis/batch/validation's TestValidateCronJob for
 * the TZ rule). Cases of our own, in the shapes of theirs.
 */
describe('valid schedules', () => {
  test.each([
    '* * * * *', '0 3 * * *', '*/15 * * * *', '0 0 1 1 *', '5 4 * * sun', '0 0 * JAN-MAR MON-FRI', '0-30/10 9-17 * * 1-5',
    '0,15,30,45 * * * *', '? * * * *', '0 0 31 12 6', '@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually',
    '@every 5m', '@every 1h30m',
  ])('%s', (schedule) => {
    expect(cronScheduleProblem(schedule)).toBeUndefined();
  });
});

describe('invalid schedules, in robfig\'s words', () => {
  test.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every 5 minutes', 'failed to parse duration @every 5 minutes: time: invalid duration "5 minutes"'],
    ['', 'empty spec string'],
  ])('%s: %s', (schedule, message) => {
    expect(cronScheduleProblem(schedule)).toBe(message);
  });
});

test('a time zone in the schedule parses, and is for the rule that refuses it on create to say so', () => {
  expect(cronScheduleProblem('TZ=UTC 0 3 * * *')).toBeUndefined();
  expect(cronTimeZoneInSchedule('CRON_TZ=Europe/Berlin 0 3 * * *')).toBe(true);
  expect(cronTimeZoneInSchedule('0 3 * * *')).toBe(false);
});
